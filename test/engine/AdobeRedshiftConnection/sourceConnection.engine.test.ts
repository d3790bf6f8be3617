/**
 * The Source Connection resource of the Adobe Redshift Connection node, in n8n's engine against the
 * emulator: Create (columns from Get Table Schema or fetched, every If It Exists mode, Adobe's
 * errors, an interrupted POST), Get, Get Many, Delete (in use, already gone), the Source Connection
 * picker, and bad input that sends nothing. Everything the node produced is scanned for secrets.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DATABASE_FLOW_SPEC_ID } from '../../emulator';
import { itemsWorkflow } from '../../support/workflow';
import { createCredentialsHelper, runWorkflow } from '../../support/engine/harness';
import { expectOnePerItem, isErrorItem, useScannedEmulator } from '../../support/redshift/kit';
import {
	FLOW_SERVICE,
	ORDER_COLUMNS,
	REDSHIFT_SPEC,
	SEED_PASSWORD,
	credentialFor,
	directPost,
	editorContext,
	rl,
	seedConnections,
	idsOf,
} from '../../support/engine/support';

jest.setTimeout(60_000);

const { emu, leaks, runNode } = useScannedEmulator({
	secrets: { 'Redshift password (seeded)': SEED_PASSWORD },
});

const SOURCES = `${FLOW_SERVICE}/sourceConnections`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let base: string;
/** How many requests the emulator had seen when the test itself began (after seeding). */
let mark = { all: 0, platform: 0 };

// After the reset that useScannedEmulator registered first.
beforeEach(async () => {
	[base] = await seedConnections(emu(), ['Orders warehouse']);
	mark = { all: emu().requests().length, platform: emu().platformRequests().length };
});

/** Runs the node once on one item with the Source Connection resource (continue on fail, so errors come back as items). */
async function run(parameters: INodeParameters, items: IDataObject[] = [{}]) {
	return await runNode(items, { resource: 'sourceConnection', ...parameters });
}

function createParameters(extra: INodeParameters = {}): INodeParameters {
	return {
		operation: 'create',
		connectionId: rl('list', base),
		tablePath: rl('list', 'public.orders'),
		sourceConnectionName: 'Orders source',
		...extra,
	};
}

/**
 * Requests to the Flow Service since the test began, as "METHOD path" (paths shortened), in order.
 * 401s are left out: each test starts on a reset emulator, which rejects the token n8n kept, once.
 */
function flowCalls(): string[] {
	return emu()
		.platformRequests()
		.slice(mark.platform)
		.filter((entry) => entry.status !== 401)
		.map((entry) =>
			`${entry.method} ${entry.path.replace(FLOW_SERVICE, '')}`.replace(base, '{base}'),
		);
}

const posts = () =>
	emu()
		.platformRequests()
		.filter((entry) => entry.method === 'POST' && entry.path === SOURCES);

