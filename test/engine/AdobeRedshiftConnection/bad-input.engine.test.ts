/**
 * Malformed input, in n8n's engine: every field of every operation, values typed in or coming
 * from expressions (text where a number belongs, objects, lists, URLs, blanks). Each must end as
 * an error item that names the field as the user sees it, and nothing may reach Adobe for it:
 * no Flow Service request and no token request.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { BaseConnectionOperation } from '../../../nodes/AdobeRedshiftConnection/actions/baseConnection/Connection.resource';
import {
	expectOnePerItem,
	isErrorItem,
	testSecret,
	useScannedEmulator,
} from '../../support/redshift/kit';

jest.setTimeout(30_000);

const PASSWORD = testSecret('redshift-pw');
const VALID_ID = '373e88fc-43da-4e3c-be88-fc43da3e3c0f';
const SERVER = 'badinput.abc123xyz789.us-west-2.redshift.amazonaws.com';
const MEGABYTE = 'x'.repeat(1024 * 1024);

const { emu, runNode } = useScannedEmulator({
	hosting: 'aws',
	secrets: { 'Redshift password': PASSWORD },
});

// The node's own list: an operation added there without a BASE entry here does not compile.
type Operation = BaseConnectionOperation;

interface BaseCase {
	parameters: INodeParameters;
	item: IDataObject;
}

const SANDBOX_FROM_ITEM = { options: { sandboxName: '={{ $json.sandbox }}' } };

/** An operation on the connection whose ID the item gives, with more `parameters` and `item` values. */
const byId = (
	operation: Operation,
	parameters: INodeParameters = {},
	item: IDataObject = {},
): BaseCase => ({
	parameters: { operation, connectionId: '={{ $json.id }}', ...parameters },
	item: { id: VALID_ID, ...item },
});

/**
 * Per operation: parameters whose values come from the item (`$json`), and an item that passes.
 * A case overrides item values (data from upstream) or parameters (typed in, or an inline expression).
 */
const BASE: Record<Operation, BaseCase> = {
	create: {
		parameters: {
			operation: 'create',
			hosting: '={{ $json.hosting }}',
			name: '={{ $json.name }}',
			description: '={{ $json.description }}',
			server: '={{ $json.server }}',
			port: '={{ $json.port }}',
			username: '={{ $json.username }}',
			password: PASSWORD,
			database: '={{ $json.database }}',
			schema: '={{ $json.schema }}',
			...SANDBOX_FROM_ITEM,
		},
		item: {
			hosting: 'aws',
			name: 'Orders',
			description: 'From n8n',
			server: SERVER,
			port: 5439,
			username: 'aep_reader',
			database: 'dev',
			schema: 'public',
			sandbox: '',
		},
	},
	get: byId('get', SANDBOX_FROM_ITEM, { sandbox: '' }),
	delete: byId('delete'),
	test: byId('test', SANDBOX_FROM_ITEM, { sandbox: '' }),
	listTables: byId('listTables'),
	getTableSchema: byId(
		'getTableSchema',
		{ tablePath: '={{ $json.table }}' },
		{ table: 'public.orders' },
	),
	update: byId(
		'update',
		{ updateFields: { description: 'Rotated' }, etag: '={{ $json.etag }}' },
		{ etag: '' },
	),
	getAll: {
		parameters: {
			operation: 'getAll',
			returnAll: false,
			limit: '={{ $json.limit }}',
			...SANDBOX_FROM_ITEM,
		},
		item: { limit: 10, sandbox: '' },
	},
};

interface BadCase {
	title: string;
	operation: Operation;
	item?: IDataObject;
	parameters?: INodeParameters;
	/** The field's display name, as the message must quote it. */
	label: string;
	/** The parameter name the error item reports in `field`. */
	field: string;
}

const byOperation = (operation: Operation, cases: Array<Omit<BadCase, 'operation'>>): BadCase[] =>
	cases.map((entry) => ({ ...entry, operation }));

