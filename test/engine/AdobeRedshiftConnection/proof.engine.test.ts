/**
 * Correct under every fault (issue 10), in n8n's engine against the emulator: failed items reach
 * n8n's error output, nothing hangs (deadlines, page cap, Retry-After cap), nothing reports success
 * it cannot prove, a gateway that rejects every token costs at most two token requests per run,
 * listed items are checked, pasted URLs are corrected, and a run that stops part-way says what it
 * already created. Each test here failed on the code before the fix.
 */
import { randomUUID } from 'node:crypto';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { createCredentialsHelper, runWorkflow } from '../../support/engine/harness';
import {
	credentialFor,
	expectOnePerItem,
	isErrorItem,
	NODE,
	nodeWorkflow,
	testPolicy,
	testSecret,
	useScannedEmulator,
} from '../../support/redshift/kit';
import { CONNECTIONS_PATH, seedConnections, idsOf } from '../../support/engine/support';

jest.setTimeout(30_000);

const PASSWORD = testSecret('redshift-pw');
const NEW_PASSWORD = testSecret('rotated-pw');
const { emu, leaks, runNode } = useScannedEmulator({
	per: 'test',
	secrets: { 'Redshift password': PASSWORD, 'Redshift password (rotated)': NEW_PASSWORD },
});

function createParameters(options: IDataObject = {}, extra: INodeParameters = {}): INodeParameters {
	return {
		operation: 'create',
		hosting: 'azure',
		name: '={{ $json.name }}',
		server: 'proof.abc123xyz789.us-west-2.redshift.amazonaws.com',
		port: 5439,
		username: 'aep_reader',
		password: PASSWORD,
		database: 'dev',
		options: { timeoutSeconds: 5, ...options },
		...extra,
	};
}

const connectionPath = (id: string) => `${CONNECTIONS_PATH}/${id}`;
const requestsTo = (method: string, path: string) =>
	emu()
		.requests()
		.filter((entry) => entry.method === method && entry.path === path);

describe('On Error modes: failed items are routed as n8n expects', () => {
	it('Continue (using error output): the failed item goes to the error output, paired; the good one to the success output', async () => {
		const [id] = await seedConnections(emu(), ['routed']);
		const run = await runNode(
			[{ id }, { id: randomUUID() }],
			{ operation: 'get', connectionId: '={{ $json.id }}' },
			{ continueOnFail: 'continueErrorOutput', label: 'error output' },
		);

		const success = run.result.outputOf(NODE, 0);
		const failed = run.result.outputOf(NODE, 1);
		expect(success.map((item) => item.json.id)).toEqual([id]);
		expect(success[0].pairedItem).toEqual({ item: 0 });
		expect(failed).toHaveLength(1);
		expect(failed[0].json.error).toEqual(expect.stringContaining('404'));
		expect(failed[0].pairedItem).toEqual({ item: 1 });
	});

	it('Continue (regular output): the failed item stays in place and carries item.error', async () => {
		const [id] = await seedConnections(emu(), ['regular']);
		const run = await runNode(
			[{ id: randomUUID() }, { id }],
			{ operation: 'get', connectionId: '={{ $json.id }}' },
			{ continueOnFail: 'continueRegularOutput', label: 'regular output' },
		);

		expectOnePerItem(run.output, 2);
		expect(run.result.outputOf(NODE, 1)).toEqual([]);
		expect(isErrorItem(run.json[0])).toBe(true);
		expect(run.output[0].error?.message).toBe(run.json[0].error);
		expect(run.json[1].id).toBe(id);
	});
});

