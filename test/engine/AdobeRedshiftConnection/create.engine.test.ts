/**
 * Create, end to end: workflow files run by n8n's engine (expressions, credentials with
 * preAuthentication/authenticate, continue-on-fail, paired items) against the Adobe emulator
 * over real loopback HTTP. Assertions are on what the emulator received and what the node output.
 */
import type { IDataObject } from 'n8n-workflow';

import { accessTokensSent } from '../../support/emulatorQueries';
import { callbackNodeType, CALLBACK_NODE_TYPE } from '../../support/engine/fixtures/Callback.node';
import { createCredentialsHelper, runWorkflow } from '../../support/engine/harness';
import { itemView } from '../../support/redshift/kit';
import {
	CONNECTIONS_PATH,
	REDSHIFT_SPEC,
	connectionPosts,
	continueOnFail,
	credentialFor,
	jsonOf,
	nodeRunText,
	replaceParameters,
	requestsTo,
	useEmulatorPerTest,
	storedToken,
	tokenRequests,
	withInputs,
	withParameters,
	workflowFile,
	idsOf,
} from '../../support/engine/support';

const NODE = 'Create Connection';
const CREATE = workflowFile('create.workflow.json');

const AZURE_INPUT = {
	name: 'Orders warehouse',
	description: 'Orders, loaded nightly',
	hosting: 'azure',
	server: 'orders.abc123xyz789.us-west-2.redshift.amazonaws.com',
	port: 5439,
	username: 'aep_reader',
	password: 'azure-redshift-Passw0rd!',
	database: 'orders',
};

const AWS_INPUT = {
	name: 'Clickstream',
	hosting: 'aws',
	server: 'clicks.def456uvw012.eu-central-1.redshift.amazonaws.com',
	port: 5439,
	username: 'aep_events',
	password: 'aws-redshift-Passw0rd?',
	database: 'events',
	schema: 'web',
	sandbox: 'dev',
};

/** Three distinct, valid Azure items (names and passwords differ so pairing mistakes show). */
function threeItems(overrides: IDataObject[] = []): IDataObject[] {
	return [0, 1, 2].map((i) => ({
		...AZURE_INPUT,
		name: `Warehouse ${i + 1}`,
		password: `item-${i + 1}-secret-pw`,
		...overrides[i],
	}));
}

const { startTestEmulator, emulator } = useEmulatorPerTest();

