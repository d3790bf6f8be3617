/**
 * The whole base-connection lifecycle (get, get many, update, delete, test, list tables, table
 * schema, create with ifExists), run as workflow files in n8n's engine against the emulator.
 * Connections a test only reads are seeded straight through the emulator's API.
 */
import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_TABLES, type RequestLogEntry } from '../../emulator';
import { runWorkflow, type RunResult, type WorkflowDefinition } from '../../support/engine/harness';
import { itemView } from '../../support/redshift/kit';
import {
	byIdWorkflow,
	CONNECTIONS_PATH,
	REDSHIFT_SPEC,
	SEED_PASSWORD,
	connectionPosts,
	continueOnFail,
	credentialFor,
	directGet,
	jsonOf,
	nodeRunText,
	seedConnections,
	useEmulatorPerTest,
	storedToken,
	withInputs,
	withParameters,
	workflowFile,
	idsOf,
} from '../../support/engine/support';

const { startTestEmulator, emulator } = useEmulatorPerTest();

async function run(workflow: WorkflowDefinition): Promise<RunResult> {
	return await runWorkflow(workflow, { credentials: [credentialFor(emulator())] });
}

/** Starts the emulator() with one connection, "Orders warehouse"; returns its ID. */
async function startWithOneConnection(): Promise<string> {
	await startTestEmulator();
	const [id] = await seedConnections(emulator(), ['Orders warehouse']);
	return id;
}

/**
 * Runs the by-ID workflow of `operation` on the one connection of a new emulator (`input` adds to
 * the item); `sent` is every Platform request of the run.
 */
async function runOnOneConnection(
	operation: Parameters<typeof byIdWorkflow>[0],
	input: IDataObject = {},
): Promise<{ id: string; result: RunResult; sent: RequestLogEntry[] }> {
	const id = await startWithOneConnection();
	const before = emulator().platformRequests().length;
	const result = await run(withInputs(byIdWorkflow(operation), [{ connectionId: id, ...input }]));
	return { id, result, sent: flowRequests(before) };
}

/** Platform requests logged after the first `after` ones (take them before any direct call of the test's own). */
function flowRequests(after = 0): RequestLogEntry[] {
	return emulator().platformRequests().slice(after);
}

function describeRequest(entry: RequestLogEntry): string {
	const query = new URLSearchParams();
	for (const [key, value] of Object.entries(entry.query))
		for (const one of ([] as string[]).concat(value)) query.append(key, one);
	const qs = query.toString();
	return `${entry.method} ${entry.path.replace(CONNECTIONS_PATH, '/connections')}${qs ? `?${qs}` : ''} ${entry.status}`;
}

const AZURE_INPUT = {
	name: 'Orders warehouse',
	hosting: 'azure',
	server: 'orders.abc123xyz789.us-west-2.redshift.amazonaws.com',
	port: 5439,
	username: 'aep_reader',
	password: 'lifecycle-redshift-Passw0rd',
	database: 'orders',
};

describe('Get', () => {
	it('returns the connection as Adobe lists it, plus hosting and sandbox, without the password', async () => {
		const { id, result, sent } = await runOnOneConnection('get');

		expect(result.error).toBeUndefined();
		const adobe = (await directGet(emulator(), `${CONNECTIONS_PATH}/${id}`)) as {
			items: IDataObject[];
		};
		expect(result.outputOf('Get Connection')).toEqual([
			{
				json: { ...adobe.items[0], hosting: 'azure', sandboxName: 'prod' },
				pairedItem: { item: 0 },
			},
		]);
		const [item] = jsonOf(result.outputOf('Get Connection'));
		expect(item.auth).toEqual({
			specName: 'Basic Authentication',
			params: {
				server: 'seed.abc123xyz789.us-west-2.redshift.amazonaws.com',
				port: '5439',
				username: 'seed_user',
				database: 'seed',
			},
		});
		expect(nodeRunText(result, 'Get Connection')).not.toContain(SEED_PASSWORD);
		expect(sent.map(describeRequest)).toEqual([`GET /connections/${id} 200`]);
	});
});