describe('deadlines, not idle timeouts', () => {
	// A byte every 50 ms keeps an idle timeout from ever firing; only a deadline ends these. The
	// deadline is the policy's (0.4 s); the Timeout option sets it in whole seconds (test/unit/node/options.test.ts).
	it('a Flow Service answer dripping 1 byte per 50 ms ends at the 0.4 s deadline', async () => {
		const [id] = await seedConnections(emu(), ['drip']);
		emu().failNext({ method: 'GET', path: connectionPath(id) }, 1, {
			kind: 'drip',
			intervalMs: 50,
		});
		const run = await runNode(
			[{ id }],
			{ operation: 'get', connectionId: '={{ $json.id }}', options: { maxRetries: 0 } },
			{ label: 'drip flow', policy: testPolicy({ timeoutMs: 400 }) },
		);

		expect(run.json[0].error).toMatch(/within 0.4 s/);
		expect(run.ms).toBeLessThan(6_400);
	});

	it('an IMS answer dripping 1 byte per 50 ms ends at the same deadline', async () => {
		emu().failNext({ method: 'POST', path: '/ims/token/v3' }, 1, { kind: 'drip', intervalMs: 50 });
		const run = await runNode(
			[{ id: randomUUID() }],
			{ operation: 'get', connectionId: '={{ $json.id }}', options: { maxRetries: 0 } },
			{ label: 'drip ims', policy: testPolicy({ timeoutMs: 400 }) },
		);

		expect(run.json[0].error).toMatch(/within 0.4 s/);
		expect(run.ms).toBeLessThan(6_400);
	});
});

describe('paging stops', () => {
	it('endless fresh continuation tokens: Get Many and Reuse It stop at the page cap, naming it', async () => {
		emu().failNext({ method: 'GET', path: CONNECTIONS_PATH }, 100_000, { kind: 'endless-page' });
		const list = await runNode(
			[{}],
			{ operation: 'getAll', returnAll: true },
			{ label: 'endless getAll' },
		);
		expect(list.json).toHaveLength(1);
		expect(list.json[0].error).toMatch(/page cap of 100 pages/);
		expect(requestsTo('GET', CONNECTIONS_PATH)).toHaveLength(100);

		const reuse = await runNode(
			[{ name: 'endless' }],
			createParameters({}, { ifExists: 'reuse' }),
			{ label: 'endless reuse' },
		);
		expect(reuse.json[0].error).toMatch(/page cap of 100 pages/);
		expect(emu().connections()).toEqual([]);
	});

	it('Retry-After: 2000 fails at once, saying how long Adobe asked to wait', async () => {
		const id = randomUUID();
		emu().failNext({ method: 'GET', path: connectionPath(id) }, 1, {
			status: 503,
			headers: { 'retry-after': '2000' },
		});
		const run = await runNode(
			[{ id }],
			{ operation: 'get', connectionId: '={{ $json.id }}' },
			{ label: 'retry-after 2000' },
		);

		expect(run.json[0].httpCode).toBe('503');
		expect(run.json[0].description).toMatch(/asked to wait 2000 s/);
		expect(requestsTo('GET', connectionPath(id))).toHaveLength(1);
		expect(run.ms).toBeLessThan(5_000);
	});

	it('Retry-After: 2000 on a create fails at once as well', async () => {
		emu().failNext({ method: 'POST', path: CONNECTIONS_PATH }, 1, {
			status: 429,
			headers: { 'retry-after': '2000' },
		});
		const run = await runNode([{ name: 'throttled' }], createParameters(), {
			label: 'create retry-after 2000',
		});

		expect(run.json[0].description).toMatch(/asked to wait 2000 s/);
		expect(requestsTo('POST', CONNECTIONS_PATH)).toHaveLength(1);
		expect(run.ms).toBeLessThan(5_000);
	});
});

