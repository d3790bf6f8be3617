/** Router for everything under /data/foundation/flowservice. */
import * as c from '../connections/connections';
import { connectionSpecDocument } from '../connections/spec';
import { explore, testConnection } from '../explore/explore';
import { FLOW_ROUTES } from '../flows/flows';
import { RUN_ROUTES } from '../runs/runs';
import { validateSourceConnectionBody } from '../sourceConnections/sourceConnections';
import { validateTargetConnectionBody } from '../targetConnections/targetConnections';
import { checkGateway, requireSandbox } from './auth';
import { FLOW_SERVICE_PREFIX, REDSHIFT_CONNECTION_SPEC_ID } from './defaults';
import type { EmulatorCore } from './emulatorCore';
import { flow } from './errors';
import { json, type Reply, type RequestContext } from './http';
import { objectRoutes } from './objectRoutes';

/** A request past the gateway and sandbox checks. */
export interface FlowContext extends RequestContext {
	sandboxName: string;
}

/** A route handler; `id` is the first path group, URL-decoded ('' when the pattern has none). */
export type Handler = (ctx: FlowContext, core: EmulatorCore, id: string) => Reply;
export interface Route {
	pattern: RegExp;
	methods: Record<string, Handler>;
}

const ROUTES: Route[] = [
	{ pattern: /^\/connections$/, methods: { POST: c.createConnection, GET: c.listAll } },
	{
		pattern: /^\/connections\/([^/]+)$/,
		methods: { GET: c.getConnection, PATCH: c.patchConnection, DELETE: c.deleteConnection },
	},
	{ pattern: /^\/connections\/([^/]+)\/test$/, methods: { GET: testConnection } },
	{ pattern: /^\/connections\/([^/]+)\/explore$/, methods: { GET: explore } },
	{ pattern: /^\/connectionSpecs\/([^/]+)$/, methods: { GET: getConnectionSpec } },
	...objectRoutes('sourceConnections', 'Source connection', validateSourceConnectionBody),
	...objectRoutes('targetConnections', 'Target connection', validateTargetConnectionBody),
	...FLOW_ROUTES,
	...RUN_ROUTES,
];

function getConnectionSpec(_ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	if (id !== REDSHIFT_CONNECTION_SPEC_ID) throw flow.notFound(`Connection spec '${id}'`);
	return json(200, { items: [connectionSpecDocument(core.options.hosting)] });
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment; // a malformed escape simply matches nothing
	}
}

/**
 * Gateway and sandbox checks, then the first route whose pattern matches the path after `prefix`
 * (405 for a known path with another method, 404 for an unknown path).
 */
export function serveRoutes(
	ctx: RequestContext,
	core: EmulatorCore,
	prefix: string,
	routes: Route[],
): Reply {
	checkGateway(ctx, core.options, core.tokens);
	const flowCtx: FlowContext = { ...ctx, sandboxName: requireSandbox(ctx, core.options) };
	const sub = ctx.path.slice(prefix.length);
	for (const route of routes) {
		const m = route.pattern.exec(sub);
		if (!m) continue;
		const handler = route.methods[ctx.method];
		if (!handler) throw flow.methodNotAllowed();
		return handler(flowCtx, core, safeDecode(m[1] ?? ''));
	}
	throw flow.notFound(`Resource '${sub}'`);
}

export function handleFlowService(ctx: RequestContext, core: EmulatorCore): Reply {
	return serveRoutes(ctx, core, FLOW_SERVICE_PREFIX, ROUTES);
}
