import type { INode } from 'n8n-workflow';

import { FixtureHttp } from '../../support/engine/fixtures/FixtureHttp.node';
import { FixtureTokenApi } from '../../support/engine/fixtures/FixtureTokenApi.credentials';
import {
	FIXTURE_CLIENT,
	startTokenServer,
	type TokenServer,
} from '../../support/engine/fixtures/token-server';
import { itemsWorkflow } from '../../support/workflow';
import {
	createCredentialsHelper,
	runWorkflow,
	type HarnessCredential,
	type RunOptions,
	type WorkflowDefinition,
} from '../../support/engine/harness';

const FIXTURE_HTTP = 'test.fixtureHttp';

let server: TokenServer;

beforeEach(async () => {
	server = await startTokenServer();
});

afterEach(async () => {
	await server.close();
});

function credential(accessToken?: string): HarnessCredential {
	return {
		id: 'cred-1',
		name: 'Fixture account',
		type: 'fixtureTokenApi',
		// `region` and (unless given) `accessToken` are left out on purpose: n8n fills type defaults.
		data: {
			baseUrl: server.baseUrl,
			...FIXTURE_CLIENT,
			...(accessToken === undefined ? {} : { accessToken }),
		},
	};
}

/** Start -> Inputs (Code, one item per path) -> Call (fixture HTTP node). */
function workflow(paths: string[], callSettings: Partial<INode> = {}): WorkflowDefinition {
	return itemsWorkflow({
		name: 'harness proof',
		items: paths.map((path, i) => ({ path, label: `item-${i}` })),
		nodes: [
			{
				name: 'Call',
				type: FIXTURE_HTTP,
				parameters: {
					path: '={{ $json.path }}',
					label: "={{ $('Inputs').item.json.label.toUpperCase() }}",
				},
				credentials: { fixtureTokenApi: { id: 'cred-1', name: 'Fixture account' } },
				settings: callSettings,
			},
		],
	});
}

const fixtureTypes: Pick<RunOptions, 'nodeTypes' | 'credentialTypes'> = {
	nodeTypes: { [FIXTURE_HTTP]: new FixtureHttp() },
	credentialTypes: [new FixtureTokenApi()],
};

const apiCalls = () => server.requests.filter((r) => r.path !== '/token');