describe('prove before reporting', () => {
	it('a create answered 201 {} is an error naming the answer, after the duplicate-guard lookup', async () => {
		emu().failNext({ method: 'POST', path: CONNECTIONS_PATH }, 1, { status: 201, body: {} });
		const run = await runNode([{ name: 'empty-answer' }], createParameters(), { label: '201 {}' });

		expect(run.json[0].error).toMatch(/HTTP 201 but without a connection ID and etag/);
		expect(run.json[0].description).toContain('Answer: {}');
		// Pre-listing plus the lookup after the unexpected answer; no second POST.
		expect(requestsTo('GET', CONNECTIONS_PATH)).toHaveLength(2);
		expect(requestsTo('POST', CONNECTIONS_PATH)).toHaveLength(1);
	});

	it('stale etag + 503: a password-only Update is not reported as done; the error gives the current etag', async () => {
		const [id] = await seedConnections(emu(), ['stale']);
		const staleEtag = emu().connections()[0].etag;
		// Another writer changes the connection first.
		const other = await runNode(
			[{ id }],
			{
				operation: 'update',
				connectionId: '={{ $json.id }}',
				updateFields: { description: 'other writer' },
			},
			{ label: 'other writer' },
		);
		const currentEtag = other.json[0].etag as string;
		expect(currentEtag).not.toBe(staleEtag);

		emu().failNext({ method: 'PATCH', path: connectionPath(id) }, 1, {
			status: 503,
			headers: { 'retry-after': '0' },
		});
		const run = await runNode(
			[{ id }],
			{
				operation: 'update',
				connectionId: '={{ $json.id }}',
				etag: staleEtag,
				updateFields: { password: NEW_PASSWORD },
			},
			{ label: 'stale etag 503' },
		);

		expect(run.json[0].error).toMatch(/may not have been applied/);
		expect(run.json[0].error).toContain(currentEtag);
		expect(emu().connections()[0].auth.params.password).not.toBe(NEW_PASSWORD);
	});

	it('a 5xx on Delete of an ID that never existed: the output says already absent, not deleted', async () => {
		const id = randomUUID();
		emu().failNext({ method: 'DELETE', path: connectionPath(id) }, 1, {
			status: 503,
			headers: { 'retry-after': '0' },
		});
		const run = await runNode(
			[{ id }],
			{ operation: 'delete', connectionId: '={{ $json.id }}' },
			{ label: 'delete missing' },
		);

		expect(run.json[0]).toMatchObject({ id, deleted: false, alreadyAbsent: true });
	});

	it("Create Another twice within the clock-skew window: a 500 on the second never returns the first run's connection", async () => {
		const first = await runNode([{ name: 'twice' }], createParameters({}, { ifExists: 'create' }), {
			label: 'first create',
		});
		emu().failNext({ method: 'POST', path: CONNECTIONS_PATH }, 1, {
			status: 500,
			headers: { 'retry-after': '0' },
		});
		const second = await runNode(
			[{ name: 'twice' }],
			createParameters({}, { ifExists: 'create' }),
			{ label: 'second create' },
		);

		expect(second.json[0].id).toEqual(expect.any(String));
		expect(second.json[0].id).not.toBe(first.json[0].id);
		expect(idsOf(emu().connections()).sort()).toEqual([first.json[0].id, second.json[0].id].sort());
	});
});

describe('one refresh per run', () => {
	it.each([1, 8])(
		'a gateway that rejects every token: at most 2 token requests for 30 items (concurrency %i)',
		async (concurrency) => {
			emu().failNext({ path: /^\/data\/foundation\/flowservice\// }, 100_000, {
				status: 401,
				body: { error_code: '401013', message: 'Oauth token is not valid' },
			});
			const items = Array.from({ length: 30 }, () => ({ id: randomUUID() }));
			const run = await runNode(
				items,
				{ operation: 'get', connectionId: '={{ $json.id }}', options: { concurrency } },
				{ label: `token storm c${concurrency}` },
			);

			expect(emu().tokensIssued()).toBeLessThanOrEqual(2);
			expect(emu().platformRequests().length).toBeLessThanOrEqual(30 + 2 * concurrency);
			expectOnePerItem(run.output, 30);
			for (const json of run.json) {
				expect(json.httpCode).toBe('401');
				expect(json.description).toMatch(
					/IMS URL and Platform URL must also belong to the same Adobe environment/,
				);
			}
		},
	);
});

