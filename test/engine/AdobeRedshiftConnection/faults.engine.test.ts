/**
 * Reliability under faults, in n8n's engine against the emulator: throttling, server errors, a
 * token revoked mid-run, connections reset after Adobe acted, answers slower than the timeout and
 * unreadable answers. Every input item must end as exactly one output item (in order, paired),
 * creates must never duplicate a connection, tokens stay minimal, and no secret reaches the output.
 *
 * Faults are injected on the next N matching requests (emulator failNext), so at concurrency 1 they
 * hit the first items in order and the outcome per item is exact; at concurrency 8 they spread over
 * the 8 requests in flight, and with N < 8 + maxRetries no item can exhaust its retries.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	startEmulator,
	type Fault,
	type FaultMatch,
	type RequestLogEntry,
	type StartedEmulator,
} from '../../emulator';
import { createCredentialsHelper } from '../../support/engine/harness';
import { scanEmulator, scanTestFileForLeaks } from '../../support/engine/leaks';
import { CONNECTIONS_PATH } from '../../support/engine/support';
import {
	credentialFor,
	duplicates,
	expectOnePerItem,
	isErrorItem,
	runNode,
	testPolicy,
	testSecret,
} from '../../support/redshift/kit';

jest.setTimeout(60_000);

// Enough items for concurrency 8 to keep 8 requests in flight past every fault (at most 10 per
// scenario, all taken by the first 8 + 10 attempts); more items only repeat the same path and cost
// engine time.
const ITEMS = 16;
const POST_CONNECTIONS: FaultMatch = { method: 'POST', path: CONNECTIONS_PATH };
const SERVER = 'faults.abc123xyz789.us-west-2.redshift.amazonaws.com';
const PASSWORD = testSecret('redshift-pw');
const NEW_PASSWORD = testSecret('rotated-pw');
const CLIENT_SECRET = testSecret('client-secret');
// Short enough to keep the suite fast, long enough for a loaded machine to answer a normal request.
const HANG_DEADLINE_MS = 400;

// Anything the node or n8n prints goes into the scan as well.
const leaks = scanTestFileForLeaks({
	'Redshift password': PASSWORD,
	'Redshift password (rotated)': NEW_PASSWORD,
	'client secret': CLIENT_SECRET,
});

let emu: StartedEmulator;

const newEmulator = () => startEmulator({ hosting: 'aws', clientSecret: CLIENT_SECRET });

/** A fresh emulator per test (the leak scan after each). */
const freshEmulatorPerTest = () =>
	scanEmulator('test', newEmulator, leaks, (started) => (emu = started));

function names(count: number, tag: string): IDataObject[] {
	return Array.from({ length: count }, (_, index) => ({
		name: `${tag}-${String(index).padStart(3, '0')}`,
	}));
}

/**
 * Create's parameters, with the node's Timeout option at 5 s unless `deadlineFromPolicy`: then the
 * run's policy sets a deadline under a second (the option counts whole seconds).
 */
function createParameters(options: IDataObject, deadlineFromPolicy = false): INodeParameters {
	return {
		operation: 'create',
		hosting: 'aws',
		name: '={{ $json.name }}',
		server: SERVER,
		port: 5439,
		username: 'aep_reader',
		password: PASSWORD,
		database: 'dev',
		schema: 'public',
		options: { ...(deadlineFromPolicy ? {} : { timeoutSeconds: 5 }), ...options },
	};
}

const posts = (log: RequestLogEntry[]) =>
	log.filter((entry) => entry.method === 'POST' && entry.path === CONNECTIONS_PATH);
const lookups = (log: RequestLogEntry[]) =>
	log.filter((entry) => entry.method === 'GET' && entry.path === CONNECTIONS_PATH);
const faulted = (log: RequestLogEntry[]) => log.filter((entry) => entry.fault !== undefined);

/**
 * What the emulator holds matches the output exactly: one connection per successful item (same
 * id, same name), none for a failed item, no name twice.
 */
function expectConnectionsMatchOutput(json: IDataObject[]): void {
	const stored = emu.connections();
	expect(duplicates(stored.map((connection) => connection.name))).toEqual([]);
	const storedByName = new Map(stored.map((connection) => [connection.name, connection.id]));
	const successes = json.filter((item) => !isErrorItem(item));
	expect(stored).toHaveLength(successes.length);
	for (const item of successes) expect(storedByName.get(item.name as string)).toBe(item.id);
	// Every stored connection is a complete, correct create (no half-applied retry).
	for (const connection of stored) {
		expect(connection.auth.params).toEqual({
			server: SERVER,
			port: '5439',
			username: 'aep_reader',
			password: PASSWORD,
			database: 'dev',
			schema: 'public',
		});
	}
}

