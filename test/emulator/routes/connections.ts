/** Handlers for /connections and /connections/{id}[/test|/explore]. The sandbox is already checked. */
import { rootListing, tableSchema } from '../catalog';
import type { EmulatorCore } from '../core';
import { flow } from '../errors';
import { empty, json, readJsonBody, type Reply, type RequestContext } from '../http';
import { listConnections } from '../listing';
import { applyPatch } from '../patch';
import { isReachable } from '../reachability';
import { publicView } from '../state';
import type { StoredConnection } from '../types';
import { validateConnectionBody } from '../validation';

export interface FlowContext extends RequestContext {
	sandboxName: string;
}


function find(ctx: FlowContext, core: EmulatorCore, id: string): StoredConnection {
	const conn = core.store.get(id, ctx.sandboxName);
	if (!conn) throw flow.notFound(`Connection '${id}'`);
	return conn;
}

export function createConnection(ctx: FlowContext, core: EmulatorCore): Reply {
	const fields = validateConnectionBody(readJsonBody(ctx), core.options.hosting);
	const conn = core.store.create(fields, {
		clientId: core.options.clientId,
		orgId: core.options.orgId,
		sandboxName: ctx.sandboxName,
	});
	return json(201, { id: conn.id, etag: conn.etag });
}

export function getConnection(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	return json(200, { items: [publicView(find(ctx, core, id))] });
}

export function listAll(ctx: FlowContext, core: EmulatorCore): Reply {
	return json(200, listConnections(core.store.inSandbox(ctx.sandboxName), ctx.query));
}

export function patchConnection(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	const conn = find(ctx, core, id);
	const ifMatch = ctx.headers['if-match'];
	if (!ifMatch) throw flow.ifMatchMissing();
	if (ifMatch !== conn.etag) throw flow.etagMismatch();
	const ops = readJsonBody(ctx);
	const fields = applyPatch(
		{
			name: conn.name,
			...(conn.description !== undefined ? { description: conn.description } : {}),
			auth: conn.auth,
			connectionSpec: conn.connectionSpec,
		},
		ops,
		core.options.hosting,
	);
	const updated = core.store.update(conn, fields, core.options.clientId);
	return json(200, { id: updated.id, etag: updated.etag });
}

export function deleteConnection(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	find(ctx, core, id);
	if (core.connectionInUse(id)) throw flow.inUse();
	core.store.delete(id);
	return empty(204);
}

export function testConnection(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	return json(200, { result: isReachable(find(ctx, core, id).auth.params.server) });
}

export function explore(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	const conn = find(ctx, core, id);
	// The spec's enum is upper case (ROOT, TABLE), every tutorial writes lower case: both are accepted.
	const objectType = ctx.query.get('objectType')?.toLowerCase();
	if (!objectType) throw flow.mandatory('objectType');
	if (objectType !== 'root' && objectType !== 'table') throw flow.invalid("'objectType' must be 'root' or 'table'");
	if (!isReachable(conn.auth.params.server)) throw flow.sourceUnreachable();
	if (objectType === 'root') return json(200, rootListing(core.options.tables));

	const object = ctx.query.get('object');
	if (!object) throw flow.mandatory('object');
	const table = core.options.tables.find((t) => t.path === object);
	if (!table) throw flow.notFound(`Table '${object}'`);
	return json(200, tableSchema(table));
}