describe('listed items are checked', () => {
	/** A first page whose continuation link dropped the property= filters (offset 0 of everything). */
	const unfilteredFirstPage = {
		items: [],
		_links: {
			next: {
				href: `/connections?limit=100&continuationToken=${Buffer.from(JSON.stringify({ o: 0 })).toString('base64url')}`,
			},
		},
	};

	it('Get Many with a name filter outputs only that name', async () => {
		await seedConnections(emu(), ['keep', 'other', 'keep']);
		emu().failNext({ method: 'GET', path: CONNECTIONS_PATH }, 1, {
			status: 200,
			body: unfilteredFirstPage,
		});
		const run = await runNode(
			[{}],
			{ operation: 'getAll', returnAll: true, filters: { name: 'keep' } },
			{ label: 'unfiltered getAll' },
		);

		expect(run.json.map((json) => json.name)).toEqual(['keep', 'keep']);
	});

	it('Reuse It never reuses a connection of another name', async () => {
		await seedConnections(emu(), ['someone-else']);
		emu().failNext({ method: 'GET', path: CONNECTIONS_PATH }, 1, {
			status: 200,
			body: unfilteredFirstPage,
		});
		const run = await runNode([{ name: 'mine' }], createParameters({}, { ifExists: 'reuse' }), {
			label: 'unfiltered reuse',
		});

		expect(run.json[0]).toMatchObject({ name: 'mine', reused: false });
		expect(
			emu()
				.connections()
				.map((connection) => connection.name)
				.sort(),
		).toEqual(['mine', 'someone-else']);
	});
});

describe('pasted URLs', () => {
	it('IMS URL with /ims/token/v3 and Platform URL with /data/foundation/flowservice work, with a note', async () => {
		const credential = credentialFor(emu());
		credential.data = {
			...credential.data,
			imsUrl: `${emu().baseUrl}/ims/token/v3`,
			platformUrl: `${emu().baseUrl}/data/foundation/flowservice/`,
		};
		const run = await runNode([{ name: 'pasted' }], createParameters(), {
			credentialsHelper: createCredentialsHelper([credential]),
			label: 'pasted urls',
		});

		expect(run.json[0]).toMatchObject({ name: 'pasted', id: expect.any(String) });
		expect(run.json[0].notes).toEqual([
			expect.stringContaining('ended in /ims/token/v3'),
			expect.stringContaining('ended in /data/foundation/flowservice'),
		]);
		expect(emu().connections()).toHaveLength(1);
	});

	it('any other path is refused, naming the field, and nothing is sent', async () => {
		const credential = credentialFor(emu());
		credential.data = { ...credential.data, platformUrl: `${emu().baseUrl}/data/foundation` };
		const run = await runNode([{ name: 'refused' }], createParameters(), {
			credentialsHelper: createCredentialsHelper([credential]),
			label: 'bad path',
		});

		expect(run.json[0].error).toMatch(
			/"Platform URL \(credential\)" must be the service's address only/,
		);
		expect(emu().requests()).toEqual([]);
	});
});

describe('partial runs are re-runnable', () => {
	async function runVersion(typeVersion: number, name: string) {
		// Version 1.1 also defaults the sign-in to a credential: this test types it into the fields.
		const definition = nodeWorkflow(
			[{ name }],
			createParameters({}, { redshiftSignInFrom: 'fields' }),
			true,
		);
		const node = definition.nodes.find((candidate) => candidate.name === NODE);
		if (!node) throw new Error('node missing');
		node.typeVersion = typeVersion;
		delete node.parameters.ifExists;
		const result = await runWorkflow(definition, { credentials: [credentialFor(emu())] });
		leaks.addRun(`version ${typeVersion}`, result, {
			nodes: [NODE],
			credentialIds: [credentialFor(emu()).id],
		});
		return result.outputOf(NODE).map((item) => item.json);
	}

	it('a new node (version 1.1) defaults to Reuse It; a saved version 1 node keeps Create Another', async () => {
		await runVersion(1.1, 'defaults');
		expect(await runVersion(1.1, 'defaults')).toEqual([expect.objectContaining({ reused: true })]);
		const v1 = await runVersion(1, 'defaults');
		expect(v1[0].reused).toBeUndefined();
		expect(emu().connections()).toHaveLength(2);
	});

	it('a run that stops part-way lists the IDs it already created and points to Reuse It', async () => {
		const items = [{ name: 'partial-0' }, { name: 'partial-1' }, { name: 'x'.repeat(300) }];
		const run = await runNode(items, createParameters({}, { ifExists: 'create' }), {
			continueOnFail: false,
			label: 'partial run',
		});

		const created = idsOf(emu().connections());
		expect(created).toHaveLength(2);
		const description = String(run.result.error?.description ?? '');
		for (const id of created) expect(description).toContain(id);
		expect(description).toContain('Reuse It');
	});
});
