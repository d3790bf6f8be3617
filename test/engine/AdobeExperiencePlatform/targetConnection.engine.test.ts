/**
 * The Target Connection resource (Data Lake) in n8n's engine against the emulator: Create from a
 * dataset (schema read from it, the recommended version string), If It Exists, Get, Get Many,
 * Delete (1418 while a dataflow uses it), the picker, bad input with nothing sent, the leak scan.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_SCHEMAS } from '../../emulator';
import { expectOnePerItem } from '../../support/redshift/kit';
import { idsOf, rl, useAepEmulator } from '../../support/platform/kit';

jest.setTimeout(30_000);

const aep = useAepEmulator('targetConnection');
const TARGETS = '/data/foundation/flowservice/targetConnections';
const DATA_LAKE = { id: 'c604ff05-7f1a-43c0-8e18-33bf874cb11c', version: '1.0' };
const CUSTOMERS_SCHEMA = DEFAULT_SCHEMAS[1].$id;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const dataset = (name?: string, schemaId?: string): string => aep.seedDataset(name, schemaId);

const create = (datasetId: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'targetConnection',
	operation: 'create',
	targetConnectionName: 'Orders to Data Lake',
	datasetId: rl('list', datasetId),
	...extra,
});

const targetPosts = () =>
	aep.answered().filter((entry) => entry.method === 'POST' && entry.path === TARGETS);

describe('Create', () => {
	it('reads the schema from the dataset and sends the documented Data Lake body', async () => {
		const datasetId = dataset('Customers', CUSTOMERS_SCHEMA);
		const run = await aep.run([{}], create(datasetId, { description: 'From n8n' }));
		expect(run.json).toEqual([
			expect.objectContaining({
				id: expect.stringMatching(UUID),
				name: 'Orders to Data Lake',
				params: { dataSetId: datasetId },
				data: expect.objectContaining({
					schema: {
						id: CUSTOMERS_SCHEMA,
						version: 'application/vnd.adobe.xed-full+json;version=1',
					},
				}),
				connectionSpec: DATA_LAKE,
				datasetName: 'Customers',
				sandboxName: 'prod',
				reused: false,
			}),
		]);
		expect(targetPosts().map((entry) => JSON.parse(entry.body))).toEqual([
			{
				name: 'Orders to Data Lake',
				description: 'From n8n',
				data: {
					schema: {
						id: CUSTOMERS_SCHEMA,
						version: 'application/vnd.adobe.xed-full+json;version=1',
					},
				},
				params: { dataSetId: datasetId },
				connectionSpec: DATA_LAKE,
			},
		]);
		// The dataset first (its schema), the same-name lookup, the create, the same-name lookup
		// again (an older one another process made meanwhile would win the race), the read-back.
		expect(aep.calls().map((call) => call.replace(/\/[0-9a-f-]{24,36}$/, '/{id}'))).toEqual([
			'GET /data/foundation/catalog/dataSets/{id}',
			`GET ${TARGETS}`,
			`POST ${TARGETS}`,
			`GET ${TARGETS}`,
			`GET ${TARGETS}/{id}`,
		]);
	});

	it('Reuse It (default) returns the existing one for the same dataset: a re-run creates nothing', async () => {
		const datasetId = dataset();
		const first = await aep.run([{}], create(datasetId));
		const second = await aep.run([{}], create(datasetId));
		expect(second.json[0]).toMatchObject({ id: first.json[0].id, reused: true });
		expect(aep.emu().targetConnections()).toHaveLength(1);
	});

	it('Reuse It refuses a same-name target connection of another dataset, naming both', async () => {
		const [orders, other] = [dataset(), dataset('Orders copy')];
		const first = await aep.run([{}], create(orders));
		const second = await aep.run([{}], create(other));
		expect(second.json[0].error).toContain(String(first.json[0].id));
		expect(second.json[0].error).toContain(other);
		expect(aep.emu().targetConnections()).toHaveLength(1);
	});

	it('Create Another and Stop With an Error', async () => {
		const datasetId = dataset();
		await aep.run([{}], create(datasetId));
		const another = await aep.run([{}], create(datasetId, { ifExists: 'create' }));
		expect(another.json[0]).toMatchObject({ reused: false });
		expect(aep.emu().targetConnections()).toHaveLength(2);
		const stop = await aep.run([{}], create(datasetId, { ifExists: 'error' }));
		expect(stop.json[0].error).toMatch(/already exists/);
		expect(aep.emu().targetConnections()).toHaveLength(2);
	});

	it('a dataset that does not exist fails before any target connection request, with the Catalog hint', async () => {
		const run = await aep.run([{}], create('b'.repeat(24)));
		expect(run.json[0]).toMatchObject({
			error: expect.stringContaining('CAT-1439-404'),
			httpCode: '404',
		});
		expect(run.json[0].description).toMatch(/No dataset with this ID/);
		expect(aep.calls().filter((call) => call.includes('targetConnections'))).toEqual([]);
	});

	it('a lost answer to the POST is looked up, not sent again', async () => {
		const datasetId = dataset();
		aep.emu().failNext({ method: 'POST', path: TARGETS }, 1, { kind: 'reset-after' });
		const run = await aep.run([{}], create(datasetId));
		expect(run.json[0]).toMatchObject({ id: expect.stringMatching(UUID), reused: false });
		expect(aep.emu().targetConnections()).toHaveLength(1);
		expect(targetPosts()).toHaveLength(1);
	});
});

describe('Get, Get Many, Delete', () => {
	it('Get returns the target connection; Get Many lists and filters by name and dataset', async () => {
		const [orders, customers] = [dataset(), dataset('Customers', CUSTOMERS_SCHEMA)];
		const a = (await aep.run([{}], create(orders, { targetConnectionName: 'A' }))).json[0];
		const b = (await aep.run([{}], create(customers, { targetConnectionName: 'B' }))).json[0];
		const got = await aep.run([{}], {
			resource: 'targetConnection',
			operation: 'get',
			targetConnectionId: rl('id', String(a.id)),
		});
		expect(got.json[0]).toMatchObject({
			id: a.id,
			name: 'A',
			params: { dataSetId: orders },
			sandboxName: 'prod',
		});

		const all = await aep.run([{}], {
			resource: 'targetConnection',
			operation: 'getAll',
			returnAll: true,
		});
		expect(all.json.map((json) => json.id).sort()).toEqual([a.id, b.id].sort());
		const byDataset = await aep.run([{}], {
			resource: 'targetConnection',
			operation: 'getAll',
			returnAll: true,
			filters: { datasetId: rl('list', customers) },
		});
		expect(byDataset.json.map((json) => json.id)).toEqual([b.id]);
		const byName = await aep.run([{}], {
			resource: 'targetConnection',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
			filters: { name: 'A' },
		});
		expect(byName.json.map((json) => json.id)).toEqual([a.id]);
	});

	it('Delete removes it; one a dataflow uses fails with 1418 saying to delete the dataflow first', async () => {
		const datasetId = dataset();
		const used = (await aep.run([{}], create(datasetId, { targetConnectionName: 'Used' }))).json[0];
		const free = (await aep.run([{}], create(datasetId, { targetConnectionName: 'Free' }))).json[0];
		await aep.seedFlowUsing(String(used.id));
		const run = await aep.run([{ id: used.id }, { id: free.id }], {
			resource: 'targetConnection',
			operation: 'delete',
			targetConnectionId: rl('id', '={{ $json.id }}'),
		});
		expectOnePerItem(run.output, 2);
		expect(run.json[0]).toMatchObject({
			error: expect.stringContaining('FLOW-1418-400'),
			httpCode: '400',
		});
		expect(run.json[0].description).toMatch(
			/target connection is used by a dataflow. Delete that dataflow first/,
		);
		expect(run.json[1]).toEqual({
			id: free.id,
			deleted: true,
			alreadyAbsent: false,
			sandboxName: 'prod',
		});
		expect(idsOf(aep.emu().targetConnections())).toEqual([used.id]);
	});
});

it('searchTargetConnections lists Data Lake target connections by name', async () => {
	const datasetId = dataset();
	await aep.run([{}], create(datasetId, { targetConnectionName: 'Orders A' }));
	await aep.run([{}], create(datasetId, { targetConnectionName: 'Customers B' }));
	const found = await aep.listSearch(
		'searchTargetConnections',
		'get',
		'targetConnectionId',
		'orders',
	);
	expect(found.results).toEqual([
		expect.objectContaining({
			name: 'Orders A',
			value: expect.stringMatching(UUID),
			description: expect.stringContaining(datasetId),
		}),
	]);
});

describe('bad input fails the item naming the field, with nothing sent', () => {
	const ID = '={{ $json.id }}';
	const VALID_DATASET = 'c'.repeat(24);
	const cases: Array<[string, INodeParameters, IDataObject, string, string]> = [
		[
			'create: name only spaces',
			create(VALID_DATASET, { targetConnectionName: '   ' }),
			{},
			'Target Connection Name',
			'targetConnectionName',
		],
		[
			'create: name with a line break',
			create(VALID_DATASET, { targetConnectionName: ID }),
			{ id: 'a\nb' },
			'Target Connection Name',
			'targetConnectionName',
		],
		[
			'create: dataset ID "abc"',
			create(VALID_DATASET, { datasetId: rl('id', ID) }),
			{ id: 'abc' },
			'Dataset',
			'datasetId',
		],
		[
			'create: dataset from an expression resolving to a list',
			create(VALID_DATASET, { datasetId: '={{ [1, 2] }}' }),
			{},
			'Dataset',
			'datasetId',
		],
		[
			'create: ifExists "sometimes"',
			create(VALID_DATASET, { ifExists: 'sometimes' }),
			{},
			'If a Target Connection With This Name Exists',
			'ifExists',
		],
		[
			'get: ID not a UUID',
			{ resource: 'targetConnection', operation: 'get', targetConnectionId: rl('id', ID) },
			{ id: '12345' },
			'Target Connection',
			'targetConnectionId',
		],
		[
			'delete: ID empty',
			{ resource: 'targetConnection', operation: 'delete', targetConnectionId: rl('list', ID) },
			{ id: '' },
			'Target Connection',
			'targetConnectionId',
		],
		[
			'getAll: limit -1',
			{ resource: 'targetConnection', operation: 'getAll', returnAll: false, limit: ID },
			{ id: -1 },
			'Limit',
			'limit',
		],
		[
			'getAll: dataset filter not an ID',
			{
				resource: 'targetConnection',
				operation: 'getAll',
				returnAll: true,
				filters: { datasetId: rl('id', ID) },
			},
			{ id: 'orders' },
			'Dataset',
			'filters.datasetId',
		],
		[
			'getAll: sandbox with a space',
			{
				resource: 'targetConnection',
				operation: 'getAll',
				returnAll: true,
				options: { sandboxName: 'my sandbox' },
			},
			{},
			'Sandbox Name or ID',
			'options.sandboxName',
		],
	];
	it.each(cases)('%s', async (_title, parameters, item, label, field) => {
		const run = await aep.run([item], parameters);
		aep.expectRefusedBeforeSending(run, label, field);
	});
});