describe('Create: the exact request Adobe receives and the output items', () => {
	it('Azure: POST /connections with the gateway headers and the Azure body (no schema, port as a string)', async () => {
		await startTestEmulator({ hosting: 'azure' });
		const result = await runWorkflow(withInputs(CREATE, [AZURE_INPUT]), {
			credentials: [credentialFor(emulator())],
		});

		expect(result.error).toBeUndefined();
		const token = storedToken(result);
		expect(token).toMatch(/^emu\./);

		const posts = connectionPosts(emulator());
		expect(posts).toHaveLength(1);
		const [post] = posts;
		expect(post.method).toBe('POST');
		expect(post.path).toBe('/data/foundation/flowservice/connections');
		expect(post.query).toEqual({});
		expect(post.headers.authorization).toBe(`Bearer ${token}`);
		expect(post.headers['x-api-key']).toBe(emulator().options.clientId);
		expect(post.headers['x-gw-ims-org-id']).toBe('EMULATOR0000000000000000@AdobeOrg');
		expect(post.headers['x-sandbox-name']).toBe('prod');
		expect(post.headers['content-type']).toBe('application/json');
		expect(JSON.parse(post.body)).toEqual({
			name: 'Orders warehouse',
			description: 'Orders, loaded nightly',
			auth: {
				specName: 'Basic Authentication',
				params: {
					server: 'orders.abc123xyz789.us-west-2.redshift.amazonaws.com',
					port: '5439',
					username: 'aep_reader',
					password: 'azure-redshift-Passw0rd!',
					database: 'orders',
				},
			},
			connectionSpec: { id: '3416976c-a9ca-4bba-901a-1f08f66978ff', version: '1.0' },
		});

		const [stored] = emulator().connections();
		expect(stored.etag).toMatch(/^"[^"]+"$/);
		expect(result.outputOf(NODE)).toEqual([
			{
				json: {
					id: stored.id,
					etag: stored.etag,
					name: 'Orders warehouse',
					hosting: 'azure',
					sandboxName: 'prod',
					connectionSpec: { id: REDSHIFT_SPEC.id, version: REDSHIFT_SPEC.version },
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('AWS: the body carries the schema; the sandbox option routes the request to "dev"', async () => {
		await startTestEmulator({ hosting: 'aws' });
		const result = await runWorkflow(withInputs(CREATE, [AWS_INPUT]), {
			credentials: [credentialFor(emulator())],
		});

		expect(result.error).toBeUndefined();
		const [post] = connectionPosts(emulator());
		expect(connectionPosts(emulator())).toHaveLength(1);
		expect(post.headers).toMatchObject({
			authorization: `Bearer ${storedToken(result)}`,
			'x-api-key': emulator().options.clientId,
			'x-gw-ims-org-id': emulator().options.orgId,
			'x-sandbox-name': 'dev',
			'content-type': 'application/json',
		});
		// No description in the input: the key is left out rather than sent empty.
		expect(JSON.parse(post.body)).toEqual({
			name: 'Clickstream',
			auth: {
				specName: 'Basic Authentication',
				params: {
					server: 'clicks.def456uvw012.eu-central-1.redshift.amazonaws.com',
					port: '5439',
					username: 'aep_events',
					password: 'aws-redshift-Passw0rd?',
					database: 'events',
					schema: 'web',
				},
			},
			connectionSpec: { id: REDSHIFT_SPEC.id, version: '1.0' },
		});

		const [stored] = emulator().connections();
		expect(stored.sandboxName).toBe('dev');
		expect(result.outputOf(NODE)).toEqual([
			{
				json: {
					id: stored.id,
					etag: stored.etag,
					name: 'Clickstream',
					hosting: 'aws',
					sandboxName: 'dev',
					connectionSpec: { ...REDSHIFT_SPEC },
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('literal parameters as n8n saves them (defaults omitted): hosting azure, port 5439, ifExists create', async () => {
		await startTestEmulator({ hosting: 'azure' });
		// n8n leaves parameters that equal their default out of saved workflows; the engine fills them in.
		const literal = replaceParameters(CREATE, NODE, {
			resource: 'baseConnection',
			name: 'Literal',
			server: 'literal.abc123xyz789.us-west-2.redshift.amazonaws.com',
			username: 'aep_reader',
			password: 'literal-Passw0rd',
			database: 'dev',
		});
		const result = await runWorkflow(literal, { credentials: [credentialFor(emulator())] });

		expect(result.error).toBeUndefined();
		expect(JSON.parse(connectionPosts(emulator())[0].body)).toEqual({
			name: 'Literal',
			auth: {
				specName: 'Basic Authentication',
				params: {
					server: 'literal.abc123xyz789.us-west-2.redshift.amazonaws.com',
					port: '5439',
					username: 'aep_reader',
					password: 'literal-Passw0rd',
					database: 'dev',
				},
			},
			connectionSpec: { ...REDSHIFT_SPEC },
		});
		expect(jsonOf(result.outputOf(NODE))).toEqual([
			{
				id: emulator().connections()[0].id,
				etag: emulator().connections()[0].etag,
				name: 'Literal',
				hosting: 'azure',
				sandboxName: 'prod',
				connectionSpec: { ...REDSHIFT_SPEC },
			},
		]);
	});

	it('the IMS token request is a form POST with the client credentials in the body, sent once', async () => {
		await startTestEmulator();
		await runWorkflow(withInputs(CREATE, [AZURE_INPUT]), {
			credentials: [credentialFor(emulator())],
		});

		const tokens = tokenRequests(emulator());
		expect(tokens).toHaveLength(1);
		expect(tokens[0].query).toEqual({});
		expect(tokens[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(Object.fromEntries(new URLSearchParams(tokens[0].body))).toEqual({
			grant_type: 'client_credentials',
			client_id: emulator().options.clientId,
			client_secret: emulator().options.clientSecret,
			scope: emulator().options.scopes,
		});
	});
});

describe('Create: expressions and items', () => {
	it('resolves {{ $json.x }} and {{ $("Inputs").item.json.x }} per item, in order, with pairedItem', async () => {
		await startTestEmulator();
		const inputs = [
			AZURE_INPUT,
			AWS_INPUT,
			// Expressions often yield text: a port given as digits is accepted and sent as Adobe wants it.
			{
				...AZURE_INPUT,
				name: 'Finance',
				server: '10.20.30.40',
				port: '5440',
				password: 'finance-pw-3',
				sandbox: '',
			},
		];
		const result = await runWorkflow(withInputs(CREATE, inputs), {
			credentials: [credentialFor(emulator())],
		});

		expect(result.error).toBeUndefined();
		const bodies = connectionPosts(emulator()).map(
			(post) => JSON.parse(post.body) as { name: string; auth: { params: IDataObject } },
		);
		expect(bodies.map((body) => body.name)).toEqual(['Orders warehouse', 'Clickstream', 'Finance']);
		expect(bodies.map((body) => body.auth.params)).toEqual([
			{
				server: AZURE_INPUT.server,
				port: '5439',
				username: 'aep_reader',
				password: AZURE_INPUT.password,
				database: 'orders',
			},
			{
				server: AWS_INPUT.server,
				port: '5439',
				username: 'aep_events',
				password: AWS_INPUT.password,
				database: 'events',
				schema: 'web',
			},
			{
				server: '10.20.30.40',
				port: '5440',
				username: 'aep_reader',
				password: 'finance-pw-3',
				database: 'orders',
			},
		]);
		expect(connectionPosts(emulator()).map((post) => post.headers['x-sandbox-name'])).toEqual([
			'prod',
			'dev',
			'prod',
		]);

		const stored = emulator().connections();
		expect(result.outputOf(NODE)).toEqual(
			stored.map((connection, index) => ({
				json: {
					id: connection.id,
					etag: connection.etag,
					name: inputs[index].name,
					hosting: inputs[index].hosting,
					sandboxName: index === 1 ? 'dev' : 'prod',
					connectionSpec: { ...REDSHIFT_SPEC },
				},
				pairedItem: { item: index },
			})),
		);
	});
});

describe('Create: IMS tokens', () => {
	it('3 items use 1 token; a second execution with the same stored credential uses it too', async () => {
		await startTestEmulator();
		const credentialsHelper = createCredentialsHelper([credentialFor(emulator())]);

		const first = await runWorkflow(withInputs(CREATE, threeItems()), { credentialsHelper });
		expect(first.error).toBeUndefined();
		expect(emulator().tokensIssued()).toBe(1);
		const token = storedToken(first);
		expect(connectionPosts(emulator()).map((post) => post.headers.authorization)).toEqual(
			Array(3).fill(`Bearer ${token}`),
		);

		const second = await runWorkflow(withInputs(CREATE, threeItems()), { credentialsHelper });
		expect(second.error).toBeUndefined();
		expect(jsonOf(second.outputOf(NODE)).map((item) => item.id)).toHaveLength(3);
		expect(emulator().tokensIssued()).toBe(1);
		expect(tokenRequests(emulator())).toHaveLength(1);
		expect(credentialsHelper.preAuthCalls).toBe(1);
		expect(connectionPosts(emulator())).toHaveLength(6);
		expect(emulator().connections()).toHaveLength(6);
	});

	it('with concurrency 3 (items in flight together): still 1 token, output in input order', async () => {
		await startTestEmulator({ latencyMs: 30 });
		const inputs = [
			...threeItems(),
			...threeItems().map((input) => ({ ...input, name: `${input.name as string} (b)` })),
		];
		const workflow = withParameters(withInputs(CREATE, inputs), NODE, {
			options: { sandboxName: '={{ $json.sandbox }}', concurrency: 3 },
		});

		const result = await runWorkflow(workflow, { credentials: [credentialFor(emulator())] });

		expect(result.error).toBeUndefined();
		expect(emulator().tokensIssued()).toBe(1);
		const output = result.outputOf(NODE);
		expect(output.map((item) => [item.json.name, item.pairedItem])).toEqual(
			inputs.map((input, index) => [input.name, { item: index }]),
		);
		const idsByName = new Map(
			emulator()
				.connections()
				.map((connection) => [connection.name, connection.id]),
		);
		expect(output.map((item) => item.json.id)).toEqual(
			inputs.map((input) => idsByName.get(input.name as string)),
		);
		// The items really overlapped: a POST arrived before the previous one was answered.
		const posts = connectionPosts(emulator());
		expect(posts.some((post, index) => index > 0 && post.at < posts[index - 1].at + 30)).toBe(true);
	});

	it('with concurrency 3, a wave of 401s after a revocation still leads to exactly one new token', async () => {
		await startTestEmulator({ latencyMs: 20 });
		const credentialsHelper = createCredentialsHelper([credentialFor(emulator())]);
		const concurrent = (items: IDataObject[]) =>
			withParameters(withInputs(CREATE, items), NODE, {
				options: { sandboxName: '={{ $json.sandbox }}', concurrency: 3 },
			});
		await runWorkflow(concurrent([{ ...AZURE_INPUT, name: 'Warm-up' }]), { credentialsHelper });
		emulator().revokeAllTokens();

		const result = await runWorkflow(concurrent(threeItems()), { credentialsHelper });

		expect(result.error).toBeUndefined();
		expect(emulator().tokensIssued()).toBe(2);
		expect(jsonOf(result.outputOf(NODE)).map((item) => item.name)).toEqual([
			'Warehouse 1',
			'Warehouse 2',
			'Warehouse 3',
		]);
		expect(
			emulator()
				.connections()
				.map((connection) => connection.name)
				.sort(),
		).toEqual(['Warehouse 1', 'Warehouse 2', 'Warehouse 3', 'Warm-up']);
	});

	it('a token revoked between executions is refreshed once; every item is created exactly once', async () => {
		await startTestEmulator();
		const credentialsHelper = createCredentialsHelper([credentialFor(emulator())]);
		const warmUp = await runWorkflow(withInputs(CREATE, [{ ...AZURE_INPUT, name: 'Warm-up' }]), {
			credentialsHelper,
		});
		const revoked = storedToken(warmUp);
		emulator().revokeAllTokens();

		const result = await runWorkflow(withInputs(CREATE, threeItems()), { credentialsHelper });

		expect(result.error).toBeUndefined();
		expect(emulator().tokensIssued()).toBe(2);
		const fresh = storedToken(result);
		expect(fresh).not.toBe(revoked);
		expect(credentialsHelper.preAuthRuns.map((run) => run.credentialsExpired)).toEqual([
			false,
			true,
		]);

		const posts = connectionPosts(emulator()).slice(1);
		const accepted = posts.filter((post) => post.status === 201);
		expect(accepted.map((post) => JSON.parse(post.body).name)).toEqual([
			'Warehouse 1',
			'Warehouse 2',
			'Warehouse 3',
		]);
		expect(accepted.map((post) => post.headers.authorization)).toEqual(
			Array(3).fill(`Bearer ${fresh}`),
		);
		// Whatever was refused was refused at the gateway, for the revoked token only.
		for (const post of posts.filter((p) => p.status !== 201)) {
			expect(post.status).toBe(401);
			expect(post.headers.authorization).toBe(`Bearer ${revoked}`);
		}
		expect(
			emulator()
				.connections()
				.map((connection) => connection.name),
		).toEqual(['Warm-up', 'Warehouse 1', 'Warehouse 2', 'Warehouse 3']);
		expect(jsonOf(result.outputOf(NODE)).map((item) => item.name)).toEqual([
			'Warehouse 1',
			'Warehouse 2',
			'Warehouse 3',
		]);
	});

	it('a token revoked mid-execution (between Create and Test) is refreshed once by the next node', async () => {
		await startTestEmulator();
		const workflow = withInputs(workflowFile('revoke-between-nodes.workflow.json'), threeItems());
		const result = await runWorkflow(workflow, {
			credentials: [credentialFor(emulator())],
			nodeTypes: { [CALLBACK_NODE_TYPE]: callbackNodeType(() => emulator().revokeAllTokens()) },
		});

		expect(result.error).toBeUndefined();
		expect(result.executionOrder).toEqual([
			'Start',
			'Inputs',
			NODE,
			'Revoke Tokens',
			'Test Connection',
		]);
		expect(emulator().tokensIssued()).toBe(2);
		const ids = idsOf(emulator().connections());
		expect(jsonOf(result.outputOf('Test Connection'))).toEqual(
			ids.map((id) => ({ id, ok: true, sandboxName: 'prod' })),
		);
		const tests = emulator()
			.platformRequests()
			.filter((entry) => entry.path.endsWith('/test'));
		expect(tests.filter((entry) => entry.status === 200).map((entry) => entry.path)).toEqual(
			ids.map((id) => `${CONNECTIONS_PATH}/${id}/test`),
		);
		expect(
			tests.filter((entry) => entry.status === 200).map((entry) => entry.headers.authorization),
		).toEqual(Array(3).fill(`Bearer ${storedToken(result)}`));
	});
});

describe('Create: bad input never reaches Adobe', () => {
	const inputs = threeItems([{}, { port: 'abc' }, {}]);

	it('with continue on fail: items 1 and 3 are created, item 2 is an error item naming "Port"', async () => {
		await startTestEmulator();
		const result = await runWorkflow(continueOnFail(withInputs(CREATE, inputs), NODE), {
			credentials: [credentialFor(emulator())],
		});

		expect(result.error).toBeUndefined();
		const output = result.outputOf(NODE);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json).toMatchObject({
			name: 'Warehouse 1',
			hosting: 'azure',
			sandboxName: 'prod',
		});
		expect(output[2].json).toMatchObject({
			name: 'Warehouse 3',
			hosting: 'azure',
			sandboxName: 'prod',
		});
		expect(itemView(output[1])).toEqual({
			error: expect.stringContaining('"Port"'),
			description: expect.stringMatching(/nothing was sent to Adobe/),
			field: 'port',
		});
		expect(output[1].json.error).toContain('"abc"');

		expect(connectionPosts(emulator()).map((post) => JSON.parse(post.body).name)).toEqual([
			'Warehouse 1',
			'Warehouse 3',
		]);
		expect(
			emulator()
				.connections()
				.map((connection) => connection.name),
		).toEqual(['Warehouse 1', 'Warehouse 3']);
	});

	it('without continue on fail: the workflow fails with that message and nothing is sent for the bad item', async () => {
		await startTestEmulator();
		const result = await runWorkflow(withInputs(CREATE, inputs), {
			credentials: [credentialFor(emulator())],
		});

		expect(result.error?.message).toMatch(
			/"Port" must be a whole number from 1 to 65535.*got "abc"/,
		);
		expect(result.errorOf(NODE)?.message).toBe(result.error?.message);
		expect(result.outputOf(NODE)).toEqual([]);
		// Items run in order: the first was created before the second stopped the node.
		expect(connectionPosts(emulator()).map((post) => JSON.parse(post.body).name)).toEqual([
			'Warehouse 1',
		]);
	});
});

describe('Create: concurrency and a failing item', () => {
	it('without continue on fail, no item starts after the node failed', async () => {
		await startTestEmulator({ latencyMs: 20 });
		const inputs = Array.from({ length: 8 }, (_, i) => ({
			...AZURE_INPUT,
			name: `Item ${i}`,
			...(i === 3 ? { port: 'abc' } : {}),
		}));
		const workflow = withParameters(withInputs(CREATE, inputs), NODE, {
			options: { sandboxName: '={{ $json.sandbox }}', concurrency: 2 },
		});

		const result = await runWorkflow(workflow, { credentials: [credentialFor(emulator())] });
		expect(result.error?.message).toContain('"Port"');
		// Give anything still running in the background time to show up at the emulator().
		await new Promise((resolve) => setTimeout(resolve, 300));

		// Items 0-2 were started before item 3 failed; items 4-7 must never be sent.
		const names = connectionPosts(emulator()).map((post) => JSON.parse(post.body).name as string);
		expect(names.length).toBeLessThanOrEqual(3);
		for (const name of names) expect(['Item 0', 'Item 1', 'Item 2']).toContain(name);
	});
});

describe('Create: Adobe errors are decoded', () => {
	it('an unknown sandbox: FLOW-2100-404 with "check the sandbox name"', async () => {
		await startTestEmulator();
		const result = await runWorkflow(
			withInputs(CREATE, [{ ...AZURE_INPUT, sandbox: 'nosuchsandbox' }]),
			{ credentials: [credentialFor(emulator())] },
		);

		expect(result.error?.message).toContain('FLOW-2100-404');
		expect(result.error?.description).toMatch(/check the sandbox name/i);
		// The name lookup before the POST meets the unknown sandbox first: nothing is created.
		expect(connectionPosts(emulator())).toHaveLength(0);
		expect(
			emulator()
				.platformRequests()
				.map((entry) => entry.headers['x-sandbox-name']),
		).toEqual(['nosuchsandbox']);
		expect(emulator().connections()).toEqual([]);
	});

	it('a 403 from the API gateway: its code and a fix naming the IMS Org ID, not retried', async () => {
		await startTestEmulator();
		emulator().failNext({ method: 'POST', path: CONNECTIONS_PATH }, 1, {
			status: 403,
			body: { error_code: '403025', message: 'Profile is not valid' },
		});
		const result = await runWorkflow(continueOnFail(withInputs(CREATE, [AZURE_INPUT]), NODE), {
			credentials: [credentialFor(emulator())],
		});

		expect(result.error).toBeUndefined();
		const [item] = result.outputOf(NODE);
		expect(item.pairedItem).toEqual({ item: 0 });
		const json = itemView(item);
		expect(json.httpCode).toBe('403');
		expect(json.error).toContain('403025');
		expect(json.error).toContain('Profile is not valid');
		expect(json.description).toContain('IMS Org ID');
		expect(connectionPosts(emulator())).toHaveLength(1);
	});

	it('a wrong client secret: IMS invalid_client, naming Client ID and Client Secret, without the secret', async () => {
		await startTestEmulator();
		const wrongSecret = 'wrong-client-secret-8f3k2';
		const result = await runWorkflow(withInputs(CREATE, threeItems()), {
			credentials: [credentialFor(emulator(), { clientSecret: wrongSecret })],
		});

		const { message, description } = result.error ?? {};
		expect(message).toContain('invalid_client');
		expect(`${message}\n${description}`).toContain('Client ID');
		expect(`${message}\n${description}`).toContain('Client Secret');
		expect(nodeRunText(result, NODE)).not.toContain(wrongSecret);
		expect(emulator().tokensIssued()).toBe(0);
		expect(emulator().platformRequests()).toEqual([]);
	});

	it('continue on fail keeps going after an API error on item 1 of 3', async () => {
		await startTestEmulator();
		emulator().failNext({ method: 'POST', path: CONNECTIONS_PATH }, 1, { status: 400 });
		const result = await runWorkflow(continueOnFail(withInputs(CREATE, threeItems()), NODE), {
			credentials: [credentialFor(emulator())],
		});

		expect(result.error).toBeUndefined();
		const output = result.outputOf(NODE);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(itemView(output[0])).toEqual({
			error: expect.stringContaining('FLOW-1000-400'),
			description: expect.any(String),
			httpCode: '400',
		});
		const stored = emulator().connections();
		expect(stored.map((connection) => connection.name)).toEqual(['Warehouse 2', 'Warehouse 3']);
		expect(jsonOf(output.slice(1))).toEqual(
			stored.map((connection) => ({
				id: connection.id,
				etag: connection.etag,
				name: connection.name,
				hosting: 'azure',
				sandboxName: 'prod',
				connectionSpec: { ...REDSHIFT_SPEC },
			})),
		);
		// A 400 means Adobe refused the request: no retry, so exactly one POST per item.
		expect(connectionPosts(emulator()).map((post) => post.status)).toEqual([400, 201, 201]);
	});
});

describe('Create: secrets never reach output or errors', () => {
	it('passwords, the client secret and access tokens are absent from everything the node produced', async () => {
		await startTestEmulator();
		const { clientSecret } = emulator().options;
		const credentialsHelper = createCredentialsHelper([credentialFor(emulator())]);
		const inputs = threeItems([{}, { port: 'abc' }, {}]);
		const passwords = inputs.map((input) => String(input.password));
		// Adobe echoing what it got (in its error detail) must not carry secrets into n8n.
		const echo = (text: string) => ({
			type: 'https://ns.adobe.com/aep/errors/FLOW-1304-400',
			title: `Rejected ${text}`,
			status: 400,
			report: { 'detailed-message': `Could not sign in with ${text}` },
		});
		emulator().failNext({ method: 'POST', path: CONNECTIONS_PATH }, 1, {
			status: 400,
			body: echo(`password=${passwords[0]} secret=${clientSecret}`),
		});

		const first = await runWorkflow(continueOnFail(withInputs(CREATE, inputs), NODE), {
			credentialsHelper,
		});
		expect(first.error).toBeUndefined();
		expect(
			jsonOf(first.outputOf(NODE)).map((item) => (item.error === undefined ? 'ok' : 'error')),
		).toEqual(['error', 'error', 'ok']);
		// Adobe's text is kept (it helps), with each secret masked.
		expect(first.outputOf(NODE)[0].json.error).toContain('Rejected password=*** secret=***');

		// Second execution: the stored token is known when the node starts, and Adobe echoes it.
		const token = storedToken(first);
		emulator().failNext({ method: 'POST', path: CONNECTIONS_PATH }, 1, {
			status: 400,
			body: echo(`token=${token} password=${passwords[2]}`),
		});
		const second = await runWorkflow(withInputs(CREATE, [inputs[2]]), { credentialsHelper });
		expect(second.error?.message).toContain('Rejected token=*** password=***');

		const secrets = [...passwords, clientSecret, ...accessTokensSent(emulator())];
		expect(accessTokensSent(emulator())).toEqual([token]);
		for (const text of [nodeRunText(first, NODE), nodeRunText(second, NODE)]) {
			for (const secret of secrets) expect(text).not.toContain(secret);
		}
		// The secrets did reach Adobe, where they belong.
		expect(
			requestsTo(emulator(), 'POST', CONNECTIONS_PATH).map(
				(post) => JSON.parse(post.body).auth.params.password,
			),
		).toEqual([passwords[0], passwords[2], passwords[2]]);
	});
});
