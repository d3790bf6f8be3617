/** Handlers for /sourceConnections, /targetConnections and /flows (create and get by id). */
import type { EmulatorCore } from '../core';
import { validateFlowBody, validateSourceConnectionBody, validateTargetConnectionBody } from '../dataflow-validation';
import { flow } from '../errors';
import { json, readJsonBody, type Reply } from '../http';
import type { FlowContext } from './connections';

export function createSourceConnection(ctx: FlowContext, core: EmulatorCore): Reply {
	const fields = validateSourceConnectionBody(readJsonBody(ctx), core.lookups(ctx.sandboxName));
	const created = core.dataflows.createSource(fields, core.caller(ctx.sandboxName));
	return json(201, { id: created.id, etag: created.etag });
}

export function createTargetConnection(ctx: FlowContext, core: EmulatorCore): Reply {
	const fields = validateTargetConnectionBody(readJsonBody(ctx), core.lookups(ctx.sandboxName));
	const created = core.dataflows.createTarget(fields, core.caller(ctx.sandboxName));
	return json(201, { id: created.id, etag: created.etag });
}

export function createFlow(ctx: FlowContext, core: EmulatorCore): Reply {
	const fields = validateFlowBody(readJsonBody(ctx), core.lookups(ctx.sandboxName));
	const created = core.dataflows.createFlow(fields, core.caller(ctx.sandboxName));
	return json(201, { id: created.id, etag: created.etag });
}

// Like GET /connections/{id}: an `items` array even for one object.
export function getSourceConnection(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	const found = core.dataflows.sources.get(id, ctx.sandboxName);
	if (!found) throw flow.notFound(`Source connection '${id}'`);
	return json(200, { items: [structuredClone(found)] });
}

export function getTargetConnection(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	const found = core.dataflows.targets.get(id, ctx.sandboxName);
	if (!found) throw flow.notFound(`Target connection '${id}'`);
	return json(200, { items: [structuredClone(found)] });
}

export function getFlow(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	const found = core.dataflows.flows.get(id, ctx.sandboxName);
	if (!found) throw flow.notFound(`Flow '${id}'`);
	return json(200, { items: [structuredClone(found)] });
}
