/**
 * Dataflows in the emulator for tests of what reads runs (the trigger): each one a complete chain
 * made through the emulator's HTTP API (base connection, source connection, Data Lake target,
 * mapping set, hourly flow), so its runs can then be started and finished with the controls.
 */
import {
	DATABASE_FLOW_SPEC_ID,
	REDSHIFT_CONNECTION_SPEC_ID,
	type StartedEmulator,
} from '../emulator';
import { call, getToken, jsonHeaders, redshiftBody } from '../emulator/testkit';

const FLOW_SERVICE = '/data/foundation/flowservice';

/**
 * Creates one hourly dataflow per name in `options.sandbox` (default prod), all on one base
 * connection (`options.baseConnectionId`, else a new one), and returns their IDs, in order.
 */
export async function seedDataflows(
	emu: StartedEmulator,
	names: string[],
	options: { sandbox?: string; baseConnectionId?: string } = {},
): Promise<string[]> {
	const sandbox = options.sandbox ?? 'prod';
	const token = await getToken(emu);
	const post = async (path: string, body: unknown): Promise<string> => {
		const res = await call(emu, 'POST', path, { headers: jsonHeaders(emu, token, sandbox), body });
		if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.json)}`);
		return res.json.id as string;
	};
	const baseId =
		options.baseConnectionId ?? (await post(`${FLOW_SERVICE}/connections`, redshiftBody()));
	const ids: string[] = [];
	for (const name of names) {
		const sourceId = await post(`${FLOW_SERVICE}/sourceConnections`, {
			name: `${name} source`,
			baseConnectionId: baseId,
			data: { format: 'tabular' },
			params: {
				tableName: 'public.orders',
				columns: [
					{ name: 'order_id', type: 'string', xdm: { type: 'string' } },
					{
						name: 'ordered_at',
						type: 'string',
						'meta:xdmType': 'date-time',
						xdm: { type: 'string', format: 'date-time' },
					},
				],
			},
			connectionSpec: { id: REDSHIFT_CONNECTION_SPEC_ID, version: '1.0' },
		});
		const targetId = emu.seedTargetConnection({ sandboxName: sandbox }).id;
		const mappingId = emu.seedMappingSet({ sandboxName: sandbox }).id;
		ids.push(
			await post(`${FLOW_SERVICE}/flows`, {
				name,
				flowSpec: { id: DATABASE_FLOW_SPEC_ID, version: '1.0' },
				sourceConnectionIds: [sourceId],
				targetConnectionIds: [targetId],
				transformations: [
					{ name: 'Copy', params: { deltaColumn: { name: 'ordered_at' } } },
					{ name: 'Mapping', params: { mappingId, mappingVersion: 0 } },
				],
				scheduleParams: {
					startTime: Math.floor(Date.now() / 1000),
					frequency: 'hour',
					interval: 1,
				},
			}),
		);
	}
	return ids;
}