const PORT = { label: 'Port', field: 'port' };
const SERVER_FIELD = { label: 'Server', field: 'server' };
const NAME = { label: 'Connection Name', field: 'name' };
const SANDBOX = { label: 'Sandbox Name or ID', field: 'options.sandboxName' };
const CONNECTION_ID = { label: 'Connection', field: 'connectionId' };

const CASES: BadCase[] = [
	...byOperation('create', [
		{ title: 'port 0', item: { port: 0 }, ...PORT },
		{ title: 'port 65536', item: { port: 65536 }, ...PORT },
		{ title: 'port -1', item: { port: -1 }, ...PORT },
		{ title: 'port "abc"', item: { port: 'abc' }, ...PORT },
		{ title: 'port 5439.5', item: { port: 5439.5 }, ...PORT },
		{ title: 'port "5439.5" (text)', item: { port: '5439.5' }, ...PORT },
		{ title: 'port empty', item: { port: '' }, ...PORT },
		{ title: 'port typed in as 0', parameters: { port: 0 }, ...PORT },
		{
			title: 'port expression resolving to an object',
			parameters: { port: '={{ { value: 5439 } }}' },
			...PORT,
		},
		{
			title: 'port expression resolving to a list',
			parameters: { port: '={{ [5439] }}' },
			...PORT,
		},
		{ title: 'server "https://x"', item: { server: 'https://x' }, ...SERVER_FIELD },
		{ title: 'server "host/path"', item: { server: 'host/path' }, ...SERVER_FIELD },
		{ title: 'server "a b"', item: { server: 'a b' }, ...SERVER_FIELD },
		{
			title: 'server "jdbc:redshift://h:5439/dev"',
			item: { server: 'jdbc:redshift://h:5439/dev' },
			...SERVER_FIELD,
		},
		{ title: 'server "h:5439"', item: { server: 'h:5439' }, ...SERVER_FIELD },
		{ title: 'server empty', item: { server: '' }, ...SERVER_FIELD },
		{
			title: 'server with an underscore',
			item: { server: 'my_cluster.example.com' },
			...SERVER_FIELD,
		},
		{
			title: 'server expression resolving to an object',
			parameters: { server: '={{ {a:1} }}' },
			...SERVER_FIELD,
		},
		{
			title: 'server from a list in the item',
			item: { server: [SERVER, SERVER] },
			...SERVER_FIELD,
		},
		{ title: 'name empty', item: { name: '' }, ...NAME },
		{ title: 'name only spaces', item: { name: '   ' }, ...NAME },
		{ title: 'name 300 characters', item: { name: 'n'.repeat(300) }, ...NAME },
		{ title: 'name with a line break', item: { name: 'Orders\nwarehouse' }, ...NAME },
		{
			title: 'name expression resolving to an object',
			parameters: { name: '={{ { name: "Orders" } }}' },
			...NAME,
		},
		{
			title: 'description of 1 MB',
			item: { description: MEGABYTE },
			label: 'Description',
			field: 'description',
		},
		{
			title: 'description resolving to a list',
			parameters: { description: '={{ ["a", "b"] }}' },
			label: 'Description',
			field: 'description',
		},
		{ title: 'schema missing on AWS', item: { schema: '' }, label: 'Schema', field: 'schema' },
		{ title: 'username empty', item: { username: '' }, label: 'Username', field: 'username' },
		// Typed in empty, n8n itself refuses to start (required parameter); an expression gets through.
		{
			title: 'password expression resolving to empty',
			parameters: { password: '={{ "" }}' },
			label: 'Password',
			field: 'password',
		},
		{
			title: 'password only spaces',
			parameters: { password: '    ' },
			label: 'Password',
			field: 'password',
		},
		{
			title: 'database with a tab',
			item: { database: 'de\tv' },
			label: 'Database',
			field: 'database',
		},
		{
			title: 'hosting "gcp"',
			item: { hosting: 'gcp' },
			label: 'Experience Platform Hosting',
			field: 'hosting',
		},
		{ title: 'sandbox override "Prod"', item: { sandbox: 'Prod' }, ...SANDBOX },
		{ title: 'sandbox override "my sandbox"', item: { sandbox: 'my sandbox' }, ...SANDBOX },
		{
			title: 'sandbox override resolving to an object',
			item: { sandbox: { name: 'prod' } },
			...SANDBOX,
		},
		{
			title: 'ifExists "maybe"',
			parameters: { ifExists: 'maybe' },
			label: 'If a Connection With This Name Exists',
			field: 'ifExists',
		},
	]),
	...byOperation('get', [
		{ title: 'connection ID "abc"', item: { id: 'abc' }, ...CONNECTION_ID },
		{ title: 'connection ID empty', item: { id: '' }, ...CONNECTION_ID },
		{
			title: 'connection ID pasted as a URL',
			item: { id: `https://platform.adobe.io/data/foundation/flowservice/connections/${VALID_ID}` },
			...CONNECTION_ID,
		},
		{ title: 'sandbox override "Prod"', item: { sandbox: 'Prod' }, ...SANDBOX },
	]),
	...byOperation('update', [
		{
			title: 'connection ID one character short',
			item: { id: VALID_ID.slice(0, -1) },
			...CONNECTION_ID,
		},
		{
			title: 'no update fields',
			parameters: { updateFields: {} },
			label: 'Update Fields',
			field: 'updateFields',
		},
		{
			title: 'etag without quotes',
			item: { etag: '1700ce7b-0000-0200-0000-5e3b405e0000' },
			label: 'ETag',
			field: 'etag',
		},
		{ title: 'port 65536', parameters: { updateFields: { port: 65536 } }, ...PORT },
		{
			title: 'server "https://x"',
			parameters: { updateFields: { server: 'https://x' } },
			...SERVER_FIELD,
		},
		{
			title: 'description of 1 MB',
			parameters: { updateFields: { description: MEGABYTE } },
			label: 'Description',
			field: 'description',
		},
	]),
	...byOperation('delete', [
		{ title: 'connection ID "none"', item: { id: 'none' }, ...CONNECTION_ID },
		{
			title: 'connection ID resolving to an object',
			item: { id: { id: VALID_ID } },
			...CONNECTION_ID,
		},
	]),
	...byOperation('test', [
		{ title: 'connection ID with spaces inside', item: { id: `${VALID_ID} x` }, ...CONNECTION_ID },
		{ title: 'sandbox override "my sandbox"', item: { sandbox: 'my sandbox' }, ...SANDBOX },
	]),
	...byOperation('listTables', [
		{ title: 'connection ID "12345"', item: { id: 12345 }, ...CONNECTION_ID },
	]),
	...byOperation('getTableSchema', [
		{ title: 'connection ID "x"', item: { id: 'x' }, ...CONNECTION_ID },
		{ title: 'table empty', item: { table: '' }, label: 'Table', field: 'tablePath' },
		{ title: 'table only spaces', item: { table: '  ' }, label: 'Table', field: 'tablePath' },
	]),
	...byOperation('getAll', [
		{ title: 'limit 0', item: { limit: 0 }, label: 'Limit', field: 'limit' },
		{ title: 'limit -5', item: { limit: -5 }, label: 'Limit', field: 'limit' },
		{ title: 'limit "ten"', item: { limit: 'ten' }, label: 'Limit', field: 'limit' },
		{ title: 'sandbox override "Prod"', item: { sandbox: 'Prod' }, ...SANDBOX },
	]),
];

