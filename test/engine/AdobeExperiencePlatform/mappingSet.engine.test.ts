/**
 * The Mapping Set resource in n8n's engine against the emulator: Create with auto-mapping (columns
 * from a source connection or JSON, to same-named leaf fields of the dataset's xed-full schema;
 * pairs override), unmapped columns and type mismatches in the output, Validate before create,
 * If It Exists, Validate, Get, the pickers, bad input with nothing sent, the leak scan.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_SCHEMA_ID, TENANT_ID } from '../../emulator';
import { ORDER_COLUMNS, rl, useAepEmulator } from '../../support/platform/kit';

jest.setTimeout(30_000);

const aep = useAepEmulator('mappingSet');
const MAPPING_SETS = '/data/foundation/conversion/mappingSets';
const T = `_${TENANT_ID}`;

const dataset = (): string => aep.seedDataset();

const fromSource = (
	datasetId: string,
	sourceId: string,
	extra: INodeParameters = {},
): INodeParameters => ({
	resource: 'mappingSet',
	operation: 'create',
	mappingSetName: 'Orders mapping',
	datasetId: rl('list', datasetId),
	columnsFrom: 'sourceConnection',
	sourceConnectionId: rl('list', sourceId),
	...extra,
});

const fromJson = (
	datasetId: string,
	columns: IDataObject[],
	extra: INodeParameters = {},
): INodeParameters => ({
	resource: 'mappingSet',
	operation: 'create',
	mappingSetName: 'Orders mapping',
	datasetId: rl('id', datasetId),
	columnsFrom: 'json',
	columns: JSON.stringify(columns),
	...extra,
});

const posts = (path: string) =>
	aep.answered().filter((entry) => entry.method === 'POST' && entry.path === path);

describe('Create', () => {
	it("maps a source connection's columns to same-named schema fields, validates, then creates", async () => {
		const datasetId = dataset();
		const sourceId = await aep.seedSourceConnection();
		const run = await aep.run([{}], fromSource(datasetId, sourceId));
		const expected = [
			['order_id', `${T}.orderId`],
			['customer_id', `${T}.customerId`],
			['quantity', `${T}.quantity`],
			['total', `${T}.total`],
			['paid', `${T}.paid`],
			['ordered_at', `${T}.orderedAt`],
		].map(([source, destination]) => ({ sourceType: 'ATTRIBUTE', source, destination }));
		expect(run.json).toEqual([
			expect.objectContaining({
				id: expect.stringMatching(/^[0-9a-f]{32}$/),
				version: 0,
				name: 'Orders mapping',
				datasetId,
				schemaId: DEFAULT_SCHEMA_ID,
				sourceConnectionId: sourceId,
				mappings: expected,
				unmappedColumns: [],
				typeMismatches: [],
				reused: false,
				sandboxName: 'prod',
			}),
		]);
		// The schema came from the dataset, resolved (xed-full); validate went before the create.
		const schemaGet = aep
			.answered()
			.find((entry) => entry.path.startsWith('/data/foundation/schemaregistry/tenant/schemas/'));
		expect(schemaGet?.headers.accept).toBe('application/vnd.adobe.xed-full+json; version=1');
		const order = aep.calls().filter((call) => call.includes('mappingSets'));
		expect(order).toEqual([
			`GET ${MAPPING_SETS}`,
			`POST ${MAPPING_SETS}/validate`,
			`POST ${MAPPING_SETS}`,
			`GET ${MAPPING_SETS}`, // the race check: an older same-name set would win
			`GET ${MAPPING_SETS}/${run.json[0].id}`,
		]);
		expect(JSON.parse(posts(MAPPING_SETS)[0].body)).toEqual({
			name: 'Orders mapping',
			outputSchema: {
				schemaRef: {
					id: DEFAULT_SCHEMA_ID,
					contentType: 'application/vnd.adobe.xed-full+json;version=1',
				},
			},
			mappings: expected,
		});
		expect(aep.emu().mappingSets()).toHaveLength(1);
	});

	it('lists every unmapped column and type mismatch; explicit pairs override name matching', async () => {
		const datasetId = dataset();
		const columns = [
			{ name: 'Order-ID', type: 'varchar' },
			{ name: 'quantity', type: 'bigint' },
			{ name: 'coupon_code', type: 'string' },
			{ name: 'shipped', type: 'date' },
			{ name: 'event_time', type: 'timestamp' },
		];
		const run = await aep.run(
			[{}],
			fromJson(datasetId, columns, {
				mappingPairs: {
					pair: [
						{ source: 'event_time', destination: 'timestamp' },
						{ source: 'shipped', destination: `${T}.paid` },
					],
				},
			}),
		);
		expect(run.json[0]).toMatchObject({
			mappings: expect.arrayContaining([
				{ sourceType: 'ATTRIBUTE', source: 'Order-ID', destination: `${T}.orderId` },
				{ sourceType: 'ATTRIBUTE', source: 'event_time', destination: 'timestamp' },
			]),
			matched: expect.arrayContaining([
				{ column: 'event_time', destination: 'timestamp', by: 'pair' },
				{ column: 'Order-ID', destination: `${T}.orderId`, by: 'name' },
			]),
			unmappedColumns: [{ column: 'coupon_code', reason: 'no schema field has this name' }],
			typeMismatches: expect.arrayContaining([
				expect.objectContaining({
					column: 'quantity',
					columnType: 'bigint',
					destination: `${T}.quantity`,
					reason: 'a 64-bit column may overflow a 32-bit field',
				}),
				expect.objectContaining({ column: 'shipped', destination: `${T}.paid` }),
			]),
			reused: false,
		});
		expect(run.json[0].typeMismatches).toHaveLength(2);
	});

	it('If It Exists: Reuse It (default) returns the same set for the same mappings; other mappings are refused', async () => {
		const datasetId = dataset();
		const sourceId = await aep.seedSourceConnection();
		const first = await aep.run([{}], fromSource(datasetId, sourceId));
		const again = await aep.run([{}], fromSource(datasetId, sourceId));
		expect(again.json[0]).toMatchObject({
			id: first.json[0].id,
			version: 0,
			reused: true,
			unmappedColumns: [],
		});
		expect(aep.emu().mappingSets()).toHaveLength(1);
		const other = await aep.run(
			[{}],
			fromSource(datasetId, sourceId, {
				autoMatch: false,
				mappingPairs: { pair: [{ source: 'order_id', destination: '_id' }] },
			}),
		);
		expect(other.json[0].error).toMatch(/cannot be reused: its schema or its mappings differ/);
		expect(aep.emu().mappingSets()).toHaveLength(1);
	});

	it('Create Another and Stop With an Error', async () => {
		const datasetId = dataset();
		const sourceId = await aep.seedSourceConnection();
		await aep.run([{}], fromSource(datasetId, sourceId));
		const another = await aep.run([{}], fromSource(datasetId, sourceId, { ifExists: 'create' }));
		expect(another.json[0]).toMatchObject({ reused: false });
		expect(aep.emu().mappingSets()).toHaveLength(2);
		const stop = await aep.run([{}], fromSource(datasetId, sourceId, { ifExists: 'error' }));
		expect(stop.json[0].error).toMatch(/already exists/);
		expect(aep.emu().mappingSets()).toHaveLength(2);
	});

	it('a pair naming a field the schema lacks fails naming Mapping Pairs, and nothing is created', async () => {
		const datasetId = dataset();
		const run = await aep.run(
			[{}],
			fromJson(datasetId, [{ name: 'order_id', type: 'string' }], {
				mappingPairs: { pair: [{ source: 'order_id', destination: `${T}.nope` }] },
			}),
		);
		expect(run.json[0].error).toContain('"Mapping Pairs"');
		expect(run.json[0].error).toContain(`${T}.nope`);
		expect(posts(MAPPING_SETS)).toEqual([]);
	});

	it('no column matching any field fails, listing the unmapped columns', async () => {
		const run = await aep.run([{}], fromJson(dataset(), [{ name: 'coupon_code', type: 'string' }]));
		expect(run.json[0].error).toMatch(/No column maps/);
		expect(run.json[0].description).toContain('coupon_code (no schema field has this name)');
		expect(posts(MAPPING_SETS)).toEqual([]);
	});
});

describe('Validate and Get', () => {
	it('Validate asks Data Prep and creates nothing', async () => {
		const datasetId = dataset();
		const run = await aep.run([{}], {
			...fromJson(datasetId, ORDER_COLUMNS),
			operation: 'validate',
		});
		expect(run.json[0]).toMatchObject({
			valid: true,
			schemaId: DEFAULT_SCHEMA_ID,
			unmappedColumns: [],
		});
		expect(
			(run.json[0].validation as IDataObject[]).every((entry) => entry.status === 'SUCCESS'),
		).toBe(true);
		expect(aep.calls().filter((call) => call.startsWith('POST'))).toEqual([
			`POST ${MAPPING_SETS}/validate`,
		]);
		expect(aep.emu().mappingSets()).toEqual([]);
	});

	it('Get returns the mapping set with its mappings', async () => {
		const { id } = aep.emu().seedMappingSet();
		const run = await aep.run([{}], {
			resource: 'mappingSet',
			operation: 'get',
			mappingSetId: rl('id', id),
		});
		expect(run.json[0]).toMatchObject({
			id,
			version: 0,
			outputSchema: { schemaRef: { id: DEFAULT_SCHEMA_ID } },
			mappings: expect.any(Array),
			sandboxName: 'prod',
		});
	});
});

it('pickers: searchMappingSets and searchSourceConnections', async () => {
	const datasetId = dataset();
	const sourceId = await aep.seedSourceConnection({ name: 'Orders table' });
	await aep.run([{}], fromSource(datasetId, sourceId));
	const sets = await aep.listSearch('searchMappingSets', 'get', 'mappingSetId', 'orders');
	expect(sets.results).toEqual([
		expect.objectContaining({
			name: 'Orders mapping',
			value: expect.stringMatching(/^[0-9a-f]{32}$/),
		}),
	]);
	const sources = await aep.listSearch(
		'searchSourceConnections',
		'create',
		'sourceConnectionId',
		'orders',
	);
	expect(sources.results).toEqual([
		expect.objectContaining({ name: 'Orders table', value: sourceId }),
	]);
});

describe('bad input fails the item naming the field, with nothing sent', () => {
	const ID = '={{ $json.v }}';
	const DS = 'd'.repeat(24);
	const SRC = '373e88fc-43da-4e3c-be88-fc43da3e3c0f';
	const cases: Array<[string, INodeParameters, IDataObject, string, string]> = [
		[
			'create: name only spaces',
			fromSource(DS, SRC, { mappingSetName: '  ' }),
			{},
			'Mapping Set Name',
			'mappingSetName',
		],
		[
			'create: dataset not an ID',
			fromSource(DS, SRC, { datasetId: rl('id', ID) }),
			{ v: 'orders' },
			'Dataset',
			'datasetId',
		],
		[
			'create: source connection not a UUID',
			fromSource(DS, SRC, { sourceConnectionId: rl('id', ID) }),
			{ v: 'abc' },
			'Source Connection',
			'sourceConnectionId',
		],
		[
			'create: columns not JSON',
			fromJson(DS, [], { columns: '[{name:' }),
			{},
			'Columns',
			'columns',
		],
		['create: columns empty', fromJson(DS, []), {}, 'Columns', 'columns'],
		[
			'create: a column without a type',
			fromJson(DS, [{ name: 'order_id' }]),
			{},
			'Columns',
			'columns',
		],
		[
			'create: a column named twice',
			fromJson(DS, [
				{ name: 'a', type: 'string' },
				{ name: 'a', type: 'string' },
			]),
			{},
			'Columns',
			'columns',
		],
		[
			'create: pair for a column not in Columns',
			fromJson(DS, [{ name: 'a', type: 'string' }], {
				mappingPairs: { pair: [{ source: 'b', destination: '_id' }] },
			}),
			{},
			'Mapping Pairs',
			'mappingPairs',
		],
		[
			'create: pair without a field',
			fromJson(DS, [{ name: 'a', type: 'string' }], {
				mappingPairs: { pair: [{ source: 'a', destination: ' ' }] },
			}),
			{},
			'Mapping Pairs',
			'mappingPairs',
		],
		[
			'create: no pairs and name matching off',
			fromJson(DS, [{ name: 'a', type: 'string' }], { autoMatch: false }),
			{},
			'Mapping Pairs',
			'mappingPairs',
		],
		[
			'create: columnsFrom "csv"',
			fromJson(DS, [{ name: 'a', type: 'string' }], { columnsFrom: 'csv' }),
			{},
			'Source Columns From',
			'columnsFrom',
		],
		[
			'create: ifExists "maybe"',
			fromSource(DS, SRC, { ifExists: 'maybe' }),
			{},
			'If a Mapping Set With This Name Exists',
			'ifExists',
		],
		[
			'validate: dataset empty',
			{ ...fromSource(DS, SRC, { datasetId: rl('list', ID) }), operation: 'validate' },
			{ v: '' },
			'Dataset',
			'datasetId',
		],
		[
			'get: mapping set ID too short',
			{ resource: 'mappingSet', operation: 'get', mappingSetId: rl('id', ID) },
			{ v: 'abc123' },
			'Mapping Set',
			'mappingSetId',
		],
	];
	it.each(cases)('%s', async (_title, parameters, item, label, field) => {
		const run = await aep.run([item], parameters);
		aep.expectRefusedBeforeSending(run, label, field);
	});
});
