/**
 * Secrets never follow a redirect, and the credential's Test button obeys the run's URL rule.
 * A second loopback server on another port stands for "another origin": it records every request.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INodeParameters, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { AdobeExperiencePlatformApi } from '../../../credentials/AdobeExperiencePlatformApi.credentials';
import type { StartedEmulator } from '../../emulator';
import { fixtureDescription } from '../../support/engine/fixtures/description';
import { runWorkflow, type RunResult } from '../../support/engine/harness';
import { scanTestFileForLeaks } from '../../support/engine/leaks';
import {
	CONNECTIONS_PATH,
	CREDENTIAL_TYPE,
	credentialFor,
	seedConnections,
	singleNodeWorkflow,
	startTestEmulator,
} from '../../support/engine/support';

const NODE = 'Redshift';
const PASSWORD = 'redirect-Redshift-Passw0rd';
const leaks = scanTestFileForLeaks({ 'Redshift password': PASSWORD });

interface Seen {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** Another origin: answers 200 {} to everything and records what it got. */
async function startOtherOrigin(): Promise<{
	url: string;
	port: number;
	seen: Seen[];
	close(): Promise<void>;
}> {
	const seen: Seen[] = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
		req.on('end', () => {
			seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
			res
				.writeHead(200, { 'content-type': 'application/json' })
				.end('{"access_token":"other-origin-token","id":"x","etag":"\\"1\\""}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		seen,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

let emulator: StartedEmulator;
let other: Awaited<ReturnType<typeof startOtherOrigin>>;

beforeEach(async () => {
	emulator = await startTestEmulator();
	other = await startOtherOrigin();
});

afterEach(async () => {
	leaks.addEmulatorSecrets(emulator);
	await emulator?.close();
	await other?.close();
});

async function run(parameters: INodeParameters, credentialData = {}): Promise<RunResult> {
	const result = await runWorkflow(
		singleNodeWorkflow(NODE, { resource: 'baseConnection', ...parameters }),
		{
			credentials: [credentialFor(emulator, credentialData)],
		},
	);
	leaks.addRun('redirects', result);
	return result;
}

describe('a 307 to another origin is not followed', () => {
	it('on the IMS token call: the client secret stays home', async () => {
		emulator.failNext({ method: 'POST', path: '/ims/token/v3' }, 1, {
			status: 307,
			headers: { location: `${other.url}/ims/token/v3` },
		});
		const result = await run({
			operation: 'get',
			connectionId: '373e88fc-43da-4e3c-be88-fc43da3e3c0f',
		});

		expect(result.error?.message).toContain(
			`redirected the request (HTTP 307) to host "127.0.0.1:${other.port}"`,
		);
		expect(other.seen).toEqual([]);
	});

	it('on a POST: the token, the API key and the Redshift password stay home', async () => {
		emulator.failNext({ method: 'POST', path: CONNECTIONS_PATH }, 1, {
			status: 307,
			headers: { location: `${other.url}${CONNECTIONS_PATH}` },
		});
		const result = await run({
			operation: 'create',
			hosting: 'azure',
			name: 'Orders',
			server: 'orders.abc123xyz789.us-west-2.redshift.amazonaws.com',
			port: 5439,
			username: 'aep_reader',
			password: PASSWORD,
			database: 'orders',
		});

		expect(result.error?.message).toContain(`host "127.0.0.1:${other.port}"`);
		expect(result.error?.description).toMatch(/Adobe's APIs do not redirect/);
		expect(other.seen).toEqual([]);
		expect(emulator.connections()).toEqual([]);
	});

	it('on a GET: the token stays home', async () => {
		const [id] = await seedConnections(emulator, ['Orders']);
		emulator.failNext({ method: 'GET', path: `${CONNECTIONS_PATH}/${id}` }, 1, {
			status: 307,
			headers: { location: `${other.url}/elsewhere?x=1` },
		});
		const result = await run({ operation: 'get', connectionId: id });

		expect(result.error?.message).toContain(`host "127.0.0.1:${other.port}"`);
		expect(result.error?.message).not.toContain('/elsewhere');
		expect(other.seen).toEqual([]);
	});
});

/**
 * The credential's Test as n8n runs it: a declarative node whose only request is the credential
 * type's `test.request`, executed by n8n-core's RoutingNode (token first, then authenticate).
 */
class CredentialTestFixture implements INodeType {
	description: INodeTypeDescription = fixtureDescription(
		'Credential Test',
		'credentialTest',
		'Sends the credential type test request',
		{
			credentials: [{ name: CREDENTIAL_TYPE, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: new AdobeExperiencePlatformApi().test.request },
				},
			],
		},
	);
}

async function credentialTest(platformUrl: string, imsUrl?: string): Promise<RunResult> {
	return await runWorkflow(singleNodeWorkflow('Credential Test', {}, 'test.credentialTest'), {
		credentials: [
			credentialFor(emulator, imsUrl === undefined ? { platformUrl } : { platformUrl, imsUrl }),
		],
		nodeTypes: { 'test.credentialTest': new CredentialTestFixture() },
	});
}

describe('the credential Test obeys the run rule for the Platform URL', () => {
	it('passes against a loopback emulator (the fixture really sends the Test request)', async () => {
		const result = await credentialTest(emulator.baseUrl);
		expect(result.error).toBeUndefined();
		expect(emulator.requests().map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			'POST /ims/token/v3',
			'GET /data/foundation/flowservice/connectionSpecs/3416976c-a9ca-4bba-901a-1f08f66978ff',
		]);
	});

	it('pasted endpoints (IMS URL …/ims/token/v3, Platform URL …/data/foundation/flowservice) are used without that path, as in a run', async () => {
		const result = await credentialTest(
			`${emulator.baseUrl}/data/foundation/flowservice`,
			`${emulator.baseUrl}/ims/token/v3`,
		);
		expect(result.error).toBeUndefined();
		expect(emulator.requests().map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			'POST /ims/token/v3',
			'GET /data/foundation/flowservice/connectionSpecs/3416976c-a9ca-4bba-901a-1f08f66978ff',
		]);
	});

	it('any other path in the Platform URL is refused, naming the field, and nothing is sent', async () => {
		const result = await credentialTest(`${emulator.baseUrl}/data/foundation`);
		expect(result.error?.message).toMatch(/"Platform URL" must be the service's address only/);
		expect(emulator.requests()).toEqual([]);
	});

	it.each([
		['a plain-http remote host', () => 'http://platform.example.invalid'],
		[
			'an IPv4-mapped IPv6 loopback, which a run refuses',
			() => `http://[::ffff:127.0.0.1]:${other.port}`,
		],
	])(
		'refuses %s with the reason and sends nothing, not even the token request',
		async (_label, url) => {
			const result = await credentialTest(url());
			expect(result.error?.message).toMatch(/"Platform URL" must use https:\/\//);
			expect(emulator.requests()).toEqual([]);
			expect(other.seen).toEqual([]);
		},
	);
});