describe('Get Many', () => {
	const GET_MANY = workflowFile('get-many.workflow.json');
	const NODE = 'Get Connections';
	const COUNT = 205; // the node asks for pages of 100: three pages

	let newestFirst: string[];
	let names: string[];

	beforeEach(async () => {
		await startTestEmulator();
		names = Array.from({ length: COUNT }, (_, i) => (i % 70 === 5 ? 'Finance' : `Warehouse ${i}`));
		newestFirst = (await seedConnections(emulator(), names)).reverse();
		// Seeding a few hundred connections takes seconds on a loaded machine.
	}, 20_000);

	it('returnAll follows _links.next across 3 pages and returns every connection once, newest first', async () => {
		const before = emulator().platformRequests().length;
		const result = await run(GET_MANY);

		expect(result.error).toBeUndefined();
		const output = result.outputOf(NODE);
		expect(output.map((item) => item.json.id)).toEqual(newestFirst);
		expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(
			output.every(
				(item) => !('password' in ((item.json.auth as { params: IDataObject }).params ?? {})),
			),
		).toBe(true);
		expect(nodeRunText(result, NODE)).not.toContain(SEED_PASSWORD);

		const pages = flowRequests(before);
		expect(pages).toHaveLength(3);
		expect(pages.map((page) => [page.method, page.path, page.status])).toEqual(
			Array(3).fill(['GET', CONNECTIONS_PATH, 200]),
		);
		expect(pages[0].query).toEqual({
			property: `connectionSpec.id==${REDSHIFT_SPEC.id}`,
			limit: '100',
			orderby: '-createdAt',
		});
		// Each next request is exactly the link Adobe returned on the previous page.
		for (const index of [1, 2]) {
			const previous = pages[index - 1];
			const query = new URLSearchParams();
			for (const [key, value] of Object.entries(previous.query)) query.append(key, String(value));
			const answer = (await directGet(emulator(), `${CONNECTIONS_PATH}?${query.toString()}`)) as {
				_links?: { next?: { href: string } };
			};
			const link = new URL(answer._links?.next?.href ?? 'missing:', 'http://flow.invalid');
			expect(link.pathname).toBe('/connections');
			expect(pages[index].query).toEqual(Object.fromEntries(link.searchParams));
		}
	});

	it('with a limit of 5: one request for 5, the 5 newest', async () => {
		const before = emulator().platformRequests().length;
		const result = await run(withParameters(GET_MANY, NODE, { returnAll: false, limit: 5 }));

		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputOf(NODE)).map((item) => item.id)).toEqual(newestFirst.slice(0, 5));
		expect(flowRequests(before).map((entry) => entry.query)).toEqual([
			{ property: `connectionSpec.id==${REDSHIFT_SPEC.id}`, limit: '5', orderby: '-createdAt' },
		]);
	});

	it('with a limit of 150: stops on the second page at 150', async () => {
		const before = emulator().platformRequests().length;
		const result = await run(withParameters(GET_MANY, NODE, { returnAll: false, limit: 150 }));

		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputOf(NODE)).map((item) => item.id)).toEqual(newestFirst.slice(0, 150));
		const pages = flowRequests(before);
		expect(pages).toHaveLength(2);
		expect(pages[1].query.continuationToken).toEqual(expect.any(String));
	});

	it('with filters.name: only connections with exactly that name', async () => {
		const before = emulator().platformRequests().length;
		const result = await run(withParameters(GET_MANY, NODE, { filters: { name: 'Finance' } }));

		expect(result.error).toBeUndefined();
		const finance = newestFirst.filter((_, index) => names[COUNT - 1 - index] === 'Finance');
		expect(finance).toHaveLength(3);
		expect(jsonOf(result.outputOf(NODE)).map((item) => [item.id, item.name])).toEqual(
			finance.map((id) => [id, 'Finance']),
		);
		expect(flowRequests(before).map((entry) => entry.query)).toEqual([
			{
				property: [`connectionSpec.id==${REDSHIFT_SPEC.id}`, 'name==Finance'],
				limit: '100',
				orderby: '-createdAt',
			},
		]);
	});
});

