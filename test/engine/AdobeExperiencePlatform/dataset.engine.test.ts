/**
 * The Adobe Experience Platform node's Dataset resource in n8n's engine against the emulator:
 * Get Many (Catalog paging, properties=, name filter), Get, Create (If It Exists modes), the
 * Dataset and Schema pickers, bad input with nothing sent, and the leak scan.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_SCHEMAS, DEFAULT_SCHEMA_ID } from '../../emulator';
import { expectOnePerItem } from '../../support/redshift/kit';
import { idsOf, rl, useAepEmulator } from '../../support/platform/kit';

jest.setTimeout(30_000);

const aep = useAepEmulator('dataset');
const DATASETS = '/data/foundation/catalog/dataSets';
const CUSTOMERS_SCHEMA = DEFAULT_SCHEMAS[1];

function seedDatasets(
	count: number,
	name = (i: number) => `Orders ${i}`,
	schemaId = DEFAULT_SCHEMA_ID,
): string[] {
	return Array.from({ length: count }, (_, i) => aep.seedDataset(name(i), schemaId));
}

const catalogGets = () =>
	aep.answered().filter((entry) => entry.method === 'GET' && entry.path === DATASETS);
const query = (entry: { query: Record<string, string | string[]> }) => ({
	get: (key: string) => entry.query[key],
});

describe('Get Many', () => {
	it('Return All reads every page with start/limit (100 per page) and always properties=', async () => {
		seedDatasets(230);
		const run = await aep.run([{}], { resource: 'dataset', operation: 'getAll', returnAll: true });
		expect(run.json).toHaveLength(230);
		expect(new Set(run.json.map((json) => json.id)).size).toBe(230);
		expect(run.json[0]).toMatchObject({
			id: expect.stringMatching(/^[0-9a-f]{24}$/),
			name: expect.any(String),
			schemaRef: { id: DEFAULT_SCHEMA_ID },
			sandboxName: 'prod',
		});
		const pages = catalogGets().map(query);
		expect(pages.map((q) => [q.get('start'), q.get('limit')])).toEqual([
			['0', '100'],
			['100', '100'],
			['200', '100'],
		]);
		for (const q of pages)
			expect(q.get('properties')).toBe('name,description,schemaRef,created,updated,tags');
		expectOnePerItem(run.output.slice(0, 1), 1);
	});

	it('Limit stops at the limit, asking for no more than needed', async () => {
		seedDatasets(30);
		const run = await aep.run([{}], {
			resource: 'dataset',
			operation: 'getAll',
			returnAll: false,
			limit: 7,
		});
		expect(run.json).toHaveLength(7);
		expect(catalogGets().map((entry) => query(entry).get('limit'))).toEqual(['7']);
	});

	it('the Name filter goes to Catalog as name= (wildcards as Catalog reads them)', async () => {
		seedDatasets(3);
		seedDatasets(2, (i) => `Customers ${i}`, CUSTOMERS_SCHEMA.$id);
		const run = await aep.run([{}], {
			resource: 'dataset',
			operation: 'getAll',
			returnAll: true,
			filters: { name: 'Customers*' },
		});
		expect(run.json.map((json) => json.name).sort()).toEqual(['Customers 0', 'Customers 1']);
		expect(query(catalogGets()[0]).get('name')).toBe('Customers*');
	});
});

describe('Get', () => {
	it('returns the dataset with its schema ref, from a picker value (By ID and From List)', async () => {
		const [id] = seedDatasets(1);
		for (const mode of ['id', 'list'] as const) {
			const run = await aep.run([{}], {
				resource: 'dataset',
				operation: 'get',
				datasetId: rl(mode, id),
			});
			expect(run.json).toEqual([
				expect.objectContaining({
					id,
					name: 'Orders 0',
					schemaRef: {
						id: DEFAULT_SCHEMA_ID,
						contentType: 'application/vnd.adobe.xed+json;version=1',
					},
					sandboxName: 'prod',
				}),
			]);
		}
		expect(aep.calls()).toEqual([`GET ${DATASETS}/${id}`, `GET ${DATASETS}/${id}`]);
	});

	it("an unknown dataset fails the item with Adobe's 404 decoded", async () => {
		const run = await aep.run([{}], {
			resource: 'dataset',
			operation: 'get',
			datasetId: rl('id', 'a'.repeat(24)),
		});
		expect(run.json[0]).toMatchObject({ error: expect.stringContaining('1439'), httpCode: '404' });
		expect(String(run.json[0].description)).toMatch(/dataset/i);
	});
});

describe('Create', () => {
	const create = (extra: Record<string, unknown> = {}) => ({
		resource: 'dataset',
		operation: 'create',
		datasetName: 'Redshift orders',
		schemaId: rl('list', DEFAULT_SCHEMA_ID),
		...extra,
	});

	it('creates a dataset from the schema picker and outputs what Catalog stored', async () => {
		const run = await aep.run([{}], create({ description: 'From n8n' }));
		expect(run.json).toEqual([
			expect.objectContaining({
				name: 'Redshift orders',
				description: 'From n8n',
				schemaRef: expect.objectContaining({ id: DEFAULT_SCHEMA_ID }),
				reused: false,
			}),
		]);
		expect(idsOf(aep.emu().datasets())).toEqual([run.json[0].id]);
		const post = aep.answered().find((entry) => entry.method === 'POST');
		expect(JSON.parse(post?.body ?? '{}')).toEqual({
			name: 'Redshift orders',
			description: 'From n8n',
			schemaRef: { id: DEFAULT_SCHEMA_ID, contentType: 'application/vnd.adobe.xed+json;version=1' },
		});
	});

	it('a schema given by meta:altId is resolved to its $id', async () => {
		const run = await aep.run(
			[{}],
			create({ schemaId: rl('id', DEFAULT_SCHEMAS[0]['meta:altId']) }),
		);
		expect(run.json[0]).toMatchObject({ schemaRef: { id: DEFAULT_SCHEMA_ID }, reused: false });
	});

	it('If It Exists: Reuse It (the default) returns the existing dataset and creates nothing', async () => {
		const [id] = seedDatasets(1, () => 'Redshift orders');
		const run = await aep.run([{}], create());
		expect(run.json).toEqual([expect.objectContaining({ id, reused: true })]);
		expect(aep.emu().datasets()).toHaveLength(1);
		expect(
			aep
				.emu()
				.platformRequests()
				.filter((entry) => entry.method === 'POST'),
		).toEqual([]);
	});

	it('Reuse It refuses a same-name dataset of another schema, naming it', async () => {
		const [id] = seedDatasets(1, () => 'Redshift orders', CUSTOMERS_SCHEMA.$id);
		const run = await aep.run([{}], create());
		expect(run.json[0].error).toContain(id);
		expect(run.json[0].error).toContain(CUSTOMERS_SCHEMA.$id);
		expect(aep.emu().datasets()).toHaveLength(1);
	});

	it('Create Another creates a second one; Stop With an Error fails naming the existing ID', async () => {
		const [id] = seedDatasets(1, () => 'Redshift orders');
		const another = await aep.run([{}], create({ ifExists: 'create' }));
		expect(another.json[0]).toMatchObject({ reused: false });
		expect(another.json[0].id).not.toBe(id);
		expect(aep.emu().datasets()).toHaveLength(2);
		const stop = await aep.run([{}], create({ ifExists: 'error' }));
		expect(stop.json[0].error).toMatch(/already exists/);
		expect(aep.emu().datasets()).toHaveLength(2);
	});

	it('a name with Catalog syntax (comma, asterisk) is still found exactly', async () => {
		seedDatasets(1, () => 'Orders, EU*');
		seedDatasets(1, () => 'Orders');
		const run = await aep.run([{}], create({ datasetName: 'Orders, EU*' }));
		expect(run.json[0]).toMatchObject({ name: 'Orders, EU*', reused: true });
	});

	it('a lost answer to the POST is looked up, not sent again', async () => {
		aep.emu().failNext({ method: 'POST', path: DATASETS }, 1, { kind: 'reset-after' });
		const run = await aep.run([{}], create());
		expect(run.json[0]).toMatchObject({ name: 'Redshift orders', reused: false });
		expect(aep.emu().datasets()).toHaveLength(1);
	});
});

describe('bad input fails the item naming the field, with nothing sent', () => {
	// Typed-in values the editor refuses (an empty required field, a By ID that fails its regex) stop n8n
	// before the node runs; the same values from upstream data (expressions) reach the node.
	const ID = '={{ $json.id }}';
	const cases: Array<[string, INodeParameters, IDataObject, string, string]> = [
		[
			'get: dataset ID "abc"',
			{ operation: 'get', datasetId: rl('id', ID) },
			{ id: 'abc' },
			'Dataset',
			'datasetId',
		],
		[
			'get: dataset ID empty',
			{ operation: 'get', datasetId: rl('id', ID) },
			{ id: '' },
			'Dataset',
			'datasetId',
		],
		[
			'get: dataset ID pasted as a URL',
			{ operation: 'get', datasetId: ID },
			{ id: `https://platform.adobe.io${DATASETS}/${'a'.repeat(24)}` },
			'Dataset',
			'datasetId',
		],
		[
			'get: dataset ID from an expression resolving to an object',
			{ operation: 'get', datasetId: '={{ { id: 1 } }}' },
			{},
			'Dataset',
			'datasetId',
		],
		[
			'get: picker mode "url"',
			{ operation: 'get', datasetId: { __rl: true, mode: 'url', value: 'a'.repeat(24) } },
			{},
			'Dataset',
			'datasetId',
		],
		['getAll: limit 0', { operation: 'getAll', returnAll: false, limit: 0 }, {}, 'Limit', 'limit'],
		[
			'getAll: limit "ten"',
			{ operation: 'getAll', returnAll: false, limit: '={{ $json.limit }}' },
			{ limit: 'ten' },
			'Limit',
			'limit',
		],
		[
			'getAll: name with a line break',
			{ operation: 'getAll', returnAll: true, filters: { name: 'a\nb' } },
			{},
			'Name',
			'filters.name',
		],
		[
			'getAll: sandbox "Prod"',
			{ operation: 'getAll', returnAll: true, options: { sandboxName: 'Prod' } },
			{},
			'Sandbox Name or ID',
			'options.sandboxName',
		],
		[
			'create: name only spaces',
			{ operation: 'create', datasetName: '  ', schemaId: rl('list', DEFAULT_SCHEMA_ID) },
			{},
			'Dataset Name',
			'datasetName',
		],
		[
			'create: name 300 characters',
			{
				operation: 'create',
				datasetName: 'n'.repeat(300),
				schemaId: rl('list', DEFAULT_SCHEMA_ID),
			},
			{},
			'Dataset Name',
			'datasetName',
		],
		[
			'create: schema not an ID',
			{ operation: 'create', datasetName: 'x', schemaId: rl('id', ID) },
			{ id: 'orders schema' },
			'Schema',
			'schemaId',
		],
		[
			'create: schema empty',
			{ operation: 'create', datasetName: 'x', schemaId: rl('list', ID) },
			{ id: '' },
			'Schema',
			'schemaId',
		],
		[
			'create: description of 1 MB',
			{
				operation: 'create',
				datasetName: 'x',
				schemaId: rl('list', DEFAULT_SCHEMA_ID),
				description: 'd'.repeat(1024 * 1024),
			},
			{},
			'Description',
			'description',
		],
		[
			'create: ifExists "maybe"',
			{
				operation: 'create',
				datasetName: 'x',
				schemaId: rl('list', DEFAULT_SCHEMA_ID),
				ifExists: 'maybe',
			},
			{},
			'If a Dataset With This Name Exists',
			'ifExists',
		],
	];
	it.each(cases)('%s', async (_title, parameters, item, label, field) => {
		const run = await aep.run([item], { resource: 'dataset', ...parameters });
		aep.expectRefusedBeforeSending(run, label, field);
	});
});

describe('pickers', () => {
	it('searchDatasets lists by name (contains) and pages with start', async () => {
		seedDatasets(60);
		seedDatasets(1, () => 'Customers');
		const first = await aep.listSearch('searchDatasets', 'get', 'datasetId');
		expect(first.results).toHaveLength(50);
		expect(first.results[0]).toMatchObject({
			name: expect.any(String),
			value: expect.stringMatching(/^[0-9a-f]{24}$/),
			description: expect.stringContaining(DEFAULT_SCHEMA_ID),
		});
		expect(first.paginationToken).toBe('50');
		const second = await aep.listSearch(
			'searchDatasets',
			'get',
			'datasetId',
			undefined,
			first.paginationToken as string,
		);
		expect(second.results).toHaveLength(11);
		expect(second.paginationToken).toBeUndefined();
		const found = await aep.listSearch('searchDatasets', 'get', 'datasetId', 'stom');
		expect(found.results.map((result) => result.name)).toEqual(['Customers']);
	});

	it('searchSchemas lists the tenant schemas by title, value = $id', async () => {
		const all = await aep.listSearch('searchSchemas', 'create', 'schemaId');
		expect(all.results.map((result) => result.value).sort()).toEqual(
			DEFAULT_SCHEMAS.map((schema) => schema.$id).sort(),
		);
		const found = await aep.listSearch('searchSchemas', 'create', 'schemaId', 'custom');
		expect(found.results).toEqual([
			expect.objectContaining({ name: CUSTOMERS_SCHEMA.title, value: CUSTOMERS_SCHEMA.$id }),
		]);
	});
});