describe('Create', () => {
	it('takes the columns from Get Table Schema and sends exactly the documented body; the output is proof (UUID id and etag)', async () => {
		const workflow = itemsWorkflow({
			name: 'table to source connection',
			items: [{ connectionId: base }],
			nodes: [
				{
					name: 'Get Table Schema',
					parameters: {
						resource: 'baseConnection',
						operation: 'getTableSchema',
						connectionId: '={{ $json.connectionId }}',
						tablePath: rl('name', 'public.orders'),
					},
				},
				{
					name: 'Source',
					parameters: {
						resource: 'sourceConnection',
						operation: 'create',
						connectionId: rl('id', '={{ $json.connectionId }}'),
						tablePath: rl('name', '={{ $json.tableName }}'),
						sourceConnectionName: 'Orders source',
						description: 'public.orders, first three columns',
						columns: '={{ $json.columns.slice(0, 3) }}',
					},
				},
			],
		});
		const result = await runWorkflow(workflow, { credentials: [credentialFor(emu())] });
		leaks.addRun('from Get Table Schema', result);
		expect(result.error).toBeUndefined();

		const [output] = result.outputOf('Source').map((item) => item.json);
		expect(output).toEqual({
			id: expect.stringMatching(UUID),
			etag: expect.stringMatching(/^".+"$/),
			reused: false,
			name: 'Orders source',
			baseConnectionId: base,
			tableName: 'public.orders',
			columns: ORDER_COLUMNS.slice(0, 3),
			columnsFrom: 'input',
			sandboxName: 'prod',
			connectionSpec: REDSHIFT_SPEC,
		});
		expect(posts().map((entry) => JSON.parse(entry.body as string))).toEqual([
			{
				name: 'Orders source',
				description: 'public.orders, first three columns',
				baseConnectionId: base,
				data: { format: 'tabular' },
				params: { tableName: 'public.orders', columns: ORDER_COLUMNS.slice(0, 3) },
				connectionSpec: REDSHIFT_SPEC,
			},
		]);
		// Explore ran once, for Get Table Schema: the create did not fetch the columns again.
		expect(flowCalls().filter((call) => call.includes('/explore'))).toEqual([
			'GET /connections/{base}/explore',
		]);
		const [stored] = emu().sourceConnections();
		expect([stored.id, stored.etag]).toEqual([output.id, output.etag]);
	});

	it('fetches the columns through explore when none are given', async () => {
		const { json } = await run(createParameters());

		expect(json[0]).toMatchObject({
			reused: false,
			columns: ORDER_COLUMNS,
			columnsFrom: 'explore',
		});
		expect(flowCalls()).toEqual([
			'GET /sourceConnections',
			'GET /sourceConnections',
			'GET /connections/{base}/explore',
			'POST /sourceConnections',
			// Listed again after the create: a same-table one another process made meanwhile wins if older.
			'GET /sourceConnections',
		]);
		expect(
			emu()
				.sourceConnections()
				.map((source) => source.params.columns),
		).toEqual([ORDER_COLUMNS]);
		// The lookups ask Adobe for this base connection and table, then for the name; after the
		// create, for the base connection and table again (the race check).
		const lookups = emu()
			.platformRequests()
			.filter((entry) => entry.method === 'GET' && entry.path === SOURCES && entry.status === 200);
		const sameTable = [
			`connectionSpec.id==${REDSHIFT_SPEC.id}`,
			`baseConnectionId==${base}`,
			'params.tableName==public.orders',
		];
		expect(lookups.map((entry) => entry.query.property)).toEqual([
			sameTable,
			[`connectionSpec.id==${REDSHIFT_SPEC.id}`, 'name==Orders source'],
			sameTable,
		]);
	});

	it('Reuse It: finds it by name, or by base connection and table under another name; one request, no POST', async () => {
		const first = await run(createParameters());
		const again = await run(createParameters());
		const renamed = await run(
			createParameters({
				sourceConnectionName: 'Another name',
				columns: JSON.stringify(ORDER_COLUMNS.slice(0, 1)),
			}),
		);

		for (const { json } of [again, renamed]) {
			expect(json[0]).toMatchObject({
				id: first.json[0].id,
				etag: first.json[0].etag,
				reused: true,
				name: 'Orders source',
				columns: ORDER_COLUMNS,
				columnsFrom: 'existing',
			});
		}
		expect(posts()).toHaveLength(1);
		expect(emu().sourceConnections()).toHaveLength(1);
		// After the first run's 5 calls (2 listings, explore, POST, the listing after it), the re-runs each listed once (base connection + table) and stopped there.
		expect(flowCalls().slice(5)).toEqual(['GET /sourceConnections', 'GET /sourceConnections']);
	});

	it('Reuse It, concurrency 2, two items of the same table: one POST, the second item reuses it', async () => {
		const twice = await run(createParameters({ options: { concurrency: 2 } }), [{}, {}]);
		expect(twice.json.filter(isErrorItem)).toEqual([]);
		expect(posts()).toHaveLength(1);
		expect(emu().sourceConnections()).toHaveLength(1);
		expect(twice.json[1].id).toBe(twice.json[0].id);
	});

	it('Reuse It racing another process (the emulator lands both POSTs): the older one is output, this one deleted', async () => {
		emu().failNext({ method: 'POST', path: SOURCES }, 1, { kind: 'twin-before' });
		const raced = await run(createParameters());
		const stored = emu().sourceConnections();
		expect(stored).toHaveLength(1);
		expect(raced.json[0]).toMatchObject({ id: stored[0].id, reused: true });
		expect(
			emu()
				.platformRequests()
				.filter((entry) => entry.method === 'DELETE' && entry.path.startsWith(`${SOURCES}/`)),
		).toHaveLength(1);
	});

	it('Reuse It with a listing that lacks the etag reads it with a GET: reused, never created again', async () => {
		const first = await run(createParameters());
		const { etag, ...listed } = emu().sourceConnections()[0] as unknown as IDataObject;
		expect(etag).toBe(first.json[0].etag);
		emu().failNext({ method: 'GET', path: SOURCES }, 1, {
			status: 200,
			body: { items: [{ ...listed }] },
		});

		const again = await run(createParameters());

		expect(again.json[0]).toMatchObject({ id: first.json[0].id, etag, reused: true });
		expect(posts()).toHaveLength(1);
		expect(flowCalls().slice(5)).toEqual([
			'GET /sourceConnections',
			`GET /sourceConnections/${first.json[0].id}`,
		]);
	});

	it('never reuses a same-named source connection of another table: Reuse It and Stop With an Error fail naming it, Create Another creates', async () => {
		const customers = await run(createParameters({ tablePath: rl('name', 'public.customers') }));
		const customersId = customers.json[0].id as string;

		for (const sourceIfExists of ['reuse', 'error']) {
			const { json } = await run(createParameters({ sourceIfExists }));
			expect(isErrorItem(json[0])).toBe(true);
			expect(json[0].error).toContain(
				`The name "Orders source" is taken by a source connection of other data in sandbox "prod": "Orders source" (ID ${customersId}, table public.customers`,
			);
		}
		expect(posts()).toHaveLength(1);

		const another = await run(createParameters({ sourceIfExists: 'create' }));
		expect(another.json[0]).toMatchObject({ reused: false, tableName: 'public.orders' });
		expect(
			emu()
				.sourceConnections()
				.map((source) => source.params.tableName),
		).toEqual(['public.customers', 'public.orders']);
	});

	it('Stop With an Error fails naming the existing one; Create Another creates a second', async () => {
		const first = await run(createParameters());
		const stopped = await run(createParameters({ sourceIfExists: 'error' }));
		expect(stopped.json[0].error).toBe(
			`A source connection of table public.orders through base connection ${base} already exists in sandbox "prod": "Orders source" (ID ${first.json[0].id}, table public.orders of base connection ${base}).`,
		);
		expect(stopped.json[0].description).toContain('Choose "Reuse It"');

		const second = await run(createParameters({ sourceIfExists: 'create' }));
		expect(second.json[0]).toMatchObject({ reused: false });
		expect(second.json[0].id).not.toBe(first.json[0].id);
		expect(posts()).toHaveLength(2);
	});

	it('an interrupted POST (the answer lost after Adobe created it) is found, not sent again', async () => {
		emu().failNext({ method: 'POST', path: SOURCES }, 1, { kind: 'reset-after' });
		const { json } = await run(createParameters({ sourceIfExists: 'create' }));

		expect(json[0]).toMatchObject({ id: expect.stringMatching(UUID), reused: false });
		expect(posts()).toHaveLength(1);
		expect(idsOf(emu().sourceConnections())).toEqual([json[0].id]);
	});

	it("decodes Adobe's refusals: unknown table (1439) and unreachable Redshift (1201)", async () => {
		const unknownTable = await run(
			createParameters({
				tablePath: rl('name', 'public.nope'),
				columns: JSON.stringify(ORDER_COLUMNS),
			}),
		);
		expect(unknownTable.json[0].error).toContain('[FLOW-1439-404]');
		expect(unknownTable.json[0].description).toContain(
			'What to do: The base connection or the table was not found in this sandbox.',
		);

		const fetched = await run(createParameters({ tablePath: rl('name', 'public.nope') }));
		expect(fetched.json[0].description).toContain(
			'What to do: The base connection or the table was not found in this sandbox.',
		);

		const [unreachable] = await seedConnections(emu(), ['Gone'], {
			server: 'unreachable.example.com',
		});
		const failed = await run(
			createParameters({
				connectionId: rl('id', unreachable),
				columns: JSON.stringify(ORDER_COLUMNS),
			}),
		);
		expect(failed.json[0].error).toContain('[FLOW-1201-400]');
		expect(failed.json[0].description).toContain(
			'Adobe could not sign in to Redshift with the base connection',
		);
		expect(emu().sourceConnections()).toEqual([]);
	});
});

