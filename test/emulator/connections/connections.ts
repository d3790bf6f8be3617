/** Base connections: the handlers for /connections and /connections/{id}. The sandbox is already checked. */
import type { EmulatorCore } from '../core/emulatorCore';
import { flow } from '../core/errors';
import type { FlowContext } from '../core/flowService';
import { empty, json, readJsonBody, type Reply } from '../core/http';
import { listItems, type ListResult } from '../core/listing';
import { createIn, touch } from '../core/store';
import type { StoredConnection } from '../core/types';
import { applyPatch } from './patch';
import { SECRET_PARAMS } from './spec';
import { validateConnectionBody } from './validation';

/** The GET view: secrets are omitted from auth.params, as the real service never returns them. */
export function publicView(conn: StoredConnection): StoredConnection {
	const copy = structuredClone(conn);
	for (const name of SECRET_PARAMS) delete copy.auth.params[name];
	return copy;
}

/** `connections` must be in creation order. Secrets are never filterable (they match nothing). */
export function listConnections(
	connections: StoredConnection[],
	query: URLSearchParams,
): ListResult<StoredConnection> {
	return listItems(connections, query, {
		href: '/connections',
		view: publicView,
		hidden: (path) =>
			path.startsWith('auth.params.') && SECRET_PARAMS.has(path.slice('auth.params.'.length)),
	});
}

/** The connection `id` of the caller's sandbox, or FLOW-1439-404. */
export function findConnection(ctx: FlowContext, core: EmulatorCore, id: string): StoredConnection {
	const conn = core.connections.get(id, ctx.sandboxName);
	if (!conn) throw flow.notFound(`Connection '${id}'`);
	return conn;
}

export function createConnection(ctx: FlowContext, core: EmulatorCore): Reply {
	const fields = validateConnectionBody(readJsonBody(ctx), core.options.hosting);
	const conn = createIn(core.connections, fields, core.caller(ctx.sandboxName));
	return json(201, { id: conn.id, etag: conn.etag });
}

export function getConnection(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	return json(200, { items: [publicView(findConnection(ctx, core, id))] });
}

export function listAll(ctx: FlowContext, core: EmulatorCore): Reply {
	return json(200, listConnections(core.connections.inSandbox(ctx.sandboxName), ctx.query));
}

export function patchConnection(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	const conn = findConnection(ctx, core, id);
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
	conn.name = fields.name;
	if (fields.description !== undefined) conn.description = fields.description;
	else delete conn.description;
	conn.auth = structuredClone(fields.auth);
	touch(conn, core.options.clientId);
	return json(200, { id: conn.id, etag: conn.etag });
}

export function deleteConnection(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	findConnection(ctx, core, id);
	if (core.connectionInUse(id)) throw flow.inUse();
	core.connections.delete(id);
	core.markedInUse.delete(id);
	return empty(204);
}
