/**
 * A fault subset of test/engine/AdobeRedshiftConnection/faults.engine.test.ts, in real n8n: Manual Trigger -> Code (40
 * items, each with its own name and Redshift password) -> Adobe Redshift Connection create
 * (continue on fail, concurrency 4, maxRetries 3), run with `n8n execute` while the in-process
 * emulator fails the next POST /connections with 3 x 429 (Retry-After: 0), 2 x 503 (Retry-After:
 * 0) and 2 x reset-after (connection created, then the socket dropped).
 *
 * Why every item must succeed: the first 4 POSTs come from 4 different items (concurrency 4), so
 * the 5 faults that fail an attempt (429, 503) give no item more than 2 failed attempts, and a
 * reset-after ends in the lookup finding the connection; maxRetries 3 (4 attempts) is enough.
 * The workflow uses a credential of its own with no stored token, so "one token for the run" is
 * measured: tokens issued go up by exactly 1.
 */
import { randomBytes } from 'node:crypto';

import type { Fault, StartedEmulator } from '../emulator';
import {
	CREDENTIAL_TYPE,
	itemsWorkflow,
	operationNode,
	type WorkflowJson,
} from '../support/workflow';
import { n8nExecute, outputsOf, type N8nInstance } from './lib/n8n';
import { check, log } from './lib/steps';

export const FAULT_CREDENTIAL = { id: 'e2eAepFaultCrd01', name: 'AEP (emulator, fault run)' };
export const FAULT_WORKFLOW_ID = 'e2eFaultCreate01';
export const FAULT_CODE_NODE = 'Items';
export const FAULT_NODE = 'Create connections';

const ITEMS = 40;
const CONNECTIONS_PATH = '/data/foundation/flowservice/connections';
const SERVER = 'e2e-faults.ghi789rst.us-east-1.redshift.amazonaws.com';

/** In queue order: the emulator takes the first pending fault that matches. */
const FAULTS: Array<{ label: string; count: number; fault: Fault; resent: boolean }> = [
	// Throttled at the gateway: Adobe did not act, blind re-send.
	{
		label: '429',
		count: 3,
		fault: {
			status: 429,
			headers: { 'retry-after': '0' },
			body: { error_code: '429050', message: 'Too many requests' },
		},
		resent: true,
	},
	// Ambiguous: look up (nothing found), then re-send.
	{ label: '503', count: 2, fault: { status: 503, headers: { 'retry-after': '0' } }, resent: true },
	// Ambiguous and Adobe did act: the lookup finds the connection, no re-send.
	{ label: 'reset-after', count: 2, fault: { kind: 'reset-after' }, resent: false },
];

export interface FaultRun {
	workflow: WorkflowJson;
	/** What the Code node emits, in order; the passwords reach our node only through `{{ $json.password }}`. */
	items: Array<{ name: string; password: string }>;
}

export interface FaultFindings {
	items: number;
	ms: number;
	faultsHit: number;
	posts: number;
	lookups: number;
	tokensIssued: number;
}

export function prepareFaultRun(): FaultRun {
	const tag = randomBytes(3).toString('hex');
	const items = Array.from({ length: ITEMS }, (_, i) => ({
		name: `E2E fault ${tag} ${String(i).padStart(2, '0')}`,
		password: `e2e-fault-pw-${i}-${randomBytes(12).toString('hex')}`,
	}));
	const workflow = itemsWorkflow({
		id: FAULT_WORKFLOW_ID,
		name: 'E2E: create 40 connections while the emulator injects faults',
		items,
		itemsNode: FAULT_CODE_NODE,
		nodes: [
			operationNode(
				FAULT_NODE,
				'create',
				{
					hosting: 'aws',
					name: '={{ $json.name }}',
					description: 'Created by the n8n end-to-end fault run',
					server: SERVER,
					port: 5439,
					username: 'e2e_faults',
					password: '={{ $json.password }}',
					database: 'warehouse',
					schema: 'public',
					options: { concurrency: 4, maxRetries: 3 },
				},
				{
					onError: 'continueRegularOutput',
					credentials: { [CREDENTIAL_TYPE]: { ...FAULT_CREDENTIAL } },
				},
			),
		],
	});
	return { workflow, items };
}

function pairedIndexes(pairedItem: unknown): unknown[] {
	const list = Array.isArray(pairedItem) ? pairedItem : [pairedItem];
	return list.map((entry) =>
		entry && typeof entry === 'object' ? (entry as { item?: unknown }).item : entry,
	);
}