describe('Update', () => {
	const UPDATE = workflowFile('update.workflow.json');
	const NODE = 'Update Connection';

	it('renames and rotates the password: fetches the etag, sends it as If-Match, outputs the new etag', async () => {
		const id = await startWithOneConnection();
		const oldEtag = emulator().connections()[0].etag;
		const before = emulator().platformRequests().length;

		const result = await run(
			withInputs(UPDATE, [
				{ connectionId: id, name: 'Orders warehouse v2', password: 'rotated-Passw0rd-2', etag: '' },
			]),
		);

		expect(result.error).toBeUndefined();
		const [stored] = emulator().connections();
		expect(stored.name).toBe('Orders warehouse v2');
		expect(stored.auth.params.password).toBe('rotated-Passw0rd-2');
		expect(stored.etag).not.toBe(oldEtag);
		expect(result.outputOf(NODE)).toEqual([
			{
				json: {
					id,
					etag: stored.etag,
					previousEtag: oldEtag,
					sandboxName: 'prod',
					updated: ['name', 'password'],
				},
				pairedItem: { item: 0 },
			},
		]);

		const [get, patch, ...rest] = flowRequests(before);
		expect(rest).toEqual([]);
		expect(describeRequest(get)).toBe(`GET /connections/${id} 200`);
		expect(describeRequest(patch)).toBe(`PATCH /connections/${id} 200`);
		expect(patch.headers['if-match']).toBe(oldEtag);
		expect(patch.headers['content-type']).toBe('application/json');
		expect(JSON.parse(patch.body)).toEqual([
			{ op: 'replace', path: '/name', value: 'Orders warehouse v2' },
			{ op: 'replace', path: '/auth/params/password', value: 'rotated-Passw0rd-2' },
		]);
		expect(nodeRunText(result, NODE)).not.toContain('rotated-Passw0rd-2');
	});

	it('a stale etag given explicitly is refused with a clear message (FLOW-1404-412) and nothing changes', async () => {
		const id = await startWithOneConnection();
		const staleEtag = emulator().connections()[0].etag;
		const first = await run(
			withInputs(UPDATE, [{ connectionId: id, name: 'Renamed once', etag: '' }]),
		);
		expect(first.error).toBeUndefined();
		const current = emulator().connections()[0];
		const before = emulator().platformRequests().length;

		const result = await run(
			withInputs(UPDATE, [{ connectionId: id, name: 'Renamed twice', etag: staleEtag }]),
		);

		expect(result.error?.message).toContain('FLOW-1404-412');
		expect(result.error?.description).toMatch(/stale etag/i);
		// The given etag is used as is: no GET first, and a 412 is not retried.
		const requests = flowRequests(before);
		expect(requests.map(describeRequest)).toEqual([`PATCH /connections/${id} 412`]);
		expect(requests[0].headers['if-match']).toBe(staleEtag);
		expect(emulator().connections()).toEqual([current]);
	});
});