/** Creates a source connection of `table` through the node's own Create (Create Another). */
async function createSource(name: string, table = 'public.orders', baseId = base): Promise<string> {
	const { json } = await run(
		createParameters({
			sourceConnectionName: name,
			tablePath: rl('name', table),
			connectionId: rl('id', baseId),
			sourceIfExists: 'create',
		}),
	);
	if (typeof json[0].id !== 'string')
		throw new Error(`Set-up create failed: ${JSON.stringify(json[0])}`);
	return json[0].id;
}

describe('Get, Get Many', () => {
	it('Get returns the source connection by picker (From List, By ID) with its sandbox; an unknown ID is a clear 404', async () => {
		const id = await createSource('Orders source');
		for (const sourceConnectionId of [rl('list', id), rl('id', id), id]) {
			const { json } = await run({ operation: 'get', sourceConnectionId });
			expect(json[0]).toMatchObject({
				id,
				name: 'Orders source',
				baseConnectionId: base,
				params: { tableName: 'public.orders' },
				connectionSpec: REDSHIFT_SPEC,
				sandboxName: 'prod',
			});
		}
		const missing = await run({
			operation: 'get',
			sourceConnectionId: rl('id', '373e88fc-43da-4e3c-be88-fc43da3e3c0f'),
		});
		expect(missing.json[0].error).toContain('[FLOW-1439-404]');
		expect(missing.json[0].description).toContain(
			'No source connection with this ID exists in this sandbox',
		);
	});

	it('Get Many filters by base connection, honours Limit, and Return All follows continuation links', async () => {
		const [other] = await seedConnections(emu(), ['Other warehouse']);
		const a = await createSource('A');
		const b = await createSource('B', 'public.customers');
		const c = await createSource('C', 'public.orders', other);

		const ofBase = await run({
			operation: 'getAll',
			connectionId: rl('list', base),
			returnAll: true,
		});
		expect(ofBase.json.map((item) => item.id)).toEqual([b, a]);
		const limited = await run({ operation: 'getAll', returnAll: false, limit: 1 });
		expect(limited.json.map((item) => item.id)).toEqual([c]);
		const all = await run({ operation: 'getAll', returnAll: true });
		expect(all.json.map((item) => [item.id, item.sandboxName])).toEqual(
			[c, b, a].map((id) => [id, 'prod']),
		);

		// 105 more: two Adobe pages of 100.
		for (let index = 0; index < 105; index++) {
			await directPost(emu(), SOURCES, {
				name: `Bulk ${index}`,
				baseConnectionId: other,
				data: { format: 'tabular' },
				params: {
					tableName: 'sales.line_items',
					columns: [{ name: 'sku', type: 'string', xdm: { type: 'string' } }],
				},
				connectionSpec: REDSHIFT_SPEC,
			});
		}
		const before = emu().platformRequests().length;
		const bulk = await run({ operation: 'getAll', connectionId: rl('id', other), returnAll: true });
		expect(bulk.json).toHaveLength(106);
		expect(new Set(bulk.json.map((item) => item.id)).size).toBe(106);
		expect(
			emu()
				.platformRequests()
				.slice(before)
				.map((entry) => entry.method + ' ' + entry.path),
		).toEqual([`GET ${SOURCES}`, `GET ${SOURCES}`]);
	});
});

