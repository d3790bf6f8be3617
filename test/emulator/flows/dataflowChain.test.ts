import {
	DATA_LAKE_CONNECTION_SPEC_ID,
	DATABASE_FLOW_SPEC_ID,
	REDSHIFT_CONNECTION_SPEC_ID,
} from '../core/defaults';
import { DEFAULT_SCHEMA_ID } from '../core/emulatorCore';
import {
	CONNECTIONS,
	expectFlowError,
	flowBody,
	redshiftBody,
	startHarness,
	useHarness,
	type CallResult,
} from '../testkit';

const FLOW_SERVICE = '/data/foundation/flowservice';
const SOURCES = `${FLOW_SERVICE}/sourceConnections`;
const TARGETS = `${FLOW_SERVICE}/targetConnections`;
const FLOWS = `${FLOW_SERVICE}/flows`;
const ETAG = /^".+"$/;
/** A well-formed mapping set ID that no mapping set has. */
const UNKNOWN_MAPPING_ID = '0b090130b58b4819afc78b6dc98b484d';
const CUSTOMERS_SCHEMA_ID =
	'https://ns.adobe.com/emulator/schemas/1a2b3c4d5e6f708192a3b4c5d6e7f809';
/** Set per test: a Catalog dataset of the default schema and a mapping set to that schema. */
let DATASET_ID: string;
let MAPPING_ID: string;

type Body = Record<string, unknown>;

/** Deep copy with one change at a dotted path; `undefined` deletes the key. */
function withChange(body: Body, path: string, value: unknown): Body {
	const copy = structuredClone(body);
	const parts = path.split('.');
	let cur: Record<string, unknown> = copy;
	for (const part of parts.slice(0, -1)) cur = cur[part] as Record<string, unknown>;
	const last = parts[parts.length - 1];
	if (value === undefined) delete cur[last];
	else cur[last] = value;
	return copy;
}

const ORDER_COLUMNS = [
	{ name: 'order_id', type: 'string', xdm: { type: 'string' } },
	{
		name: 'ordered_at',
		type: 'string',
		'meta:xdmType': 'date-time',
		xdm: { type: 'string', format: 'date-time' },
	},
];

function sourceBody(baseConnectionId: string): Body {
	return {
		name: 'Redshift orders source',
		description: 'public.orders',
		baseConnectionId,
		data: { format: 'tabular' },
		params: { tableName: 'public.orders', columns: ORDER_COLUMNS },
		connectionSpec: { id: REDSHIFT_CONNECTION_SPEC_ID, version: '1.0' },
	};
}

function targetBody(): Body {
	return {
		name: 'Orders dataset',
		data: {
			schema: {
				id: DEFAULT_SCHEMA_ID,
				version: 'application/vnd.adobe.xed-full+json;version=1',
			},
		},
		params: { dataSetId: DATASET_ID },
		connectionSpec: { id: DATA_LAKE_CONNECTION_SPEC_ID, version: '1.0' },
	};
}

/** The chain's flow over the test's mapping set: hourly (Copy, then Mapping) or `once` (Mapping only). */
const hourlyFlow = (sourceId: string, targetId: string): Body =>
	flowBody({ sourceId, targetId, mappingId: MAPPING_ID });
const onceFlow = (sourceId: string, targetId: string): Body =>
	flowBody(
		{ sourceId, targetId, mappingId: MAPPING_ID },
		{ startTime: 1612310466, frequency: 'once' },
	);

