/** Router for everything under /data/foundation/flowservice. */
import { checkGateway, requireSandbox } from '../auth';
import type { EmulatorCore } from '../core';
import { FLOW_SERVICE_PREFIX, REDSHIFT_CONNECTION_SPEC_ID } from '../defaults';
import { flow } from '../errors';
import { json, type Reply, type RequestContext } from '../http';
import { connectionSpecDocument } from '../spec';
import * as c from './connections';
import * as d from './dataflows';

type Handler = (ctx: c.FlowContext, core: EmulatorCore, id: string) => Reply;

const ROUTES: Array<{ pattern: RegExp; methods: Record<string, Handler> }> = [
	{ pattern: /^\/connections$/, methods: { POST: c.createConnection, GET: c.listAll } },
	{
		pattern: /^\/connections\/([^/]+)$/,
		methods: { GET: c.getConnection, PATCH: c.patchConnection, DELETE: c.deleteConnection },
	},
	{ pattern: /^\/connections\/([^/]+)\/test$/, methods: { GET: c.testConnection } },
	{ pattern: /^\/connections\/([^/]+)\/explore$/, methods: { GET: c.explore } },
	{ pattern: /^\/connectionSpecs\/([^/]+)$/, methods: { GET: getConnectionSpec } },
	{ pattern: /^\/sourceConnections$/, methods: { POST: d.createSourceConnection } },
	{ pattern: /^\/sourceConnections\/([^/]+)$/, methods: { GET: d.getSourceConnection } },
	{ pattern: /^\/targetConnections$/, methods: { POST: d.createTargetConnection } },
	{ pattern: /^\/targetConnections\/([^/]+)$/, methods: { GET: d.getTargetConnection } },
	{ pattern: /^\/flows$/, methods: { POST: d.createFlow } },
	{ pattern: /^\/flows\/([^/]+)$/, methods: { GET: d.getFlow } },
];

function getConnectionSpec(_ctx: c.FlowContext, core: EmulatorCore, id: string): Reply {
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

export function handleFlowService(ctx: RequestContext, core: EmulatorCore): Reply {
	checkGateway(ctx, core.options, core.tokens);
	const flowCtx: c.FlowContext = { ...ctx, sandboxName: requireSandbox(ctx, core.options) };
	const sub = ctx.path.slice(FLOW_SERVICE_PREFIX.length);
	for (const route of ROUTES) {
		const m = route.pattern.exec(sub);
		if (!m) continue;
		const handler = route.methods[ctx.method];
		if (!handler) throw flow.methodNotAllowed();
		return handler(flowCtx, core, safeDecode(m[1] ?? ''));
	}
	throw flow.notFound(`Resource '${sub}'`);
}
