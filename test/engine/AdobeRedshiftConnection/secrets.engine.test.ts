/**
 * Failed runs keep no secret. For every operation, one Flow Service request fails with an answer
 * that echoes the secrets (raw, JSON-escaped, URL-encoded, in the request ID and the error code),
 * the run fails (no Continue On Fail) and then the whole run result, the thrown error as n8n
 * stores it (`error.node` included, which the Error Trigger workflow receives) and the console are
 * scanned for the Redshift password, the client secret and every token.
 */
import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import type { StartedEmulator } from '../../emulator';
import {
	createCredentialsHelper,
	runWorkflow,
	type InMemoryCredentialsHelper,
	type RunResult,
	type WorkflowDefinition,
} from '../../support/engine/harness';
import { LeakScanner, serialiseForScan } from '../../support/engine/leaks';
import {
	CONNECTIONS_PATH,
	REDSHIFT_SIGN_IN_REF,
	REDSHIFT_SIGN_IN_TYPE,
	credentialFor,
	redshiftSignInCredential,
	seedConnections,
	singleNodeWorkflow,
	startTestEmulator,
	storedTokenOf,
} from '../../support/engine/support';
import { redshiftSignInShape } from '../../../nodes/AdobeRedshiftConnection/methods/credentialTest';

const NODE = 'Redshift';
// A quote, a backslash and a slash: JSON and URL encoders all change it.
const PASSWORD = 'fields-"Redshift"\\Pass/w0rd';
const FLOW_SERVICE = /^\/data\/foundation\/flowservice\//;

// The Redshift Sign-In credential (Credential mode), with its own password.
const SIGN_IN = {
	server: 'cred.abc123xyz789.us-west-2.redshift.amazonaws.com',
	port: 5439,
	username: 'cred_user',
	password: 'credential-"Redshift"\\Pass/w0rd',
	database: 'warehouse',
};

let emulator: StartedEmulator;
let credentialsHelper: InMemoryCredentialsHelper;
const scanner = new LeakScanner();
let stopConsole: () => void = () => undefined;

beforeAll(() => {
	stopConsole = scanner.watchConsole();
});
afterAll(() => stopConsole());

beforeEach(async () => {
	emulator = await startTestEmulator();
	credentialsHelper = createCredentialsHelper([
		credentialFor(emulator),
		redshiftSignInCredential(SIGN_IN),
	]);
});

afterEach(async () => {
	await emulator?.close();
});

function workflow(parameters: INodeParameters): WorkflowDefinition {
	return singleNodeWorkflow(NODE, { resource: 'baseConnection', ...parameters });
}

/** Gets a token stored in the credential first, so Adobe's echo can carry the token of the run. */
async function tokenOfAPreviousRun(): Promise<string> {
	const warmUp = await runWorkflow(workflow({ operation: 'getAll', returnAll: false, limit: 1 }), {
		credentialsHelper,
	});
	expect(warmUp.error).toBeUndefined();
	return storedTokenOf(credentialsHelper);
}

/** Adobe's Flow Service error shape with secrets in the title, detail and request ID, in several encodings. */
function flowServiceEcho(secrets: string[]): IDataObject {
	return {
		type: 'https://ns.adobe.com/aep/errors/FLOW-1304-400',
		title: `Rejected ${secrets.join(' ')}`,
		status: 400,
		report: {
			'detailed-message': `Sign-in failed: ${secrets.map((secret) => `${JSON.stringify(secret).slice(1, -1)} ${encodeURIComponent(secret)}`).join(' ')}`,
			'request-id': `req-${secrets[secrets.length - 1]}`,
		},
	};
}

/** The API gateway's error shape with a secret as the error code. */
function gatewayEcho(secrets: string[]): IDataObject {
	return {
		error_code: secrets[secrets.length - 1],
		message: `Gateway refused ${secrets.join(' ')}`,
	};
}

/** The node n8n stores with a node error (and hands to the Error Trigger workflow). */
function nodeOf(result: RunResult): INode | undefined {
	return (result.error as { node?: INode } | undefined)?.node;
}

async function failingRun(
	parameters: INodeParameters,
	echo: IDataObject,
	status = 400,
): Promise<RunResult> {
	emulator.failNext({ path: FLOW_SERVICE }, 1, { status, body: echo });
	const result = await runWorkflow(workflow(parameters), { credentialsHelper });
	expect(result.error).toBeDefined();
	return result;
}

/**
 * Everything n8n keeps of a failed run, and the error the Error Trigger workflow is handed. With
 * `typedInWorkflow`, a password typed in the node is part of the workflow itself (n8n keeps the
 * nodes to run next in the run result), so the run's node data and error are scanned instead.
 */