function inputsFor(entry: Pick<BadCase, 'operation' | 'item' | 'parameters'>): {
	item: IDataObject;
	parameters: INodeParameters;
} {
	const base = BASE[entry.operation];
	return {
		item: { ...base.item, ...entry.item },
		parameters: { ...base.parameters, ...entry.parameters },
	};
}

function expectNamesField(json: IDataObject, entry: Pick<BadCase, 'label' | 'field'>): void {
	expect(isErrorItem(json)).toBe(true);
	expect(json.error).toContain(`"${entry.label}"`);
	expect(json.field).toBe(entry.field);
	// Refused before sending, and the item says so.
	expect(json.httpCode).toBeUndefined();
	expect(json.description).toContain('nothing was sent to Adobe');
}

it('covers at least 40 malformed inputs across every operation', () => {
	expect(CASES.length).toBeGreaterThanOrEqual(40);
	expect(new Set(CASES.map((entry) => entry.operation))).toEqual(new Set(Object.keys(BASE)));
	expect(new Set(CASES.map((entry) => `${entry.operation} ${entry.title}`)).size).toBe(
		CASES.length,
	);
});

describe('each malformed input fails its item, names the field and sends nothing', () => {
	it.each(CASES.map((entry) => [`${entry.operation}: ${entry.title}`, entry] as const))(
		'%s',
		async (title, entry) => {
			const { item, parameters } = inputsFor(entry);
			const run = await runNode([item], parameters, { label: title });

			expect(run.result.error).toBeUndefined();
			expectOnePerItem(run.output, 1);
			expectNamesField(run.json[0], entry);
			expect(emu().platformRequests()).toEqual([]);
			expect(emu().tokensIssued()).toBe(0);
		},
	);
});