interface CreateScenario {
	title: string;
	fault: Fault;
	/** Faults injected on POST /connections, by concurrency. */
	count: { 1: number; 8: number };
	maxRetries: number;
	/** A deadline (ms) for every request of the run, from the policy. */
	deadlineMs?: number;
	/** The emulator acted before the fault (the connection exists): the node must find it, not re-send. */
	processed: boolean;
	/** Items that end as errors at concurrency 1 (at 8: none, see the file comment). */
	errorsAtConcurrency1: number[];
	httpCode?: string;
}

const CREATE_SCENARIOS: CreateScenario[] = [
	{
		title: '429 with Retry-After: 0 (blind retry)',
		fault: {
			status: 429,
			headers: { 'retry-after': '0' },
			body: { error_code: '429050', message: 'Too many requests' },
		},
		count: { 1: 10, 8: 10 },
		maxRetries: 3,
		processed: false,
		// 4 attempts each: items 0 and 1 use up 8 faults, item 2 gets the last 2 and then succeeds.
		errorsAtConcurrency1: [0, 1],
		httpCode: '429',
	},
	{
		title: '500 with Retry-After: 0 (look up, then retry)',
		fault: { status: 500, headers: { 'retry-after': '0' } },
		count: { 1: 10, 8: 10 },
		maxRetries: 3,
		processed: false,
		errorsAtConcurrency1: [0, 1],
		httpCode: '500',
	},
	{
		// Exponential backoff (shrunk here, see testPolicy): item 0 uses 3 faults, item 1 two.
		title: '503 without Retry-After (exponential backoff)',
		fault: { status: 503 },
		count: { 1: 5, 8: 5 },
		maxRetries: 2,
		processed: false,
		errorsAtConcurrency1: [0],
		httpCode: '503',
	},
	{
		title: 'reset after the emulator created the connection',
		fault: { kind: 'reset-after' },
		count: { 1: 10, 8: 10 },
		maxRetries: 3,
		processed: true,
		errorsAtConcurrency1: [],
	},
	{
		title: 'malformed JSON answer after the emulator created the connection',
		fault: { kind: 'malformed-json' },
		count: { 1: 10, 8: 10 },
		maxRetries: 3,
		processed: true,
		errorsAtConcurrency1: [],
	},
	{
		// Each hang costs the deadline, so fewer of them at concurrency 1.
		title: 'no answer within the deadline (hang)',
		fault: { kind: 'hang' },
		count: { 1: 2, 8: 8 },
		maxRetries: 3,
		deadlineMs: HANG_DEADLINE_MS,
		processed: false,
		errorsAtConcurrency1: [],
	},
];