describe('Delete', () => {
	it('deletes; a second delete finds it already gone (alreadyAbsent), not an error', async () => {
		const id = await createSource('Orders source');
		const first = await run({ operation: 'delete', sourceConnectionId: rl('list', id) });
		expect(first.json[0]).toEqual({ id, deleted: true, alreadyAbsent: false, sandboxName: 'prod' });
		expect(emu().sourceConnections()).toEqual([]);

		const again = await run({ operation: 'delete', sourceConnectionId: rl('id', id) });
		expect(again.json[0]).toEqual({ id, deleted: false, alreadyAbsent: true, sandboxName: 'prod' });
	});

	it('a source connection a dataflow uses is kept, and the error names that dataflow', async () => {
		const id = await createSource('Orders source');
		const target = emu().seedTargetConnection();
		const mapping = emu().seedMappingSet();
		const flow = await directPost(emu(), `${FLOW_SERVICE}/flows`, {
			name: 'Orders to Experience Platform',
			flowSpec: { id: DATABASE_FLOW_SPEC_ID, version: '1.0' },
			sourceConnectionIds: [id],
			targetConnectionIds: [target.id],
			transformations: [{ name: 'Mapping', params: { mappingId: mapping.id, mappingVersion: 0 } }],
			scheduleParams: { startTime: 1900000000, frequency: 'once' },
		});

		const { json } = await run({ operation: 'delete', sourceConnectionId: rl('id', id) });

		expect(json[0].error).toBe(
			`Source connection ${id} is used by dataflow "Orders to Experience Platform" (ID ${flow.id}) and cannot be deleted [FLOW-1418-400]`,
		);
		expect(json[0].description).toContain(
			'What to do: Delete that dataflow first, then delete the source connection.',
		);
		expect(idsOf(emu().sourceConnections())).toEqual([id]);
	});
});