function expectNoSecretIn(
	label: string,
	result: RunResult,
	secrets: string[],
	typedInWorkflow?: string,
): void {
	for (const [index, secret] of secrets.entries())
		scanner.addSecret(`secret #${index + 1}`, secret);
	scanner.addEmulatorSecrets(emulator);
	if (typedInWorkflow === undefined) {
		scanner.addText(`${label} › run result`, result.run);
	} else {
		scanner.addText(`${label} › run data`, result.run.data.resultData);
		const { nodeExecutionStack = [] } = result.run.data.executionData ?? {};
		const parameters = serialiseForScan(nodeExecutionStack.map((entry) => entry.node.parameters));
		expect(parameters).toContain(JSON.stringify(typedInWorkflow).slice(1, -1));
	}
	scanner.addText(`${label} › thrown error (all own properties)`, result.error);
	// n8n stores errors through their toJSON and `node` as a plain property.
	scanner.addText(
		`${label} › error as stored`,
		JSON.stringify({ ...result.error, stored: result.error }),
	);
	scanner.addText(`${label} › error.node`, serialiseForScan(nodeOf(result)));
	expect(scanner.size().texts).toBeGreaterThan(3);
	scanner.expectNoLeaks();
}

const FIELDS = {
	hosting: 'azure',
	server: 'orders.abc123xyz789.us-west-2.redshift.amazonaws.com',
	port: 5439,
	username: 'aep_reader',
	password: PASSWORD,
	database: 'orders',
};

describe('a failed run keeps no secret (Redshift sign-in typed in the node)', () => {
	it('create', async () => {
		const token = await tokenOfAPreviousRun();
		const { clientSecret } = emulator.options;
		const result = await failingRun(
			{ operation: 'create', name: 'Orders', ...FIELDS },
			flowServiceEcho([PASSWORD, clientSecret, token]),
		);
		expect(result.error?.message).toContain('Rejected *** *** ***');
		expect(nodeOf(result)?.parameters.password).toBe('***');
		expectNoSecretIn('create', result, [PASSWORD, clientSecret, token], PASSWORD);
	});

	it('update (password rotation)', async () => {
		const [id] = await seedConnections(emulator, ['Orders']);
		const token = await tokenOfAPreviousRun();
		const { clientSecret } = emulator.options;
		const result = await failingRun(
			{
				operation: 'update',
				connectionId: id,
				etag: '"0000"',
				updateFields: { password: PASSWORD },
			},
			gatewayEcho([PASSWORD, clientSecret, token]),
			403,
		);
		expect((nodeOf(result)?.parameters.updateFields as IDataObject).password).toBe('***');
		expectNoSecretIn('update', result, [PASSWORD, clientSecret, token], PASSWORD);
	});

	it.each([
		['get', {}],
		['delete', {}],
		['test', {}],
		['listTables', {}],
		['getTableSchema', { tablePath: 'public.orders' }],
	])('%s', async (operation, extra) => {
		const [id] = await seedConnections(emulator, ['Orders']);
		const token = await tokenOfAPreviousRun();
		const { clientSecret } = emulator.options;
		const first = await failingRun(
			{ operation, connectionId: id, ...extra },
			flowServiceEcho([clientSecret, token]),
		);
		expectNoSecretIn(operation, first, [clientSecret, token]);
		const second = await failingRun(
			{ operation, connectionId: id, ...extra },
			gatewayEcho([clientSecret, token]),
			403,
		);
		expectNoSecretIn(`${operation} (gateway)`, second, [clientSecret, token]);
	});
});

describe('a failed run keeps no secret (Source Connection resource)', () => {
	it.each([
		['create', { tablePath: 'public.orders', sourceConnectionName: 'Orders source' }],
		['get', {}],
		['getAll', { returnAll: true }],
		['delete', {}],
	])('%s', async (operation, extra) => {
		const [id] = await seedConnections(emulator, ['Orders']);
		const token = await tokenOfAPreviousRun();
		const { clientSecret } = emulator.options;
		// A base connection ID stands in for a source connection ID: the first request fails anyway.
		const parameters = {
			resource: 'sourceConnection',
			operation,
			connectionId: id,
			sourceConnectionId: id,
			...extra,
		};
		const first = await failingRun(parameters, flowServiceEcho([clientSecret, token]));
		expectNoSecretIn(`source connection ${operation}`, first, [clientSecret, token]);
		const second = await failingRun(parameters, gatewayEcho([clientSecret, token]), 403);
		expectNoSecretIn(`source connection ${operation} (gateway)`, second, [clientSecret, token]);
	});
});