describe('Delete', () => {
	it('deletes (204) and a later Get fails with not found', async () => {
		const { id, result, sent } = await runOnOneConnection('delete');

		expect(result.error).toBeUndefined();
		expect(result.outputOf('Delete Connection')).toEqual([
			{
				json: { id, deleted: true, alreadyAbsent: false, sandboxName: 'prod' },
				pairedItem: { item: 0 },
			},
		]);
		expect(sent.map(describeRequest)).toEqual([`DELETE /connections/${id} 204`]);
		expect(emulator().connections()).toEqual([]);

		const get = await run(withInputs(byIdWorkflow('get'), [{ connectionId: id }]));
		expect(get.error?.message).toContain('FLOW-1439-404');
		expect(get.error?.description).toMatch(/connection ID/i);
	});

	it('a connection used by dataflows: FLOW-1418-400 saying to delete the dataflows first; it stays', async () => {
		const id = await startWithOneConnection();
		emulator().markInUse(id);
		const before = emulator().platformRequests().length;

		const result = await run(withInputs(byIdWorkflow('delete'), [{ connectionId: id }]));

		expect(result.error?.message).toContain('FLOW-1418-400');
		// Adobe's own text says "dataflows" too: check the fix the node adds.
		expect(result.error?.description).toMatch(/What to do: .*dataflows/);
		expect(flowRequests(before).map(describeRequest)).toEqual([`DELETE /connections/${id} 400`]);
		expect(idsOf(emulator().connections())).toEqual([id]);
	});
});