/** Runs the fault workflow (imported beforehand with FAULT_CREDENTIAL) and checks the outcome. */
export async function faultCheck(
	instance: N8nInstance,
	emulator: StartedEmulator,
	faultRun: FaultRun,
): Promise<FaultFindings> {
	const { items } = faultRun;
	const before = emulator.requests().length;
	const tokensBefore = emulator.tokensIssued();
	for (const { count, fault } of FAULTS)
		emulator.failNext({ method: 'POST', path: CONNECTIONS_PATH }, count, fault);

	const started = Date.now();
	// Bounded: n8n's start-up (5-8 s here) plus a run whose retries wait 0 s.
	const run = await n8nExecute(instance, FAULT_WORKFLOW_ID, { timeoutMs: 60_000 });
	const ms = Date.now() - started;

	// What n8n reported (--rawOutput): one item out per item in, in order, paired, all succeeded.
	const [output = []] = outputsOf(run, FAULT_NODE);
	check(output.length === ITEMS, `expected ${ITEMS} output items, got ${output.length}`);
	output.forEach((item, i) => {
		const json = item.json;
		// Only the error fields are quoted: the node's errors are secret-free, the rest is not needed.
		check(
			json.error === undefined,
			`item ${i} failed: ${JSON.stringify({ error: json.error, description: json.description, httpCode: json.httpCode })}`,
		);
		const paired = pairedIndexes(item.pairedItem);
		check(
			paired.length === 1 && paired[0] === i,
			`item ${i} is paired with ${JSON.stringify(item.pairedItem)}`,
		);
		check(
			json.name === items[i].name,
			`item ${i} is "${String(json.name)}", expected "${items[i].name}" (output out of order?)`,
		);
		check(
			typeof json.id === 'string' && /^".+"$/.test(String(json.etag)),
			`item ${i} lacks id/etag: ${JSON.stringify(json)}`,
		);
		check(
			json.hosting === 'aws' && json.sandboxName === 'prod',
			`item ${i}: hosting/sandbox ${String(json.hosting)}/${String(json.sandboxName)}`,
		);
	});

	// What the emulator holds: exactly one connection per item name, the one the output names,
	// with that item's password (so the password travelled through the expression).
	const names = new Set(items.map((item) => item.name));
	const stored = emulator.connections().filter((connection) => names.has(connection.name));
	const perName = new Map<string, number>();
	for (const connection of stored)
		perName.set(connection.name, (perName.get(connection.name) ?? 0) + 1);
	const duplicated = [...perName].filter(([, count]) => count > 1).map(([name]) => name);
	check(duplicated.length === 0, `duplicate connections: ${duplicated.join(', ')}`);
	check(
		stored.length === ITEMS,
		`the emulator holds ${stored.length} connections for the ${ITEMS} item names`,
	);
	items.forEach((item, i) => {
		const connection = stored.find((c) => c.name === item.name)!;
		check(
			connection.id === output[i].json.id,
			`item ${i}: output id ${String(output[i].json.id)}, emulator holds ${connection.id}`,
		);
		check(
			connection.auth.params.password === item.password,
			`item ${i}: the stored password is not the item's password`,
		);
	});

	// The faults were met, and handled as README "Reliability" says: a 429 or 503 costs one more
	// POST, a 503 or a reset-after one lookup; a reset-after connection is found, never re-sent.
	const requests = emulator.requests().slice(before);
	const faulted = requests.filter((r) => r.fault !== undefined);
	const expectedFaults = FAULTS.reduce((sum, f) => sum + f.count, 0);
	check(
		faulted.length === expectedFaults,
		`the emulator injected ${faulted.length} of ${expectedFaults} faults`,
	);
	const posts = requests.filter((r) => r.method === 'POST' && r.path === CONNECTIONS_PATH).length;
	const expectedPosts = ITEMS + FAULTS.filter((f) => f.resent).reduce((sum, f) => sum + f.count, 0);
	check(
		posts === expectedPosts,
		`expected ${expectedPosts} POST /connections (one per item + one per 429/503), the emulator saw ${posts}`,
	);
	const lookups = requests.filter((r) => r.method === 'GET' && r.path === CONNECTIONS_PATH).length;
	// Version 1 node ("Create Another"): each item lists its name once before the POST (the duplicate guard's "before").
	const expectedLookups =
		ITEMS + FAULTS.filter((f) => f.label !== '429').reduce((sum, f) => sum + f.count, 0);
	check(
		lookups === expectedLookups,
		`expected ${expectedLookups} look-ups (GET /connections, one per item plus one per 503/reset-after), the emulator saw ${lookups}`,
	);

	// One token for the whole run: the fault credential had none, so exactly one was issued, and
	// every platform request carried it.
	const tokensIssued = emulator.tokensIssued() - tokensBefore;
	check(tokensIssued === 1, `the run made IMS issue ${tokensIssued} tokens, expected 1`);
	const bearers = new Set(
		requests
			.filter((r) => !r.path.startsWith('/ims') && !r.path.startsWith('/__emulator'))
			.map((r) => r.headers.authorization ?? '(none)'),
	);
	check(
		bearers.size === 1,
		`the run's platform requests carried ${bearers.size} different Authorization headers, expected 1`,
	);

	log(
		`  ${ITEMS} items, ${faulted.length} faults, ${posts} POSTs, ${lookups} look-ups, ${tokensIssued} token, ${(ms / 1000).toFixed(1)} s for n8n execute`,
	);
	return { items: ITEMS, ms, faultsHit: faulted.length, posts, lookups, tokensIssued };
}
