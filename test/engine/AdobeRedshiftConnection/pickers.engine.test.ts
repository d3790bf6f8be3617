/**
 * The Connection and Table pickers: their listSearch methods called as n8n's editor calls them
 * (LoadOptionsContext), and every ID-based operation run in n8n's engine with the picker's stored
 * forms: a resource locator in From List or By ID mode, a plain string from a workflow saved
 * before the picker, and an expression.
 */
import { NodeHelpers, type INodeListSearchResult, type INodeParameters } from 'n8n-workflow';

import { AdobeRedshiftConnection } from '../../../nodes/AdobeRedshiftConnection/AdobeRedshiftConnection.node';

import { DEFAULT_TABLES } from '../../emulator';
import { createCredentialsHelper, runWorkflow, type RunResult } from '../../support/engine/harness';
import {
	CONNECTIONS_PATH,
	credentialFor,
	editorContext,
	jsonOf,
	rl,
	seedConnections,
	singleNodeWorkflow,
	useEmulatorPerTest,
	withInputs,
} from '../../support/engine/support';

const { startTestEmulator, emulator } = useEmulatorPerTest();

/** Calls a listSearch method of the node with the editor's current parameters, as n8n's editor does. */
async function listSearch(
	method: 'searchConnections' | 'searchTables',
	parameters: INodeParameters,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const credentialsHelper = createCredentialsHelper([credentialFor(emulator())]);
	const path = method === 'searchConnections' ? 'connectionId' : 'tablePath';
	const { context, nodeType } = editorContext(credentialsHelper, parameters, path);
	const search = nodeType.methods?.listSearch?.[method];
	if (!search) throw new Error(`The node has no listSearch method ${method}`);
	return await search.call(context, filter, paginationToken);
}

/** Platform requests other than the sandbox listing, as "METHOD path". */
function flowCalls(): string[] {
	return emulator()
		.platformRequests()
		.map((entry) => `${entry.method} ${entry.path.replace(CONNECTIONS_PATH, '/connections')}`);
}

