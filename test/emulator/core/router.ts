/** Top-level dispatch by path, and rendering of thrown errors into Adobe's shapes. */
import type { EmulatorCore } from './emulatorCore';
import { FLOW_SERVICE_PREFIX, IMS_TOKEN_PATH, SANDBOX_MANAGEMENT_PATH } from './defaults';
import { FlowError, GatewayError, gateway, ImsError } from './errors';
import { json, type Reply, type RequestContext } from './http';
import { CATALOG_PREFIX, DATASET_ROUTES } from '../catalog/datasets';
import { asService } from './errors';
import { DATA_PREP_PREFIX, MAPPING_SET_ROUTES } from '../mappingSets/mappingSets';
import { handleFlowService, serveRoutes, type Route } from './flowService';
import { SCHEMA_REGISTRY_PREFIX, SCHEMA_ROUTES } from '../schemaRegistry/schemas';
import { issueToken } from '../ims/ims';
import { listSandboxes } from '../sandboxes/sandboxes';

export function isPlatformPath(path: string): boolean {
	return path.startsWith('/data/');
}

/** The other Platform services, each with its error type prefix (emulator choice). */
const SERVICES: Array<{ prefix: string; service: string; routes: Route[] }> = [
	{ prefix: CATALOG_PREFIX, service: 'CAT', routes: DATASET_ROUTES },
	{ prefix: SCHEMA_REGISTRY_PREFIX, service: 'XDM', routes: SCHEMA_ROUTES },
	{ prefix: DATA_PREP_PREFIX, service: 'DPREP', routes: MAPPING_SET_ROUTES },
];

function dispatch(ctx: RequestContext, core: EmulatorCore): Reply {
	if (ctx.path === IMS_TOKEN_PATH) return issueToken(ctx, core);
	for (const s of SERVICES) {
		if (ctx.path.startsWith(`${s.prefix}/`))
			return asService(s.service, () => serveRoutes(ctx, core, s.prefix, s.routes));
	}
	if (ctx.path === FLOW_SERVICE_PREFIX || ctx.path.startsWith(`${FLOW_SERVICE_PREFIX}/`)) {
		return handleFlowService(ctx, core);
	}
	// Only the trailing-slash form is served, as documented by Adobe.
	if (ctx.path === SANDBOX_MANAGEMENT_PATH) return listSandboxes(ctx, core);
	throw gateway.notFound();
}

export function renderError(err: unknown, requestId: string): Reply {
	if (err instanceof FlowError) return json(err.status, err.body(requestId));
	if (err instanceof GatewayError) return json(err.status, err.body());
	if (err instanceof ImsError) return json(400, err.body());
	// A bug in the emulator, not a caller mistake: answer like a service failure and say so on stderr.
	process.stderr.write(`[emulator] internal error: ${(err as Error)?.stack ?? String(err)}\n`);
	return json(
		500,
		new FlowError('1000-500', 'Internal error', 'Unexpected emulator error').body(requestId),
	);
}

export function route(ctx: RequestContext, core: EmulatorCore): Reply {
	let reply: Reply;
	try {
		reply = dispatch(ctx, core);
	} catch (err) {
		reply = renderError(err, ctx.requestId);
	}
	if (isPlatformPath(ctx.path)) reply.headers['x-request-id'] = ctx.requestId;
	return reply;
}

/** Reply for an injected status fault; without a body, a default in the shape that path would use. */
export function faultReply(
	fault: { status: number; headers?: Record<string, string>; body?: unknown },
	ctx: RequestContext,
): Reply {
	const headers = { 'content-type': 'application/json;charset=utf-8', ...(fault.headers ?? {}) };
	if (fault.body !== undefined) {
		const body = typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body);
		return { status: fault.status, headers, body };
	}
	if (ctx.path === IMS_TOKEN_PATH) {
		return json(
			fault.status,
			{ error: 'temporarily_unavailable', error_description: 'injected fault' },
			headers,
		);
	}
	if (fault.status === 429) {
		return json(429, { error_code: '429001', message: 'Too many requests' }, headers);
	}
	const code = fault.status === 503 ? '1103' : fault.status === 504 ? '1104' : '1000';
	const err = new FlowError(
		`${code}-${fault.status}`,
		'Injected fault',
		'Injected by the emulator',
	);
	err.service = SERVICES.find((s) => ctx.path.startsWith(`${s.prefix}/`))?.service ?? 'FLOW';
	return json(fault.status, err.body(ctx.requestId), headers);
}