describe('Bad input sends nothing (no Adobe request, no token request)', () => {
	// Parameters are built when the test runs (the base connection is seeded per test). Values an
	// editor would flag (blank required fields, IDs that fail the By ID pattern) come from
	// expressions, as data from upstream does: the node itself must refuse them.
	const create = (extra: INodeParameters) => () => createParameters(extra);
	const fixed = (parameters: INodeParameters) => () => parameters;
	it.each<[string, () => INodeParameters, string, string]>([
		[
			'Create: a connection ID that is not a UUID',
			create({ connectionId: '={{ "abc" }}' }),
			'connectionId',
			'"Connection" "abc" is not a connection ID',
		],
		[
			'Create: no table',
			create({ tablePath: rl('name', '={{ "  " }}') }),
			'tablePath',
			'"Table" is required',
		],
		[
			'Create: no name',
			create({ sourceConnectionName: '={{ "" }}' }),
			'sourceConnectionName',
			'"Source Connection Name" is required',
		],
		[
			'Create: a name longer than 256 characters',
			create({ sourceConnectionName: `={{ "n".repeat(257) }}` }),
			'sourceConnectionName',
			'"Source Connection Name" is too long (257 characters); at most 256',
		],
		[
			'Create: a description longer than 4000 characters',
			create({ description: `={{ "d".repeat(4001) }}` }),
			'description',
			'"Description" is too long (4001 characters); at most 4000',
		],
		[
			'Create: columns not JSON',
			create({ columns: '={{ \'[{"name": \' }}' }),
			'columns',
			'"Columns" is not valid JSON',
		],
		[
			'Create: an empty column list',
			create({ columns: '={{ [] }}' }),
			'columns',
			'"Columns" is an empty list',
		],
		[
			'Create: a repeated column',
			create({ columns: JSON.stringify([ORDER_COLUMNS[0], ORDER_COLUMNS[0]]) }),
			'columns',
			'lists the column "order_id" more than once',
		],
		[
			'Create: a column without its xdm type',
			create({ columns: '={{ [{ name: "order_id", type: "string" }] }}' }),
			'columns',
			'"Columns": item 0 ("order_id") has no "xdm"',
		],
		[
			'Create: If It Exists unknown',
			create({ sourceIfExists: '={{ "maybe" }}' }),
			'sourceIfExists',
			'"If It Exists" must be "reuse"',
		],
		[
			'Create: a sandbox that is not a technical name',
			create({ options: { sandboxName: '={{ "My Sandbox" }}' } }),
			'options.sandboxName',
			'"Sandbox Name or ID" "My Sandbox" is not a sandbox name',
		],
		[
			'Get: a source connection ID that is not a UUID',
			fixed({ operation: 'get', sourceConnectionId: '={{ "nope" }}' }),
			'sourceConnectionId',
			'"Source Connection" "nope" is not a connection ID',
		],
		[
			'Get: an unknown picker mode',
			fixed({ operation: 'get', sourceConnectionId: rl('url', 'x') }),
			'sourceConnectionId',
			'"Source Connection" has mode "url"',
		],
		[
			'Delete: no ID',
			fixed({ operation: 'delete', sourceConnectionId: '={{ "" }}' }),
			'sourceConnectionId',
			'"Source Connection" is required',
		],
		[
			'Get Many: a base connection filter that is not a UUID',
			fixed({ operation: 'getAll', connectionId: '={{ "x" }}', returnAll: true }),
			'connectionId',
			'"Connection" "x" is not a connection ID',
		],
		[
			'Get Many: Limit 0',
			fixed({ operation: 'getAll', returnAll: false, limit: '={{ 0 }}' }),
			'limit',
			'"Limit" must be a whole number of 1 or more',
		],
	])('%s', async (_, parameters, field, message) => {
		const { json, output } = await run(parameters());
		expectOnePerItem(output, 1);
		expect(json[0]).toMatchObject({ field });
		expect(json[0].error).toContain(message);
		expect(json[0].description).toContain('nothing was sent to Adobe');
		expect(emu().requests().slice(mark.all)).toEqual([]);
	});
});

it("the Source Connection picker lists the sandbox's Redshift source connections, newest first, searchable", async () => {
	const a = await createSource('Orders source');
	const b = await createSource('Customers source', 'public.customers');
	const credentialsHelper = createCredentialsHelper([credentialFor(emu())]);
	const { context, nodeType } = editorContext(
		credentialsHelper,
		{ resource: 'sourceConnection', operation: 'get' },
		'sourceConnectionId',
	);
	const search = nodeType.methods?.listSearch?.searchSourceConnections;
	if (!search) throw new Error('The node has no listSearch method searchSourceConnections');

	const all = await search.call(context);
	expect(all).toEqual({
		results: [
			{ name: 'Customers source', value: b, description: `public.customers · ${b}` },
			{ name: 'Orders source', value: a, description: `public.orders · ${a}` },
		],
	});
	expect((await search.call(context, 'ORDERS')).results.map((item) => item.value)).toEqual([a]);
});