describe('listSearch: searchConnections (the Connection list)', () => {
	it('lists the Redshift connections of the credential sandbox, newest first, with ID and state', async () => {
		await startTestEmulator();
		const ids = await seedConnections(emulator(), [
			'Orders warehouse',
			'Marketing',
			'orders archive',
		]);
		await seedConnections(emulator(), ['Dev orders'], { sandboxName: 'dev' });

		const all = await listSearch('searchConnections', { operation: 'get' });

		expect(all.paginationToken).toBeUndefined();
		expect(all.results).toEqual(
			['orders archive', 'Marketing', 'Orders warehouse'].map((name, index) => ({
				name,
				value: ids[2 - index],
				description: `${ids[2 - index]} · enabled`,
			})),
		);
	});

	it('the search text matches names containing it, in any case', async () => {
		await startTestEmulator();
		const [warehouse, , archive] = await seedConnections(emulator(), [
			'Orders warehouse',
			'Marketing',
			'orders archive',
		]);

		const found = await listSearch('searchConnections', { operation: 'get' }, '  ORDERS ');

		expect(found.results.map((item) => item.value)).toEqual([archive, warehouse]);
		expect(
			(await listSearch('searchConnections', { operation: 'get' }, 'nothing like it')).results,
		).toEqual([]);
	});

	it("lists the node's sandbox (Options > Sandbox), not the credential's", async () => {
		await startTestEmulator();
		await seedConnections(emulator(), ['In prod']);
		const [inDev] = await seedConnections(emulator(), ['In dev'], { sandboxName: 'dev' });

		const found = await listSearch('searchConnections', {
			operation: 'get',
			options: { sandboxName: 'dev' },
		});

		expect(found.results.map((item) => [item.name, item.value])).toEqual([['In dev', inDev]]);
		const listings = emulator()
			.platformRequests()
			.filter((entry) => entry.method === 'GET' && entry.path === CONNECTIONS_PATH);
		expect(listings.map((entry) => entry.headers['x-sandbox-name'])).toEqual(['dev']);
	});

	it('pages: 50 per call, then the rest from the pagination token, with no repeats', async () => {
		await startTestEmulator();
		const names = Array.from(
			{ length: 62 },
			(_, index) => `Warehouse ${String(index).padStart(2, '0')}`,
		);
		const ids = await seedConnections(emulator(), names);

		const first = await listSearch('searchConnections', { operation: 'get' });
		expect(first.results).toHaveLength(50);
		expect(typeof first.paginationToken).toBe('string');
		const second = await listSearch(
			'searchConnections',
			{ operation: 'get' },
			undefined,
			first.paginationToken as string,
		);

		expect(second.paginationToken).toBeUndefined();
		expect([...first.results, ...second.results].map((item) => item.value)).toEqual(
			[...ids].reverse(),
		);
	});

	it('pages with a search text: each call reads Adobe pages until 50 match', async () => {
		await startTestEmulator();
		// 120 connections, every other one a match: the first call needs two Adobe pages of 50.
		const ids = await seedConnections(
			emulator(),
			Array.from({ length: 120 }, (_, index) => (index % 2 ? `Other ${index}` : `Match ${index}`)),
		);
		const matching = ids.filter((_, index) => index % 2 === 0).reverse();

		const first = await listSearch('searchConnections', { operation: 'get' }, 'match');
		const second = await listSearch(
			'searchConnections',
			{ operation: 'get' },
			'match',
			first.paginationToken as string,
		);

		expect(first.results.map((item) => item.value)).toEqual(matching.slice(0, 50));
		expect(second.results.map((item) => item.value)).toEqual(matching.slice(50));
		expect(second.paginationToken).toBeUndefined();
	});

	it('a page token that is not a connection listing link is refused before any request', async () => {
		await startTestEmulator();
		const failure = await listSearch(
			'searchConnections',
			{ operation: 'get' },
			undefined,
			'/flows?continuationToken=abc',
		).catch((error: Error) => error);
		expect((failure as Error).message).toContain('page token of the connection list');
		expect(flowCalls()).toEqual([]);
	});
});

describe('listSearch: searchTables (the Table list of Get Table Schema)', () => {
	it('lists the explored tables of the connection chosen From List, By ID or as a plain string', async () => {
		await startTestEmulator();
		const [id] = await seedConnections(emulator(), ['Orders warehouse']);
		const expected = DEFAULT_TABLES.map((table) => ({ name: table.path, value: table.path }));

		for (const connectionId of [rl('list', id), rl('id', id), id]) {
			const found = await listSearch('searchTables', { operation: 'getTableSchema', connectionId });
			expect(found).toEqual({ results: expected });
		}
		expect(
			(
				await listSearch(
					'searchTables',
					{ operation: 'getTableSchema', connectionId: rl('list', id) },
					'PUBLIC.',
				)
			).results.map((item) => item.value),
		).toEqual(['public.orders', 'public.customers']);
	});

	it('explores in the sandbox of the node', async () => {
		await startTestEmulator();
		const [id] = await seedConnections(emulator(), ['Dev warehouse'], { sandboxName: 'dev' });
		const found = await listSearch('searchTables', {
			operation: 'getTableSchema',
			connectionId: rl('list', id),
			options: { sandboxName: 'dev' },
		});
		expect(found.results).toHaveLength(DEFAULT_TABLES.length);
	});

	it.each([
		['no connection chosen yet', rl('list', ''), 'Connection'],
		['a bad ID', rl('id', 'not-a-uuid'), 'is not a connection ID'],
		['an expression', rl('id', '={{ $json.id }}'), 'is an expression'],
	])('%s: a clear error, no request', async (_title, connectionId, message) => {
		await startTestEmulator();
		const failure = await listSearch('searchTables', {
			operation: 'getTableSchema',
			connectionId,
		}).catch((error: Error) => error);
		expect((failure as Error).message).toContain(message);
		expect(flowCalls()).toEqual([]);
	});
});

