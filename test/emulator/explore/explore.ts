/** Explore and test a base connection: /connections/{id}/explore and /connections/{id}/test. */
import { findConnection } from '../connections/connections';
import { isReachable } from '../connections/reachability';
import type { EmulatorCore } from '../core/emulatorCore';
import { flow } from '../core/errors';
import type { FlowContext } from '../core/flowService';
import { json, type Reply } from '../core/http';
import { rootListing, tableSchema } from './tables';

export function testConnection(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	return json(200, { result: isReachable(findConnection(ctx, core, id).auth.params.server) });
}

export function explore(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	const conn = findConnection(ctx, core, id);
	// The spec's enum is upper case (ROOT, TABLE), every tutorial writes lower case: both are accepted.
	const objectType = ctx.query.get('objectType')?.toLowerCase();
	if (!objectType) throw flow.mandatory('objectType');
	if (objectType !== 'root' && objectType !== 'table')
		throw flow.invalid("'objectType' must be 'root' or 'table'");
	if (!isReachable(conn.auth.params.server)) throw flow.sourceUnreachable();
	if (objectType === 'root') return json(200, rootListing(core.options.tables));

	const object = ctx.query.get('object');
	if (!object) throw flow.mandatory('object');
	const table = core.options.tables.find((t) => t.path === object);
	if (!table) throw flow.notFound(`Table '${object}'`);
	return json(200, tableSchema(table));
}