describe('dataflow chain: /sourceConnections, /targetConnections, /flows', () => {
	const h = useHarness();
	let baseId: string;

	beforeEach(async () => {
		baseId = (await h.create()).json.id;
		DATASET_ID = h.emu.seedDataset().id;
		MAPPING_ID = h.emu.seedMappingSet().id;
	});

	function created(res: CallResult): string {
		expect(res.status).toBe(201);
		expect(res.json).toEqual({ id: expect.any(String), etag: expect.stringMatching(ETAG) });
		return res.json.id as string;
	}

	async function chain(): Promise<{ sourceId: string; targetId: string; flowId: string }> {
		const sourceId = created(await h.post(SOURCES, sourceBody(baseId)));
		const targetId = created(await h.post(TARGETS, targetBody()));
		const flowId = created(await h.post(FLOWS, hourlyFlow(sourceId, targetId)));
		return { sourceId, targetId, flowId };
	}

	describe('the happy path', () => {
		it('creates source, target and flow, and serves each by id as {items: [..]}', async () => {
			const { sourceId, targetId, flowId } = await chain();

			const source = await h.get(`${SOURCES}/${sourceId}`);
			expect(source.status).toBe(200);
			expect(source.json.items).toHaveLength(1);
			expect(source.json.items[0]).toMatchObject({
				id: sourceId,
				name: 'Redshift orders source',
				baseConnectionId: baseId,
				state: 'enabled',
				data: { format: 'tabular' },
				params: { tableName: 'public.orders', columns: ORDER_COLUMNS },
				connectionSpec: { id: REDSHIFT_CONNECTION_SPEC_ID, version: '1.0' },
				sandboxName: 'prod',
				etag: expect.stringMatching(ETAG),
			});

			const target = (await h.get(`${TARGETS}/${targetId}`)).json.items[0];
			expect(target).toMatchObject({ id: targetId, params: { dataSetId: DATASET_ID } });

			const flow = (await h.get(`${FLOWS}/${flowId}`)).json.items[0];
			expect(flow).toMatchObject({
				id: flowId,
				flowSpec: { id: DATABASE_FLOW_SPEC_ID, version: '1.0' },
				sourceConnectionIds: [sourceId],
				targetConnectionIds: [targetId],
				transformations: hourlyFlow(sourceId, targetId).transformations,
				scheduleParams: { startTime: 1612310466, frequency: 'hour', interval: 1 },
				inheritedAttributes: {
					sourceConnections: [
						{
							id: sourceId,
							baseConnection: {
								id: baseId,
								connectionSpec: { id: REDSHIFT_CONNECTION_SPEC_ID, version: '1.0' },
							},
						},
					],
					targetConnections: [
						{ id: targetId, connectionSpec: { id: DATA_LAKE_CONNECTION_SPEC_ID, version: '1.0' } },
					],
				},
				runs: `/runs?property=flowId==${flowId}`,
			});

			expect(h.emu.sourceConnections().map((s) => s.id)).toEqual([sourceId]);
			expect(h.emu.targetConnections().map((t) => t.id)).toEqual([targetId]);
			expect(h.emu.flows().map((f) => f.id)).toEqual([flowId]);
		});

		it('accepts a source connection without columns and stores the table columns (open question 3)', async () => {
			const id = created(
				await h.post(SOURCES, withChange(sourceBody(baseId), 'params.columns', undefined)),
			);
			expect(
				h.emu
					.sourceConnections()
					.find((c) => c.id === id)
					?.params.columns.map((c) => c.name),
			).toEqual(['order_id', 'customer_id', 'quantity', 'total', 'paid', 'ordered_at']);
		});

		it.each([
			'application/vnd.adobe.xed-full+json;version=1',
			'application/vnd.adobe.xed-full+json;version=1.0',
		])(
			'accepts the target schema version %s, with or without data.format (open question 15)',
			async (version) => {
				created(await h.post(TARGETS, withChange(targetBody(), 'data.schema.version', version)));
				created(
					await h.post(
						TARGETS,
						withChange(
							withChange(targetBody(), 'data.schema.version', version),
							'data.format',
							'parquet_xdm',
						),
					),
				);
			},
		);

		it('accepts the columns exactly as explore returns them', async () => {
			const schema = await h.get(
				`${CONNECTIONS}/${baseId}/explore?objectType=table&object=public.customers`,
			);
			const body = {
				...sourceBody(baseId),
				params: { tableName: 'public.customers', columns: schema.json.schema.columns },
			};
			created(await h.post(SOURCES, body));
		});

		it("accepts Adobe's own example shapes: meta:xdmType, cdcEnabled false, numbers as strings, Copy + Mapping", async () => {
			const columns = [
				{
					name: 'ordered_at',
					type: 'string',
					'meta:xdmType': 'date-time',
					xdm: { type: 'string', format: 'date-time' },
				},
			];
			const sourceId = created(
				await h.post(
					SOURCES,
					withChange(sourceBody(baseId), 'params', {
						tableName: 'public.orders',
						columns,
						cdcEnabled: false,
					}),
				),
			);
			const targetId = created(
				await h.post(TARGETS, withChange(targetBody(), 'data.format', 'parquet_xdm')),
			);
			const body = {
				...hourlyFlow(sourceId, targetId),
				transformations: [
					{
						name: 'Copy',
						params: {
							deltaColumn: { name: 'ordered_at', dateFormat: 'YYYY-MM-DD', timezone: 'UTC' },
						},
					},
					{ name: 'Mapping', params: { mappingId: MAPPING_ID, mappingVersion: '0' } },
				],
				scheduleParams: {
					startTime: '1612310466',
					frequency: 'minute',
					interval: '15',
					backfill: 'true',
				},
			};
			created(await h.post(FLOWS, body));
		});

		it.each([
			[{ startTime: 1612310466, frequency: 'day', interval: 1, backfill: false }],
			[{ startTime: 1612310466, frequency: 'week', interval: 2 }],
			[{ startTime: 1612310466, frequency: 'minute', interval: 15, backfill: true }],
		])('accepts schedule %p', async (scheduleParams) => {
			const sourceId = created(await h.post(SOURCES, sourceBody(baseId)));
			const targetId = created(await h.post(TARGETS, targetBody()));
			created(await h.post(FLOWS, { ...hourlyFlow(sourceId, targetId), scheduleParams }));
		});

		it('creates a one-time flow without a delta column, and one without transformations', async () => {
			const sourceId = created(await h.post(SOURCES, sourceBody(baseId)));
			const targetId = created(await h.post(TARGETS, targetBody()));
			created(await h.post(FLOWS, onceFlow(sourceId, targetId)));
			const flowId = created(
				await h.post(FLOWS, withChange(onceFlow(sourceId, targetId), 'transformations', undefined)),
			);
			expect(h.emu.flows().find((f) => f.id === flowId)?.transformations).toEqual([]);
		});

		it('accepts options (partial ingestion, error diagnostics) on create', async () => {
			const sourceId = created(await h.post(SOURCES, sourceBody(baseId)));
			const targetId = created(await h.post(TARGETS, targetBody()));
			const flowId = created(
				await h.post(FLOWS, {
					...hourlyFlow(sourceId, targetId),
					options: { partialIngestionPercent: 5, errorDiagnosticsEnabled: true },
				}),
			);
			expect((await h.get(`${FLOWS}/${flowId}`)).json.items[0].options).toEqual({
				partialIngestionPercent: 5,
				errorDiagnosticsEnabled: true,
			});
		});
	});

	describe('source connection validation', () => {
		it.each<[string, string, unknown, string]>([
			['no name', 'name', undefined, '1304-400'],
			['a blank name', 'name', '  ', '1304-400'],
			['an unknown field', 'extra', true, '1301-400'],
			['no baseConnectionId', 'baseConnectionId', undefined, '1304-400'],
			[
				'an unknown base connection',
				'baseConnectionId',
				'00000000-0000-4000-8000-000000000000',
				'1439-404',
			],
			['a file format', 'data.format', 'delimited', '1301-400'],
			['no data', 'data', undefined, '1304-400'],
			['no tableName', 'params.tableName', undefined, '1304-400'],
			['an unknown table', 'params.tableName', 'public.nope', '1439-404'],
			['columns not an array', 'params.columns', { name: 'order_id' }, '1301-400'],
			['no columns', 'params.columns', [], '1304-400'],
			[
				'a column without xdm',
				'params.columns',
				[{ name: 'order_id', type: 'string' }],
				'1304-400',
			],
			[
				'a column with an unknown key',
				'params.columns',
				[{ ...ORDER_COLUMNS[0], nullable: true }],
				'1301-400',
			],
			[
				'a column of another table',
				'params.columns',
				[{ name: 'email', type: 'string', xdm: { type: 'string' } }],
				'1301-400',
			],
			['a column twice', 'params.columns', [ORDER_COLUMNS[0], ORDER_COLUMNS[0]], '1301-400'],
			[
				'an unknown column type',
				'params.columns',
				[{ name: 'order_id', type: 'varchar', xdm: { type: 'string' } }],
				'1301-400',
			],
			[
				'an unknown xdm type',
				'params.columns',
				[{ name: 'order_id', type: 'string', xdm: { type: 'date' } }],
				'1301-400',
			],
			['change data capture (not a Redshift feature)', 'params.cdcEnabled', true, '1301-400'],
			['a non-boolean cdcEnabled', 'params.cdcEnabled', 'false', '1301-400'],
			['another connection spec', 'connectionSpec.id', DATA_LAKE_CONNECTION_SPEC_ID, '1439-404'],
			['another spec version', 'connectionSpec.version', '2.0', '1301-400'],
			['no connectionSpec', 'connectionSpec', undefined, '1304-400'],
		])('refuses %s', async (_label, path, value, code) => {
			expectFlowError(await h.post(SOURCES, withChange(sourceBody(baseId), path, value)), code);
			expect(h.emu.sourceConnections()).toEqual([]);
		});

		it('refuses a base connection of another sandbox', async () => {
			expectFlowError(await h.post(SOURCES, sourceBody(baseId), 'dev'), '1439-404');
		});

		it('cannot reach the tables of an unreachable source (FLOW-1201-400)', async () => {
			const bad = (await h.create(redshiftBody({ server: 'cluster.invalid' }))).json.id;
			expectFlowError(await h.post(SOURCES, sourceBody(bad)), '1201-400');
		});

		it('needs JSON (415, then 400 for a broken body)', async () => {
			expectFlowError(
				await h.request('POST', SOURCES, JSON.stringify(sourceBody(baseId)), {
					headers: { 'content-type': 'text/plain' },
				}),
				'1302-415',
			);
			expectFlowError(await h.post(SOURCES, '{"name":'), '1300-400');
		});
	});

	describe('target connection validation', () => {
		it.each<[string, string, unknown, string]>([
			['no name', 'name', undefined, '1304-400'],
			['no data.schema', 'data.schema', undefined, '1304-400'],
			['a schema id that is not an XDM $id', 'data.schema.id', 'orders-schema', '1301-400'],
			['another schema version', 'data.schema.version', '1', '1301-400'],
			[
				'schema version 2',
				'data.schema.version',
				'application/vnd.adobe.xed-full+json;version=2',
				'1301-400',
			],
			['a file format', 'data.format', 'delimited', '1301-400'],
			['no dataSetId', 'params.dataSetId', undefined, '1304-400'],
			['a dataSetId that is not a Catalog id', 'params.dataSetId', 'orders', '1301-400'],
			['an unknown field in params', 'params.tableName', 'x', '1301-400'],
			['the Redshift spec', 'connectionSpec.id', REDSHIFT_CONNECTION_SPEC_ID, '1439-404'],
			[
				'an unknown base connection',
				'baseConnectionId',
				'00000000-0000-4000-8000-000000000000',
				'1439-404',
			],
			[
				'a dataset Catalog does not have',
				'params.dataSetId',
				'6019e0e7c5dcf718db5ebc71',
				'1439-404',
			],
			["a schema that is not the dataset's", 'data.schema.id', CUSTOMERS_SCHEMA_ID, '1301-400'],
		])('refuses %s', async (_label, path, value, code) => {
			expectFlowError(await h.post(TARGETS, withChange(targetBody(), path, value)), code);
			expect(h.emu.targetConnections()).toEqual([]);
		});
	});

	describe('flow validation', () => {
		let sourceId: string;
		let targetId: string;
		beforeEach(async () => {
			sourceId = created(await h.post(SOURCES, sourceBody(baseId)));
			targetId = created(await h.post(TARGETS, targetBody()));
		});

		const refuse = async (body: Body, code: string) => {
			expectFlowError(await h.post(FLOWS, body), code);
			expect(h.emu.flows()).toEqual([]);
		};

		it.each<[string, string, unknown, string]>([
			['no name', 'name', undefined, '1304-400'],
			['an unknown flow spec', 'flowSpec.id', '6499120c-0b15-42dc-936e-847ea3c24d72', '1439-404'],
			['another flow spec version', 'flowSpec.version', '2.0', '1301-400'],
			['no flowSpec', 'flowSpec', undefined, '1304-400'],
			['no sourceConnectionIds', 'sourceConnectionIds', undefined, '1304-400'],
			['empty sourceConnectionIds', 'sourceConnectionIds', [], '1304-400'],
			['a string for sourceConnectionIds', 'sourceConnectionIds', 'abc', '1301-400'],
			[
				'an unknown source connection',
				'sourceConnectionIds',
				['00000000-0000-4000-8000-000000000000'],
				'1439-404',
			],
			['no targetConnectionIds', 'targetConnectionIds', undefined, '1304-400'],
			[
				'an unknown target connection',
				'targetConnectionIds',
				['00000000-0000-4000-8000-000000000000'],
				'1439-404',
			],
			['no scheduleParams', 'scheduleParams', undefined, '1304-400'],
			['no startTime', 'scheduleParams.startTime', undefined, '1304-400'],
			['a startTime in milliseconds', 'scheduleParams.startTime', 1612310466000, '1301-400'],
			['a startTime that is not a number', 'scheduleParams.startTime', 'tomorrow', '1301-400'],
			['an unknown frequency', 'scheduleParams.frequency', 'month', '1397-400'],
			['an unknown schedule field', 'scheduleParams.timezone', 'UTC', '1301-400'],
			['no interval for hourly runs', 'scheduleParams.interval', undefined, '1304-400'],
			['interval 0', 'scheduleParams.interval', 0, '1362-400'],
			['a fractional interval', 'scheduleParams.interval', 1.5, '1363-400'],
			['state on create', 'state', 'enabled', '1410-400'],
			['options with a bad threshold', 'options', { partialIngestionPercent: 0 }, '1301-400'],
			[
				'a scheduled flow without a delta column',
				'transformations',
				[{ name: 'Mapping', params: { mappingId: UNKNOWN_MAPPING_ID } }],
				'1367-400',
			],
			[
				'a mapping set that does not exist',
				'transformations.1.params.mappingId',
				UNKNOWN_MAPPING_ID,
				'1439-404',
			],
			[
				'a mapping set version that does not exist',
				'transformations.1.params.mappingVersion',
				1,
				'1412-400',
			],
			['a non-boolean backfill', 'scheduleParams.backfill', 'yes', '1301-400'],
			['transformations not an array', 'transformations', { name: 'Mapping' }, '1301-400'],
			[
				'an unknown transformation',
				'transformations',
				[{ name: 'Filter', params: {} }],
				'1301-400',
			],
			[
				'a mapping id that is not a mapping set id',
				'transformations.1.params.mappingId',
				'FILL_IN',
				'1301-400',
			],
			[
				'a mapping twice',
				'transformations.0',
				{ name: 'Mapping', params: { mappingId: UNKNOWN_MAPPING_ID } },
				'1301-400',
			],
			[
				'a delta column the source does not have',
				'transformations',
				[{ name: 'Copy', params: { deltaColumn: { name: 'quantity' } } }],
				'1301-400',
			],
		])('refuses %s', async (_label, path, value, code) => {
			await refuse(withChange(hourlyFlow(sourceId, targetId), path, value), code);
		});

		it('refuses minute runs more often than every 15 minutes (FLOW-1362-400)', async () => {
			await refuse(
				withChange(hourlyFlow(sourceId, targetId), 'scheduleParams', {
					startTime: 1612310466,
					frequency: 'minute',
					interval: 10,
				}),
				'1362-400',
			);
		});

		it('refuses interval (1361), backfill (1364) or a delta column (1369) with frequency once', async () => {
			await refuse(
				withChange(onceFlow(sourceId, targetId), 'scheduleParams.interval', 1),
				'1361-400',
			);
			await refuse(
				withChange(onceFlow(sourceId, targetId), 'scheduleParams.backfill', true),
				'1364-400',
			);
			await refuse(
				withChange(hourlyFlow(sourceId, targetId), 'scheduleParams', {
					startTime: 1612310466,
					frequency: 'once',
				}),
				'1369-400',
			);
		});

		it("refuses a target whose dataset schema is not the mapping set's output schema (FLOW-1425-400)", async () => {
			const customers = h.emu.seedDataset({
				body: {
					name: 'Customers',
					schemaRef: {
						id: CUSTOMERS_SCHEMA_ID,
						contentType: 'application/vnd.adobe.xed+json;version=1',
					},
				},
			}).id;
			const other = created(
				await h.post(TARGETS, {
					...targetBody(),
					data: {
						schema: {
							id: CUSTOMERS_SCHEMA_ID,
							version: 'application/vnd.adobe.xed-full+json;version=1',
						},
					},
					params: { dataSetId: customers },
				}),
			);
			await refuse(hourlyFlow(sourceId, other), '1425-400');
		});

		it('refuses the same id twice, and ids swapped between source and target', async () => {
			await refuse(
				withChange(hourlyFlow(sourceId, targetId), 'sourceConnectionIds', [sourceId, sourceId]),
				'1301-400',
			);
			await refuse(hourlyFlow(targetId, sourceId), '1439-404');
		});

		it('refuses connections of another sandbox', async () => {
			expectFlowError(await h.post(FLOWS, hourlyFlow(sourceId, targetId), 'dev'), '1439-404');
		});
	});

	describe('reading', () => {
		it('answers 404 for unknown ids and for another sandbox', async () => {
			const { sourceId, targetId, flowId } = await chain();
			for (const path of [
				`${SOURCES}/${sourceId}`,
				`${TARGETS}/${targetId}`,
				`${FLOWS}/${flowId}`,
			]) {
				expect((await h.get(path)).status).toBe(200);
				expectFlowError(await h.get(path, 'dev'), '1439-404');
			}
			expectFlowError(await h.get(`${FLOWS}/00000000-0000-4000-8000-000000000000`), '1439-404');
		});

		it('answers 405 for methods it does not emulate', async () => {
			expectFlowError(await h.request('PATCH', `${SOURCES}/x`, []), '1006-405');
			expectFlowError(await h.post(`${FLOWS}/x`, {}), '1006-405');
		});

		it('goes through the gateway like every Flow Service call', async () => {
			const res = await h.request(
				'POST',
				FLOWS,
				{},
				{
					headers: { authorization: 'Bearer not-a-token' },
				},
			);
			expect(res.status).toBe(401);
			expect(res.json).toEqual({ error_code: '401013', message: 'Oauth token is not valid' });
			expectFlowError(
				await h.request('POST', SOURCES, sourceBody(baseId), {
					headers: { 'x-sandbox-name': undefined },
				}),
				'2105-400',
			);
		});
	});

	describe('connections in use', () => {
		const del = (id: string) => h.request('DELETE', `${CONNECTIONS}/${id}`);

		it('refuses to delete a base connection a flow reads from (FLOW-1418-400)', async () => {
			await chain();
			expectFlowError(await del(baseId), '1418-400');
			expect(h.emu.connections().map((c) => c.id)).toContain(baseId);
		});

		it('deletes a base connection that only a source connection (no flow) uses', async () => {
			created(await h.post(SOURCES, sourceBody(baseId)));
			expect((await del(baseId)).status).toBe(204);
		});

		it("counts a target connection's base connection too", async () => {
			const otherBase = (await h.create(redshiftBody({}, { name: 'target base' }))).json.id;
			const sourceId = created(await h.post(SOURCES, sourceBody(baseId)));
			const targetId = created(
				await h.post(TARGETS, { ...targetBody(), baseConnectionId: otherBase }),
			);
			created(await h.post(FLOWS, hourlyFlow(sourceId, targetId)));
			expectFlowError(await del(otherBase), '1418-400');
		});

		it('keeps markInUse working alongside', async () => {
			h.emu.markInUse(baseId);
			expectFlowError(await del(baseId), '1418-400');
			h.emu.markInUse(baseId, false);
			expect((await del(baseId)).status).toBe(204);
		});
	});

	describe('start time in the past (rejectPastStartTime)', () => {
		it('is accepted by default and refused with FLOW-1360-400 when the option is on', async () => {
			const strict = await startHarness({ rejectPastStartTime: true });
			try {
				const dataset = strict.emu.seedDataset().id;
				const target = strict.emu.seedTargetConnection({
					body: { ...targetBody(), params: { dataSetId: dataset } },
				}).id;
				const mapping = strict.emu.seedMappingSet().id;
				const base = (await strict.create()).json.id;
				const source = (await strict.post(SOURCES, sourceBody(base))).json.id;
				const body = withChange(
					hourlyFlow(source, target),
					'transformations.1.params.mappingId',
					mapping,
				);
				expectFlowError(await strict.post(FLOWS, body), '1360-400');
				const future = withChange(
					body,
					'scheduleParams.startTime',
					Math.floor(Date.now() / 1000) + 3600,
				);
				expect((await strict.post(FLOWS, future)).status).toBe(201);
			} finally {
				await strict.emu.close();
			}
		});
	});

	describe('controls', () => {
		it('lists source connections, target connections and flows over HTTP', async () => {
			const { sourceId, targetId, flowId } = await chain();
			expect(
				(await h.control('GET', 'source-connections')).json.map((s: { id: string }) => s.id),
			).toEqual([sourceId]);
			expect(
				(await h.control('GET', 'target-connections')).json.map((t: { id: string }) => t.id),
			).toEqual([targetId]);
			const flows = (await h.control('GET', 'flows')).json;
			expect(flows).toHaveLength(1);
			expect(flows[0]).toMatchObject({
				id: flowId,
				sourceConnectionIds: [sourceId],
				sandboxName: 'prod',
			});
		});

		it('seeds a target connection over HTTP (default body, per sandbox) for a flow to use', async () => {
			const seeded = await h.control('POST', 'target-connections', { sandboxName: 'dev' });
			expect(seeded.status).toBe(200);
			expect(seeded.json).toEqual({ id: expect.any(String), etag: expect.stringMatching(ETAG) });
			expect((await h.get(`${TARGETS}/${seeded.json.id}`, 'dev')).status).toBe(200);
			expectFlowError(await h.get(`${TARGETS}/${seeded.json.id}`), '1439-404');

			const prod = await h.control('POST', 'target-connections', {});
			const sourceId = created(await h.post(SOURCES, sourceBody(baseId)));
			created(await h.post(FLOWS, hourlyFlow(sourceId, prod.json.id)));
		});

		it('validates seeded bodies and sandboxes', async () => {
			const bad = await h.control('POST', 'target-connections', {
				body: withChange(targetBody(), 'params.dataSetId', 'x'),
			});
			expect(bad.status).toBe(400);
			expect(bad.json.error).toMatch(/^FLOW-1301-400: .*dataSetId/);
			const nowhere = await h.control('POST', 'target-connections', { sandboxName: 'nope' });
			expect(nowhere.status).toBe(400);
			expect(() => h.emu.seedTargetConnection({ body: { name: 'x' } })).toThrow(/FLOW-1304-400/);
			expect(h.emu.targetConnections()).toEqual([]);
		});

		it('seeds through the handle, and reset() clears the whole chain', async () => {
			const { id } = h.emu.seedTargetConnection({ body: { ...targetBody(), name: 'seeded' } });
			expect(h.emu.targetConnections()).toMatchObject([
				{ id, name: 'seeded', sandboxName: 'prod' },
			]);
			const sourceId = created(await h.post(SOURCES, sourceBody(baseId)));
			created(await h.post(FLOWS, hourlyFlow(sourceId, id)));
			h.emu.reset();
			expect(h.emu.sourceConnections()).toEqual([]);
			expect(h.emu.targetConnections()).toEqual([]);
			expect(h.emu.flows()).toEqual([]);
		});
	});
});