describe('the same inputs, valid, go through (the cases fail only for their one bad value)', () => {
	it.each(Object.keys(BASE).map((operation) => [operation] as const))('%s', async (operation) => {
		const entry = { operation: operation as Operation };
		// Read operations need a connection that exists; make it with the valid create input.
		if (operation !== 'create' && operation !== 'getAll') {
			const created = await runNode(
				[inputsFor({ operation: 'create' }).item],
				inputsFor({ operation: 'create' }).parameters,
				{ label: 'control create' },
			);
			expect(created.json[0].error).toBeUndefined();
			const { item, parameters } = inputsFor(entry);
			const run = await runNode([{ ...item, id: created.json[0].id }], parameters, {
				label: `control ${operation}`,
			});
			expect(run.json).toHaveLength(operation === 'listTables' ? 3 : 1);
			expect(run.json.filter(isErrorItem)).toEqual([]);
			return;
		}
		const { item, parameters } = inputsFor(entry);
		const run = await runNode([item], parameters, { label: `control ${operation}` });
		expect(run.json.filter(isErrorItem)).toEqual([]);
		expect(emu().platformRequests().length).toBeGreaterThan(0);
	});
});

describe('mixed batch: bad items fail alone, good items in the same run still succeed', () => {
	it('create: every item-level bad value in one run at concurrency 4, interleaved with valid items', async () => {
		const itemCases = CASES.filter(
			(entry) => entry.operation === 'create' && entry.parameters === undefined,
		);
		const items: IDataObject[] = [];
		const expected: Array<BadCase | 'ok'> = [];
		itemCases.forEach((entry, index) => {
			items.push(inputsFor(entry).item, { ...BASE.create.item, name: `Valid ${index}` });
			expected.push(entry, 'ok');
		});
		const parameters = {
			...BASE.create.parameters,
			options: { ...(BASE.create.parameters.options as IDataObject), concurrency: 4 },
		};
		const run = await runNode(items, parameters, { label: 'create batch' });

		expect(run.result.error).toBeUndefined();
		expectOnePerItem(run.output, items.length);
		run.json.forEach((json, index) => {
			const want = expected[index];
			if (want === 'ok')
				expect(json).toMatchObject({ name: items[index].name, id: expect.any(String) });
			else expectNamesField(json, want);
		});
		// Only the valid items were sent, and they are all that is stored. (A 401 may precede the
		// first creates: the node still holds the token from before emu().reset(), and refreshes it.)
		const validNames = items
			.filter((_, index) => expected[index] === 'ok')
			.map((item) => item.name);
		const sent = emu()
			.platformRequests()
			.filter((entry) => entry.method === 'POST');
		expect(
			sent
				.filter((entry) => entry.status === 201)
				.map((entry) => JSON.parse(entry.body).name)
				.sort(),
		).toEqual([...validNames].sort());
		expect(sent.filter((entry) => entry.status !== 201 && entry.status !== 401)).toEqual([]);
		expect(
			emu()
				.connections()
				.map((connection) => connection.name)
				.sort(),
		).toEqual([...validNames].sort());
	});
});