type IdOperation = 'get' | 'delete' | 'test' | 'listTables' | 'getTableSchema' | 'update';

const OPERATIONS: Record<
	IdOperation,
	{ parameters: INodeParameters; path: (id: string) => string; method: string }
> = {
	get: { parameters: {}, method: 'GET', path: (id) => `/connections/${id}` },
	delete: { parameters: {}, method: 'DELETE', path: (id) => `/connections/${id}` },
	test: { parameters: {}, method: 'GET', path: (id) => `/connections/${id}/test` },
	listTables: { parameters: {}, method: 'GET', path: (id) => `/connections/${id}/explore` },
	getTableSchema: {
		parameters: { tablePath: rl('list', 'public.orders') },
		method: 'GET',
		path: (id) => `/connections/${id}/explore`,
	},
	update: {
		parameters: { updateFields: { description: 'Picked' } },
		method: 'PATCH',
		path: (id) => `/connections/${id}`,
	},
};

/** How the Connection field may be stored: picker modes, a plain string (older workflows), an expression. */
const FORMS: Record<string, (id: string) => { connectionId: unknown; item?: { id: string } }> = {
	'From List': (id) => ({ connectionId: rl('list', id) }),
	'By ID': (id) => ({ connectionId: rl('id', id) }),
	'By ID with an expression': (id) => ({ connectionId: rl('id', '={{ $json.id }}'), item: { id } }),
	'a plain string (saved before the picker)': (id) => ({ connectionId: id }),
	'a plain expression (saved before the picker)': (id) => ({
		connectionId: '={{ $json.id }}',
		item: { id },
	}),
};

async function runOperation(
	operation: IdOperation,
	parameters: INodeParameters,
	item?: object,
): Promise<RunResult> {
	let workflow = singleNodeWorkflow('Picked', {
		operation,
		...OPERATIONS[operation].parameters,
		...parameters,
	});
	if (item) {
		// A Code node between Start and ours emits the item the expression reads.
		workflow = withInputs(
			{
				...workflow,
				nodes: [
					...workflow.nodes,
					{
						id: 'a0000000-0000-4000-8000-000000000003',
						name: 'Inputs',
						type: 'n8n-nodes-base.code',
						typeVersion: 2,
						position: [110, 0],
						parameters: { jsCode: '' },
					},
				],
				connections: {
					Start: { main: [[{ node: 'Inputs', type: 'main', index: 0 }]] },
					Inputs: { main: [[{ node: 'Picked', type: 'main', index: 0 }]] },
				},
			},
			[item as never],
		);
	}
	return await runWorkflow(workflow, { credentials: [credentialFor(emulator())] });
}