describe('engine harness (n8n-core WorkflowExecute, real HTTP)', () => {
	it.each(['cli', 'manual'] as const)(
		'runs 3 items with one preAuthentication whose token is persisted and reused (%s mode)',
		async (mode) => {
			const result = await runWorkflow(workflow(['/a', '/b', '/c']), {
				...fixtureTypes,
				mode,
				credentials: [credential()],
			});

			expect(result.error).toBeUndefined();
			expect(result.executionOrder).toEqual(['Start', 'Inputs', 'Call']);
			expect(result.outputOf('Call').map((item) => item.json)).toEqual([
				{ ok: true, path: '/a', token: 'tok-1', label: 'ITEM-0' },
				{ ok: true, path: '/b', token: 'tok-1', label: 'ITEM-1' },
				{ ok: true, path: '/c', token: 'tok-1', label: 'ITEM-2' },
			]);
			const helper = result.credentialsHelper;
			expect(helper.preAuthRuns).toEqual([
				{
					credentialId: 'cred-1',
					typeName: 'fixtureTokenApi',
					nodeName: 'Call',
					credentialsExpired: false,
				},
			]);
			expect(server.tokensIssued()).toBe(1);
			expect(helper.stored('cred-1').data.accessToken).toBe('tok-1');
			// The generic authenticate block was resolved by n8n's Expression, including a type default.
			expect(apiCalls()).toEqual(
				['/a', '/b', '/c'].map((path) => ({
					method: 'GET',
					path,
					authorization: 'Bearer tok-1',
					clientId: FIXTURE_CLIENT.clientId,
					region: 'eu-1',
					status: 200,
				})),
			);
		},
	);

	it('keeps the token across executions when the same credentials store is reused', async () => {
		const credentialsHelper = createCredentialsHelper([credential()], fixtureTypes.credentialTypes);
		await runWorkflow(workflow(['/a']), { ...fixtureTypes, credentialsHelper });
		const second = await runWorkflow(workflow(['/b', '/c']), {
			...fixtureTypes,
			credentialsHelper,
		});

		expect(second.error).toBeUndefined();
		expect(second.outputOf('Call')).toHaveLength(2);
		expect(credentialsHelper.preAuthCalls).toBe(1);
		expect(server.tokensIssued()).toBe(1);
	});

	it('on a 401 refreshes exactly once, persists the new token and retries the request', async () => {
		const result = await runWorkflow(workflow(['/a', '/b', '/c']), {
			...fixtureTypes,
			credentials: [credential('stale-token')],
		});

		expect(result.error).toBeUndefined();
		expect(result.outputOf('Call').map((item) => item.json.token)).toEqual([
			'tok-1',
			'tok-1',
			'tok-1',
		]);
		expect(result.credentialsHelper.preAuthRuns).toEqual([
			{
				credentialId: 'cred-1',
				typeName: 'fixtureTokenApi',
				nodeName: 'Call',
				credentialsExpired: true,
			},
		]);
		expect(server.tokensIssued()).toBe(1);
		expect(apiCalls().map((r) => `${r.path} ${r.authorization} ${r.status}`)).toEqual([
			'/a Bearer stale-token 401',
			'/a Bearer tok-1 200',
			'/b Bearer tok-1 200',
			'/c Bearer tok-1 200',
		]);
		expect(result.credentialsHelper.stored('cred-1').data.accessToken).toBe('tok-1');
	});

	it('a token revoked mid-run is refreshed once and only the affected item is retried', async () => {
		const credentialsHelper = createCredentialsHelper([credential()], fixtureTypes.credentialTypes);
		await runWorkflow(workflow(['/warm-up']), { ...fixtureTypes, credentialsHelper });
		server.reject401(1);

		const result = await runWorkflow(workflow(['/a', '/b']), {
			...fixtureTypes,
			credentialsHelper,
		});

		expect(result.error).toBeUndefined();
		expect(result.outputOf('Call').map((item) => item.json.token)).toEqual(['tok-2', 'tok-2']);
		expect(credentialsHelper.preAuthRuns.map((r) => r.credentialsExpired)).toEqual([false, true]);
		expect(apiCalls().map((r) => `${r.path} ${r.authorization} ${r.status}`)).toEqual([
			'/warm-up Bearer tok-1 200',
			'/a Bearer tok-1 401',
			'/a Bearer tok-2 200',
			'/b Bearer tok-2 200',
		]);
	});

	it('retries only once: a second 401 fails the node with the API error', async () => {
		server.reject401(1);
		const result = await runWorkflow(workflow(['/a']), {
			...fixtureTypes,
			credentials: [credential('stale-token')],
		});

		expect(result.error).toBeDefined();
		expect(result.errorOf('Call')?.message).toMatch(/401|Authorization failed/i);
		expect(result.outputOf('Call')).toEqual([]);
		expect(result.credentialsHelper.preAuthCalls).toBe(1);
		expect(apiCalls().map((r) => `${r.path} ${r.authorization} ${r.status}`)).toEqual([
			'/a Bearer stale-token 401',
			'/a Bearer tok-1 401',
		]);
	});

	it('continue on fail (onError: continueRegularOutput) turns a failed item into an error item', async () => {
		server.reject401(1);
		const onError: INode['onError'] = 'continueRegularOutput';
		const result = await runWorkflow(workflow(['/a', '/b'], { onError }), {
			...fixtureTypes,
			credentials: [credential('stale-token')],
		});

		expect(result.error).toBeUndefined();
		const [failed, ok] = result.outputOf('Call').map((item) => item.json);
		expect(failed.error).toEqual(expect.stringMatching(/401|Authorization failed/i));
		expect(ok).toMatchObject({ ok: true, path: '/b', token: 'tok-2' });
		// Item 0 used its one retry; item 1 starts from the persisted (revoked) tok-1 and refreshes again.
		expect(apiCalls().map((r) => `${r.path} ${r.authorization} ${r.status}`)).toEqual([
			'/a Bearer stale-token 401',
			'/a Bearer tok-1 401',
			'/b Bearer tok-1 401',
			'/b Bearer tok-2 200',
		]);
	});

	it.each([
		{ supportedNodes: ['test.someOtherNode'], usable: false },
		{ supportedNodes: [FIXTURE_HTTP], usable: true },
	])(
		'a credential type restricted to $supportedNodes is usable by the fixture node: $usable (n8n-core 2.41 guard)',
		async ({ supportedNodes, usable }) => {
			const restricted = Object.assign(new FixtureTokenApi(), {
				supportedNodes,
				restrictToSupportedNodes: true as const,
			});
			const result = await runWorkflow(workflow(['/a']), {
				...fixtureTypes,
				credentialTypes: [restricted],
				credentials: [credential()],
			});

			if (usable) {
				expect(result.error).toBeUndefined();
				expect(apiCalls().map((r) => r.path)).toEqual(['/a']);
			} else {
				expect(result.error?.message).toBe(
					'Credential type "fixtureTokenApi" is restricted to specific nodes',
				);
				expect(server.requests).toEqual([]);
			}
		},
	);
});
