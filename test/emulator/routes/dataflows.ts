/** Handlers for /sourceConnections and /targetConnections (create, get, list, delete) and flow create. */
import type { EmulatorCore } from '../core';
import { validateFlowBody, validateSourceConnectionBody, validateTargetConnectionBody } from '../dataflow-validation';
import { flow } from '../errors';
import { empty, json, readJsonBody, type Reply } from '../http';
import { listItems } from '../listing';
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

export function listSourceConnections(ctx: FlowContext, core: EmulatorCore): Reply {
	return json(200, listItems(core.dataflows.sources.inSandbox(ctx.sandboxName), ctx.query, { href: '/sourceConnections', view: (item) => structuredClone(item) }));
}

export function listTargetConnections(ctx: FlowContext, core: EmulatorCore): Reply {
	return json(200, listItems(core.dataflows.targets.inSandbox(ctx.sandboxName), ctx.query, { href: '/targetConnections', view: (item) => structuredClone(item) }));
}

/** Emulator choice: a source or target connection that a flow still uses cannot be deleted (1418-400). */
function usedByFlow(core: EmulatorCore, sandboxName: string, id: string): boolean {
	return core.dataflows.flows.inSandbox(sandboxName).some((f) => f.sourceConnectionIds.includes(id) || f.targetConnectionIds.includes(id));
}

export function deleteSourceConnection(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	if (!core.dataflows.sources.get(id, ctx.sandboxName)) throw flow.notFound(`Source connection '${id}'`);
	if (usedByFlow(core, ctx.sandboxName, id)) throw flow.inUse();
	core.dataflows.sources.delete(id);
	return empty(204);
}

export function deleteTargetConnection(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	if (!core.dataflows.targets.get(id, ctx.sandboxName)) throw flow.notFound(`Target connection '${id}'`);
	if (usedByFlow(core, ctx.sandboxName, id)) throw flow.inUse();
	core.dataflows.targets.delete(id);
	return empty(204);
}