describe('each ID-based operation takes every stored form of the Connection field', () => {
	const cases = (Object.keys(OPERATIONS) as IdOperation[]).flatMap((operation) =>
		Object.keys(FORMS).map((form) => [operation, form] as const),
	);

	it.each(cases)('%s with %s', async (operation, form) => {
		await startTestEmulator();
		const [id] = await seedConnections(emulator(), ['Picked warehouse']);
		const { connectionId, item } = FORMS[form](id);

		const result = await runOperation(operation, { connectionId: connectionId as never }, item);

		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputOf('Picked')).length).toBeGreaterThan(0);
		const { method, path } = OPERATIONS[operation];
		expect(flowCalls()).toContain(`${method} ${path(id)}`);
	});

	it.each(Object.keys(OPERATIONS) as IdOperation[])(
		'%s: a bad UUID from an expression By ID fails naming the field, with no request',
		async (operation) => {
			await startTestEmulator();
			const result = await runOperation(
				operation,
				{ connectionId: rl('id', '={{ $json.id }}') },
				{ id: '373e88fc-43da-4e3c-be88' },
			);
			expect(result.error?.message).toContain(
				'"Connection" "373e88fc-43da-4e3c-be88" is not a connection ID',
			);
			expect(flowCalls()).toEqual([]);
		},
	);

	it.each(Object.keys(OPERATIONS) as IdOperation[])(
		'%s: a bad UUID typed By ID is a node issue under the field, and n8n runs nothing',
		async (operation) => {
			await startTestEmulator();
			const parameters = {
				operation,
				...OPERATIONS[operation].parameters,
				connectionId: rl('id', '373e88fc-43da-4e3c-be88'),
			};
			const node = singleNodeWorkflow('Picked', parameters).nodes[1];
			const nodeType = new AdobeRedshiftConnection();
			// As n8n loads a node: its parameters with defaults filled in, then checked.
			node.parameters =
				NodeHelpers.getNodeParameters(
					nodeType.description.properties,
					node.parameters,
					true,
					false,
					node,
					nodeType.description,
				) ?? {};

			const issues = NodeHelpers.getNodeParametersIssues(
				nodeType.description.properties,
				node,
				nodeType.description,
			);

			expect(issues?.parameters?.connectionId).toEqual([
				'Not a connection ID: expected a UUID such as 373e88fc-43da-4e3c-be88-fc43da3e3c0f',
			]);
			await expect(
				runOperation(operation, { connectionId: rl('id', '373e88fc-43da-4e3c-be88') }),
				// n8n-core 2.41 names the node and lists its issues (2.11 said "The workflow has issues").
			).rejects.toThrow(
				"The 'Picked' node has issues:\n- Not a connection ID: expected a UUID such as 373e88fc-43da-4e3c-be88-fc43da3e3c0f",
			);
			expect(flowCalls()).toEqual([]);
		},
	);

	it('an unknown picker mode fails naming the field and the allowed modes, with no request', async () => {
		await startTestEmulator();
		const result = await runOperation('get', {
			connectionId: rl('url', 'https://example.invalid/x'),
		});
		expect(result.error?.message).toBe('"Connection" has mode "url"; allowed: "list", "id".');
		expect(flowCalls()).toEqual([]);
	});
});

describe('Get Table Schema takes every stored form of the Table field', () => {
	it.each([
		['From List', rl('list', 'public.customers'), undefined],
		['By Name', rl('name', 'public.customers'), undefined],
		['By Name with an expression', rl('name', '={{ $json.table }}'), { table: 'public.customers' }],
		['a plain string (saved before the picker)', 'public.customers', undefined],
		[
			'a plain expression (saved before the picker)',
			'={{ $json.table }}',
			{ table: 'public.customers' },
		],
	])('%s', async (_form, tablePath, item) => {
		await startTestEmulator();
		const [id] = await seedConnections(emulator(), ['Tables warehouse']);

		const result = await runOperation(
			'getTableSchema',
			{ connectionId: rl('list', id), tablePath: tablePath as never },
			item,
		);

		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputOf('Picked'))[0]).toMatchObject({
			connectionId: id,
			tableName: 'public.customers',
			format: 'flat',
		});
		const explore = emulator()
			.platformRequests()
			.find((entry) => entry.path.endsWith('/explore'));
		expect(explore?.query).toMatchObject({ objectType: 'table', object: 'public.customers' });
	});

	it('an empty table from an expression fails naming the field, with no request', async () => {
		await startTestEmulator();
		const [id] = await seedConnections(emulator(), ['Tables warehouse']);
		const result = await runOperation(
			'getTableSchema',
			{ connectionId: rl('list', id), tablePath: rl('name', '={{ $json.table }}') },
			{ table: ' ' },
		);
		expect(result.error?.message).toContain('"Table"');
		expect(flowCalls().filter((call) => call.includes('/explore'))).toEqual([]);
	});
});