describe.each([1, 8] as const)(
	'create x %i concurrency, ' + ITEMS + ' items, with faults on POST /connections',
	(concurrency) => {
		freshEmulatorPerTest();

		it.each(CREATE_SCENARIOS.map((scenario) => [scenario.title, scenario] as const))(
			'%s',
			async (_title, scenario) => {
				const count = scenario.count[concurrency];
				emu.failNext(POST_CONNECTIONS, count, scenario.fault);
				const items = names(ITEMS, `c${concurrency}`);
				const run = await runNode(
					emu,
					items,
					createParameters(
						{ concurrency, maxRetries: scenario.maxRetries },
						scenario.deadlineMs !== undefined,
					),
					{
						leaks,
						label: `create c${concurrency} ${scenario.title}`,
						policy: testPolicy({ timeoutMs: scenario.deadlineMs }),
					},
				);

				expect(run.result.error).toBeUndefined();
				expectOnePerItem(run.output, ITEMS);
				const expectedErrors = concurrency === 1 ? scenario.errorsAtConcurrency1 : [];
				const errorIndexes = run.json.flatMap((item, index) => (isErrorItem(item) ? [index] : []));
				expect(errorIndexes).toEqual(expectedErrors);
				run.json.forEach((item, index) => {
					if (isErrorItem(item)) {
						if (scenario.httpCode) expect(item.httpCode).toBe(scenario.httpCode);
					} else {
						expect(item).toMatchObject({
							name: items[index].name,
							hosting: 'aws',
							sandboxName: 'prod',
							id: expect.any(String),
							etag: expect.any(String),
						});
					}
				});
				expectConnectionsMatchOutput(run.json);

				const log = emu.requests();
				expect(faulted(log)).toHaveLength(count);
				if (scenario.processed) {
					// Found by the lookup, never sent twice.
					expect(posts(log)).toHaveLength(ITEMS);
					// Each item lists its name once before the POST (connections that existed before), plus one lookup per fault.
					expect(lookups(log)).toHaveLength(ITEMS + count);
				} else {
					// One POST that succeeded per successful item, plus every faulted one.
					expect(posts(log)).toHaveLength(ITEMS - expectedErrors.length + count);
				}
				if ('status' in scenario.fault && scenario.fault.status === 429) {
					// Throttled at the gateway: Adobe did not act, so no lookup is needed.
					expect(lookups(log)).toHaveLength(ITEMS);
				}
				expect(emu.tokensIssued()).toBe(1);
			},
		);

		it('an answer slower than the timeout, after Adobe created the connection, is found (no duplicate)', async () => {
			// The emulator creates the connection, then sends the answer one byte per 50 ms: the
			// deadline ends the exchange long before the body is complete.
			emu.failNext(POST_CONNECTIONS, concurrency, { kind: 'drip', intervalMs: 50 });
			const run = await runNode(
				emu,
				names(ITEMS, `slow-c${concurrency}`),
				createParameters({ concurrency, maxRetries: 3 }, true),
				{
					leaks,
					label: `create c${concurrency} slow answer`,
					policy: testPolicy({ timeoutMs: HANG_DEADLINE_MS }),
				},
			);

			expect(run.result.error).toBeUndefined();
			expectOnePerItem(run.output, ITEMS);
			expect(run.json.filter(isErrorItem)).toEqual([]);
			expectConnectionsMatchOutput(run.json);
			const log = emu.requests();
			// Every timed-out POST was followed by a lookup that found its connection: never re-sent.
			// At least one lookup per dripped POST; a loaded machine may time out a lookup too and retry it.
			expect(lookups(log).length).toBeGreaterThanOrEqual(ITEMS + concurrency);
			expect(posts(log)).toHaveLength(ITEMS);
			expect(emu.tokensIssued()).toBe(1);
		});

		it('a token revoked mid-run (401) is refreshed once; nothing fails or duplicates', async () => {
			const credentialsHelper = createCredentialsHelper([credentialFor(emu)]);
			let revokedAt = -1;
			// Revoke once a quarter of the connections exist (polling the store is cheap, the log is not).
			const watcher = setInterval(() => {
				if (revokedAt < 0 && emu.connections().length >= ITEMS / 4) {
					revokedAt = emu.requests().length;
					emu.revokeAllTokens();
				}
			}, 2);
			let run;
			try {
				run = await runNode(
					emu,
					names(ITEMS, `revoke-c${concurrency}`),
					createParameters({ concurrency, maxRetries: 3 }),
					{
						credentialsHelper,
						leaks,
						label: `create c${concurrency} revoke`,
					},
				);
			} finally {
				clearInterval(watcher);
			}

			expect(revokedAt).toBeGreaterThan(0);
			expect(run.result.error).toBeUndefined();
			expectOnePerItem(run.output, ITEMS);
			expect(run.json.filter(isErrorItem)).toEqual([]);
			expectConnectionsMatchOutput(run.json);
			const log = emu.requests();
			expect(log.filter((entry) => entry.status === 401).length).toBeGreaterThanOrEqual(1);
			expect(emu.tokensIssued()).toBe(2);
			expect(credentialsHelper.preAuthRuns.map((record) => record.credentialsExpired)).toContain(
				true,
			);
			// The refreshed token is what the credential holds now, and it works.
			const stored = credentialsHelper.stored(credentialFor(emu).id).data.accessToken as string;
			expect(log[log.length - 1].headers.authorization).toBe(`Bearer ${stored}`);
		});
	},
);

describe('create: Retry-After is honoured', () => {
	freshEmulatorPerTest();

	// Adobe sends whole seconds; the node reads fractions too, which keeps this test short.
	it('waits the 0.3 s Adobe asks for before re-sending a throttled create', async () => {
		emu.failNext(POST_CONNECTIONS, 1, { status: 429, headers: { 'retry-after': '0.3' } });
		const run = await runNode(
			emu,
			names(3, 'retry-after'),
			createParameters({ concurrency: 1, maxRetries: 3 }),
			{ leaks, label: 'retry-after 0.3' },
		);

		expect(run.json.filter(isErrorItem)).toEqual([]);
		const sent = posts(emu.requests());
		expect(sent).toHaveLength(4);
		// The test policy's backoff would wait at most 5 ms here; the server's 0.3 s wins.
		expect(sent[1].at - sent[0].at).toBeGreaterThanOrEqual(285);
		expectConnectionsMatchOutput(run.json);
	});
});