describe('Test, List Tables, Get Table Schema', () => {
	it('Test: ok true for a reachable server, ok false (not an error) for an unreachable one', async () => {
		await startTestEmulator();
		const [reachable] = await seedConnections(emulator(), ['Reachable']);
		const [unreachable] = await seedConnections(emulator(), ['Unreachable'], {
			server: 'warehouse.unreachable.example.com',
		});
		const before = emulator().platformRequests().length;

		const result = await run(
			withInputs(byIdWorkflow('test'), [
				{ connectionId: reachable },
				{ connectionId: unreachable },
			]),
		);

		expect(result.error).toBeUndefined();
		expect(result.outputOf('Test Connection')).toEqual([
			{ json: { id: reachable, ok: true, sandboxName: 'prod' }, pairedItem: { item: 0 } },
			{ json: { id: unreachable, ok: false, sandboxName: 'prod' }, pairedItem: { item: 1 } },
		]);
		expect(flowRequests(before).map(describeRequest)).toEqual([
			`GET /connections/${reachable}/test 200`,
			`GET /connections/${unreachable}/test 200`,
		]);
	});

	it('List Tables: one item per table of the catalogue, as Adobe explores it', async () => {
		const { id, result, sent } = await runOnOneConnection('listTables');

		expect(result.error).toBeUndefined();
		expect(result.outputOf('List Tables')).toEqual(
			DEFAULT_TABLES.map((table) => ({
				json: {
					connectionId: id,
					name: table.path,
					path: table.path,
					type: 'table',
					canPreview: true,
					canFetchSchema: true,
				},
				pairedItem: { item: 0 },
			})),
		);
		const adobe = (await directGet(
			emulator(),
			`${CONNECTIONS_PATH}/${id}/explore?objectType=root`,
		)) as IDataObject[];
		expect(jsonOf(result.outputOf('List Tables'))).toEqual(
			adobe.map((table) => ({ connectionId: id, ...table })),
		);
		expect(sent.map(describeRequest)).toEqual([
			`GET /connections/${id}/explore?objectType=root 200`,
		]);
	});

	it('Get Table Schema: the columns Adobe returns for the table', async () => {
		const { id, result, sent } = await runOnOneConnection('getTableSchema', {
			table: 'public.orders',
		});

		expect(result.error).toBeUndefined();
		const adobe = (await directGet(
			emulator(),
			`${CONNECTIONS_PATH}/${id}/explore?objectType=table&object=public.orders`,
		)) as {
			format: string;
			schema: { columns: IDataObject[] };
		};
		expect(adobe.schema.columns.map((column) => column.name)).toEqual([
			'order_id',
			'customer_id',
			'quantity',
			'total',
			'paid',
			'ordered_at',
		]);
		expect(result.outputOf('Get Table Schema')).toEqual([
			{
				json: {
					connectionId: id,
					tableName: 'public.orders',
					format: 'flat',
					columns: adobe.schema.columns,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(sent.map(describeRequest)).toEqual([
			`GET /connections/${id}/explore?objectType=table&object=public.orders 200`,
		]);
	});
});

describe('Create with ifExists', () => {
	const CREATE = workflowFile('create.workflow.json');
	const NODE = 'Create Connection';

	it("'reuse' twice: the second run creates nothing and returns the existing connection with its current etag", async () => {
		await startTestEmulator();
		const reuse = withParameters(withInputs(CREATE, [AZURE_INPUT]), NODE, { ifExists: 'reuse' });

		const first = await run(reuse);
		expect(first.error).toBeUndefined();
		const [created] = emulator().connections();
		expect(jsonOf(first.outputOf(NODE))).toEqual([
			{
				id: created.id,
				etag: created.etag,
				name: AZURE_INPUT.name,
				hosting: 'azure',
				sandboxName: 'prod',
				connectionSpec: { ...REDSHIFT_SPEC },
				reused: false,
			},
		]);
		// Change the connection so its etag moves on: the reused output must carry the new one.
		const rotate = await run(
			withInputs(workflowFile('update.workflow.json'), [
				{ connectionId: created.id, password: 'rotated-between-runs', etag: '' },
			]),
		);
		expect(rotate.error).toBeUndefined();
		const currentEtag = emulator().connections()[0].etag;
		expect(currentEtag).not.toBe(created.etag);
		const before = emulator().platformRequests().length;

		const second = await run(reuse);

		expect(second.error).toBeUndefined();
		expect(second.outputOf(NODE)).toEqual([
			{
				json: {
					id: created.id,
					etag: currentEtag,
					name: AZURE_INPUT.name,
					hosting: 'azure',
					sandboxName: 'prod',
					connectionSpec: { ...REDSHIFT_SPEC },
					reused: true,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(connectionPosts(emulator())).toHaveLength(1);
		expect(emulator().connections()).toHaveLength(1);
		// One lookup of the name (a page of them: Reuse It keeps the oldest, as racing runs do).
		expect(
			flowRequests(before).map((entry) => `${entry.method} ${JSON.stringify(entry.query)}`),
		).toEqual([
			`GET ${JSON.stringify({ property: [`connectionSpec.id==${REDSHIFT_SPEC.id}`, `name==${AZURE_INPUT.name}`], limit: '100', orderby: '-createdAt' })}`,
		]);
	});

	it("'reuse' finds names with characters that need URL encoding (+ & , # %)", async () => {
		await startTestEmulator();
		const name = 'C++ Orders & Returns, EU #1 (100%)';
		const [existing] = await seedConnections(emulator(), [name, `${name} copy`]);

		const result = await run(
			withParameters(withInputs(CREATE, [{ ...AZURE_INPUT, name }]), NODE, { ifExists: 'reuse' }),
		);

		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputOf(NODE))).toEqual([
			expect.objectContaining({ id: existing, name, reused: true }),
		]);
		expect(connectionPosts(emulator())).toHaveLength(2); // the seeding POSTs only
	});

	it("'error': fails naming the existing connection's ID, without creating one", async () => {
		await startTestEmulator();
		const [existing] = await seedConnections(emulator(), [AZURE_INPUT.name]);

		const result = await run(
			withParameters(withInputs(CREATE, [AZURE_INPUT]), NODE, { ifExists: 'error' }),
		);

		expect(result.error?.message).toContain(existing);
		expect(result.error?.message).toContain(AZURE_INPUT.name);
		expect(connectionPosts(emulator())).toHaveLength(1); // the seeding POST only
		expect(idsOf(emulator().connections())).toEqual([existing]);
	});
});

describe('Chaining and sandboxes', () => {
	it('Create -> Test with connectionId {{ $json.id }}: each created connection is tested', async () => {
		await startTestEmulator();
		const inputs = [
			AZURE_INPUT,
			{
				...AZURE_INPUT,
				name: 'Second',
				server: 'broken.unreachable.example.com',
				password: 'second-Passw0rd',
			},
		];

		const result = await run(withInputs(workflowFile('create-then-test.workflow.json'), inputs));

		expect(result.error).toBeUndefined();
		const ids = idsOf(emulator().connections());
		expect(ids).toHaveLength(2);
		expect(result.outputOf('Test Connection')).toEqual([
			{ json: { id: ids[0], ok: true, sandboxName: 'prod' }, pairedItem: { item: 0 } },
			{ json: { id: ids[1], ok: false, sandboxName: 'prod' }, pairedItem: { item: 1 } },
		]);
		// Create lists the connections with its name before each POST (the duplicate guard's "before").
		expect(
			emulator()
				.platformRequests()
				.map(describeRequest)
				.filter((line) => !line.startsWith('GET /connections?')),
		).toEqual([
			'POST /connections 201',
			'POST /connections 201',
			`GET /connections/${ids[0]}/test 200`,
			`GET /connections/${ids[1]}/test 200`,
		]);
	});

	it('the whole lifecycle in one workflow: create, get, update, test, list tables, table schemas, delete', async () => {
		await startTestEmulator();

		const result = await run(workflowFile('lifecycle.workflow.json'));

		expect(result.error).toBeUndefined();
		// The lifecycle's own nodes, in order, after the trigger and the items.
		const operations = [
			'Create',
			'Get',
			'Update',
			'Test',
			'List Tables',
			'Get Table Schema',
			'Delete',
		];
		expect(result.executionOrder).toEqual(['Start', 'Inputs', ...operations]);
		const [created] = jsonOf(result.outputOf('Create'));
		const id = created.id as string;
		const [got] = jsonOf(result.outputOf('Get'));
		expect(got).toMatchObject({
			id,
			name: 'Orders warehouse',
			etag: created.etag,
			hosting: 'azure',
			sandboxName: 'prod',
		});
		const [updated] = jsonOf(result.outputOf('Update'));
		expect(updated).toEqual({
			id,
			etag: expect.stringMatching(/^"[^"]+"$/),
			previousEtag: created.etag,
			sandboxName: 'prod',
			updated: ['name', 'password'],
		});
		expect(updated.etag).not.toBe(created.etag);
		expect(jsonOf(result.outputOf('Test'))).toEqual([{ id, ok: true, sandboxName: 'prod' }]);
		expect(jsonOf(result.outputOf('List Tables')).map((table) => table.path)).toEqual(
			DEFAULT_TABLES.map((table) => table.path),
		);
		expect(
			jsonOf(result.outputOf('Get Table Schema')).map((schema) => [
				schema.tableName,
				(schema.columns as IDataObject[]).length,
			]),
		).toEqual(DEFAULT_TABLES.map((table) => [table.path, table.columns.length]));
		expect(jsonOf(result.outputOf('Delete'))).toEqual([
			{ id, deleted: true, alreadyAbsent: false, sandboxName: 'prod' },
		]);

		expect(emulator().connections()).toEqual([]);
		expect(emulator().tokensIssued()).toBe(1);
		expect(emulator().platformRequests().map(describeRequest)).toEqual([
			expect.stringMatching(/^GET \/connections\?property=.*name%3D%3DOrders\+warehouse.* 200$/),
			'POST /connections 201',
			`GET /connections/${id} 200`,
			`PATCH /connections/${id} 200`,
			`GET /connections/${id}/test 200`,
			`GET /connections/${id}/explore?objectType=root 200`,
			...DEFAULT_TABLES.map(
				(table) =>
					`GET /connections/${id}/explore?objectType=table&object=${encodeURIComponent(table.path)} 200`,
			),
			`DELETE /connections/${id} 204`,
		]);
		// The rename used the Get output: "<name> (renamed)"; the If-Match was Get's etag.
		const patch = emulator()
			.platformRequests()
			.find((entry) => entry.method === 'PATCH');
		expect(patch?.headers['if-match']).toBe(created.etag);
		expect(JSON.parse(patch?.body ?? '[]')).toEqual([
			{ op: 'replace', path: '/name', value: 'Orders warehouse (renamed)' },
			{ op: 'replace', path: '/auth/params/password', value: 'rotated-redshift-password' },
		]);
		for (const node of operations) {
			const text = nodeRunText(result, node);
			for (const secret of [
				'engine-redshift-password',
				'rotated-redshift-password',
				emulator().options.clientSecret,
				storedToken(result),
			]) {
				expect(text).not.toContain(secret);
			}
		}
	});

	it('the sandbox option routes to another sandbox: the connection is visible only there', async () => {
		await startTestEmulator();
		const created = await run(
			withInputs(workflowFile('create.workflow.json'), [{ ...AZURE_INPUT, sandbox: 'dev' }]),
		);
		expect(created.error).toBeUndefined();
		const [stored] = emulator().connections();
		expect(stored.sandboxName).toBe('dev');
		expect(jsonOf(created.outputOf('Create Connection'))[0]).toMatchObject({
			id: stored.id,
			sandboxName: 'dev',
		});

		const inDev = await run(
			withInputs(byIdWorkflow('get'), [{ connectionId: stored.id, sandbox: 'dev' }]),
		);
		expect(inDev.error).toBeUndefined();
		expect(jsonOf(inDev.outputOf('Get Connection'))[0]).toMatchObject({
			id: stored.id,
			name: AZURE_INPUT.name,
			sandboxName: 'dev',
		});

		const inProd = await run(withInputs(byIdWorkflow('get'), [{ connectionId: stored.id }]));
		expect(inProd.error?.message).toContain('FLOW-1439-404');

		const manyProd = await run(workflowFile('get-many.workflow.json'));
		const manyDev = await run(
			withParameters(workflowFile('get-many.workflow.json'), 'Get Connections', {
				options: { sandboxName: 'dev' },
			}),
		);
		expect(manyProd.outputOf('Get Connections')).toEqual([]);
		expect(jsonOf(manyDev.outputOf('Get Connections')).map((item) => item.id)).toEqual([stored.id]);

		expect(
			emulator()
				.platformRequests()
				.map((entry) => `${entry.method} ${entry.headers['x-sandbox-name']} ${entry.status}`),
		).toEqual([
			'GET dev 200',
			'POST dev 201',
			'GET dev 200',
			'GET prod 404',
			'GET prod 200',
			'GET dev 200',
		]);
	});
});

describe('A bad connection ID never reaches Adobe', () => {
	it.each([
		['get', byIdWorkflow('get'), 'Get Connection'],
		['update', workflowFile('update.workflow.json'), 'Update Connection'],
		['delete', byIdWorkflow('delete'), 'Delete Connection'],
		['test', byIdWorkflow('test'), 'Test Connection'],
		['listTables', byIdWorkflow('listTables'), 'List Tables'],
		['getTableSchema', byIdWorkflow('getTableSchema'), 'Get Table Schema'],
	])(
		'%s: "not-an-id" fails naming "Connection", with 0 requests',
		async (_label, workflow, node) => {
			await startTestEmulator();
			const inputs = [
				{ connectionId: 'not-an-id', name: 'New name', table: 'public.orders', etag: '' },
			];

			const failed = await run(withInputs(workflow, inputs));
			expect(failed.error?.message).toMatch(/^"Connection" "not-an-id" is not a connection ID/);

			const continued = await run(continueOnFail(withInputs(workflow, inputs), node));
			expect(continued.error).toBeUndefined();
			expect(
				continued
					.outputOf(node)
					.map((item) => ({ json: itemView(item), pairedItem: item.pairedItem })),
			).toEqual([
				{
					json: {
						error: failed.error?.message,
						description: expect.stringContaining('nothing was sent'),
						field: 'connectionId',
					},
					pairedItem: { item: 0 },
				},
			]);

			expect(emulator().requests()).toEqual([]);
			expect(emulator().tokensIssued()).toBe(0);
		},
	);
});