/** A node of version 1.1 (what the editor creates now): Redshift Sign-In From defaults to Credential. */
function credentialModeWorkflow(parameters: INodeParameters): WorkflowDefinition {
	return singleNodeWorkflow(NODE, { resource: 'baseConnection', ...parameters }, undefined, {
		typeVersion: 1.1,
		credentials: { [REDSHIFT_SIGN_IN_TYPE]: { ...REDSHIFT_SIGN_IN_REF } },
	});
}

/**
 * Runs the credential-mode workflow of `parameters` while the next Flow Service call fails with
 * `status` and an answer (`echo`) quoting the Sign-In password, the client secret and the stored
 * token: the run must fail, and none of the three may be in what it produced.
 */
async function expectEchoedSecretsKept(
	label: string,
	status: number,
	echo: (secrets: string[]) => IDataObject,
	parameters: INodeParameters,
): Promise<void> {
	const secrets = [
		SIGN_IN.password,
		emulator.options.clientSecret,
		storedTokenOf(credentialsHelper),
	];
	emulator.failNext({ path: FLOW_SERVICE }, 1, { status, body: echo(secrets) });
	const failed = await runWorkflow(credentialModeWorkflow(parameters), { credentialsHelper });
	expect(failed.error).toBeDefined();
	expectNoSecretIn(label, failed, secrets);
}

describe('Redshift sign-in from the credential (new nodes)', () => {
	it('create sends the credential values; a failed run keeps the password out of everything, the workflow included', async () => {
		const created = await runWorkflow(
			credentialModeWorkflow({ operation: 'create', hosting: 'azure', name: 'Orders' }),
			{ credentialsHelper },
		);
		expect(created.error).toBeUndefined();
		const [post] = emulator
			.requests()
			.filter((entry) => entry.method === 'POST' && entry.path === CONNECTIONS_PATH);
		expect(JSON.parse(post.body).auth.params).toEqual({ ...SIGN_IN, port: '5439' });

		const second: INodeParameters = { operation: 'create', hosting: 'azure', name: 'Orders 2' };
		scanner.addText('credential-mode workflow', credentialModeWorkflow(second));
		await expectEchoedSecretsKept('create (credential)', 400, flowServiceEcho, second);
	});

	it('update rotates to the credential values (JSON Patch per value) and a failure keeps the password out', async () => {
		const [id] = await seedConnections(emulator, ['Orders']);
		const rotated = await runWorkflow(
			credentialModeWorkflow({ operation: 'update', connectionId: id }),
			{ credentialsHelper },
		);
		expect(rotated.error).toBeUndefined();
		const patch = emulator.requests().find((entry) => entry.method === 'PATCH');
		expect(JSON.parse(patch?.body ?? '[]')).toContainEqual({
			op: 'replace',
			path: '/auth/params/password',
			value: SIGN_IN.password,
		});

		await expectEchoedSecretsKept('update (credential)', 403, gatewayEcho, {
			operation: 'update',
			connectionId: id,
			etag: '"0000"',
		});
	});

	it('a bad credential value fails before any request, naming the credential', async () => {
		credentialsHelper.patchStored(REDSHIFT_SIGN_IN_REF.id, { server: 'https://cred.example.com' });
		const before = emulator.platformRequests().length;
		const result = await runWorkflow(
			credentialModeWorkflow({ operation: 'create', hosting: 'azure', name: 'Orders' }),
			{ credentialsHelper },
		);
		expect(result.error?.message).toMatch(/^Redshift Sign-In credential: "Server" is a URL/);
		expect(emulator.platformRequests().length).toBe(before);
	});

	it('version 1 nodes saved without the choice keep reading the fields', async () => {
		const result = await runWorkflow(workflow({ operation: 'create', name: 'Orders', ...FIELDS }), {
			credentialsHelper,
		});
		expect(result.error).toBeUndefined();
		const [post] = emulator
			.requests()
			.filter((entry) => entry.method === 'POST' && entry.path === CONNECTIONS_PATH);
		expect(JSON.parse(post.body).auth.params.password).toBe(PASSWORD);
	});
});

describe('the Redshift Sign-In credential Test (values form only)', () => {
	const test = async (data: IDataObject) =>
		await redshiftSignInShape.call({} as never, {
			id: 'x',
			name: 'x',
			type: REDSHIFT_SIGN_IN_TYPE,
			data: data as never,
		});
	it('accepts well-formed values', async () => expect((await test(SIGN_IN)).status).toBe('OK'));
	it.each([
		[{ server: 'jdbc:redshift://x.example.com:5439/dev' }, /"Server" is a URL/],
		[{ port: 70000 }, /"Port" must be a whole number from 1 to 65535/],
		[{ password: '' }, /"Password"/],
		[{ database: ' ' }, /"Database"/],
	])('refuses %j with the reason', async (change, reason) => {
		const result = await test({ ...SIGN_IN, ...change });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(reason);
	});
});