/**
 * Idempotent requests (GET, PATCH with If-Match, DELETE) are retried on every transient failure.
 * One emulator per concurrency with ITEMS connections the node made; the tests run in file order and
 * the last one deletes them all.
 */
describe.each([1, 8] as const)('reads and changes x %i concurrency with faults', (concurrency) => {
	const ID_PATH = /^\/data\/foundation\/flowservice\/connections\/[^/]+$/;
	let seeded: Array<{ id: string; name: string }> = [];
	let start = 0;

	beforeAll(async () => {
		emu = await newEmulator();
		const run = await runNode(
			emu,
			names(ITEMS, `seed-c${concurrency}`),
			createParameters({ concurrency: 8 }),
			{ leaks, label: 'seed' },
		);
		expect(run.json.filter(isErrorItem)).toEqual([]);
		seeded = run.json.map((item) => ({ id: item.id as string, name: item.name as string }));
	});

	beforeEach(() => {
		start = emu.requests().length;
	});

	afterEach(() => {
		leaks.addEmulatorSecrets(emu);
		leaks.expectNoLeaks();
		// One token for every run against this emulator: the node reuses it across executions.
		expect(emu.tokensIssued()).toBe(1);
	});

	afterAll(async () => {
		await emu.close();
	});

	/** This test's requests only (the emulator is shared by the describe block). */
	const requestsOfThisTest = (): RequestLogEntry[] => emu.requests().slice(start);
	const options = (maxRetries: number) => ({ concurrency, maxRetries, timeoutSeconds: 5 });

	/**
	 * With Retry-After: 0 retries cost nothing, so 10 faults and 10 retries. Without it (resets,
	 * malformed answers) the backoff runs; at concurrency 1 all faults land on item 0, so 2.
	 */
	const fastRetry = { count: 10, maxRetries: 10 };
	const backoffRetry = { count: concurrency === 1 ? 2 : 10, maxRetries: 3 };
	const readCases: Array<{
		title: string;
		operation: string;
		match: FaultMatch;
		fault: Fault;
		retry: { count: number; maxRetries: number };
		/** getAll lists (and the emulator filters) all ITEMS connections per item: fewer items. */
		items?: number;
		extra?: INodeParameters;
		check: (json: IDataObject, seeded: { id: string; name: string }) => void;
	}> = [
		{
			title: 'test: 503 with Retry-After: 0',
			operation: 'test',
			match: { method: 'GET', path: /\/connections\/[^/]+\/test$/ },
			fault: { status: 503, headers: { 'retry-after': '0' } },
			retry: fastRetry,
			check: (json, item) => expect(json).toEqual({ id: item.id, ok: true, sandboxName: 'prod' }),
		},
		{
			title: 'get: reset after answering',
			operation: 'get',
			match: { method: 'GET', path: ID_PATH },
			fault: { kind: 'reset-after' },
			retry: backoffRetry,
			check: (json, item) =>
				expect(json).toMatchObject({ id: item.id, name: item.name, hosting: 'aws' }),
		},
		{
			title: 'getAll (filter by name): 500 with Retry-After: 0',
			operation: 'getAll',
			match: { method: 'GET', path: CONNECTIONS_PATH },
			fault: { status: 500, headers: { 'retry-after': '0' } },
			retry: fastRetry,
			items: ITEMS / 2,
			extra: { returnAll: false, limit: 5, filters: { name: '={{ $json.name }}' } },
			check: (json, item) => expect(json).toMatchObject({ id: item.id, name: item.name }),
		},
		{
			title: 'getTableSchema: malformed JSON answer',
			operation: 'getTableSchema',
			match: { method: 'GET', path: /\/explore$/ },
			fault: { kind: 'malformed-json' },
			retry: backoffRetry,
			extra: { tablePath: 'public.orders' },
			check: (json, item) =>
				expect(json).toMatchObject({
					connectionId: item.id,
					tableName: 'public.orders',
					columns: expect.arrayContaining([expect.objectContaining({ name: expect.any(String) })]),
				}),
		},
	];

	it.each(readCases.map((entry) => [entry.title, entry] as const))(
		'%s: every item retried to success',
		async (_title, entry) => {
			const { count, maxRetries } = entry.retry;
			emu.failNext(entry.match, count, entry.fault);
			const targets = seeded.slice(0, entry.items ?? ITEMS);
			const run = await runNode(
				emu,
				targets,
				{
					operation: entry.operation,
					connectionId: '={{ $json.id }}',
					...entry.extra,
					options: options(maxRetries),
				},
				{ leaks, label: `${entry.operation} c${concurrency}` },
			);

			expect(run.result.error).toBeUndefined();
			expectOnePerItem(run.output, targets.length);
			expect(run.json.filter(isErrorItem)).toEqual([]);
			run.json.forEach((json, index) => entry.check(json, targets[index]));
			expect(faulted(requestsOfThisTest())).toHaveLength(count);
			expect(emu.connections()).toHaveLength(ITEMS);
		},
	);

	it('update (PATCH with If-Match): 503 with Retry-After: 0 is retried, every connection updated once', async () => {
		emu.failNext({ method: 'PATCH', path: ID_PATH }, 10, {
			status: 503,
			headers: { 'retry-after': '0' },
		});
		const run = await runNode(
			emu,
			seeded,
			{
				operation: 'update',
				connectionId: '={{ $json.id }}',
				updateFields: { password: NEW_PASSWORD },
				options: options(10),
			},
			{ leaks, label: `update c${concurrency} 503` },
		);

		expectOnePerItem(run.output, ITEMS);
		expect(run.json.filter(isErrorItem)).toEqual([]);
		run.json.forEach((json, index) =>
			expect(json).toMatchObject({ id: seeded[index].id, updated: ['password'] }),
		);
		expect(emu.connections().map((connection) => connection.auth.params.password)).toEqual(
			Array(ITEMS).fill(NEW_PASSWORD),
		);
		const log = requestsOfThisTest();
		expect(faulted(log)).toHaveLength(10);
		// Each item: one GET for the etag, its PATCH, plus one PATCH per fault.
		expect(log.filter((entry) => entry.method === 'PATCH' && entry.status === 200)).toHaveLength(
			ITEMS,
		);
	});

	it('update: a reset after Adobe applied the PATCH does not fail the item (the change is in place)', async () => {
		// At most maxRetries faults per item, so only the ambiguity (not exhaustion) can fail an item.
		emu.failNext({ method: 'PATCH', path: ID_PATH }, concurrency === 1 ? 2 : 5, {
			kind: 'reset-after',
		});
		// The description makes the change visible in a GET (Adobe masks the password).
		const run = await runNode(
			emu,
			seeded,
			{
				operation: 'update',
				connectionId: '={{ $json.id }}',
				updateFields: { description: 'Rotated by n8n' },
				options: options(3),
			},
			{ leaks, label: `update c${concurrency} reset-after` },
		);

		expectOnePerItem(run.output, ITEMS);
		expect(emu.connections().map((connection) => connection.description)).toEqual(
			Array(ITEMS).fill('Rotated by n8n'),
		);
		expect(run.json.filter(isErrorItem)).toEqual([]);
	});

	it('delete: a reset after Adobe deleted the connection does not fail the item (it says: already absent)', async () => {
		const resets = concurrency === 1 ? 2 : 5;
		emu.failNext({ method: 'DELETE', path: ID_PATH }, resets, { kind: 'reset-after' });
		const run = await runNode(
			emu,
			seeded,
			{ operation: 'delete', connectionId: '={{ $json.id }}', options: options(3) },
			{ leaks, label: `delete c${concurrency} reset-after` },
		);

		expectOnePerItem(run.output, ITEMS);
		expect(emu.connections()).toEqual([]);
		expect(run.json.filter(isErrorItem)).toEqual([]);
		run.json.forEach((json, index) =>
			expect(json).toMatchObject({
				id: seeded[index].id,
				deleted: !json.alreadyAbsent,
				sandboxName: 'prod',
			}),
		);
		// The reset items' retries met a 404: gone, but not provably deleted by us. (A retry can meet
		// the next reset itself, so one item may take two of them.)
		const absent = run.json.filter((json) => json.alreadyAbsent === true).length;
		expect(absent).toBeGreaterThanOrEqual(1);
		expect(absent).toBeLessThanOrEqual(resets);
	});
});
