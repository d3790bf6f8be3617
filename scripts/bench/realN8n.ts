/**
 * Variant C: n8n's HTTP Request node, and our node for comparison, in a real n8n (1.123.81 on
 * Node 20, from the e2e install cache) run with `n8n execute`. Times are the executionTime n8n
 * records per node in the run data; the process wall time (start-up included) is kept as well.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { StartedEmulator } from '../../test/emulator';
import { CACHE, CREDENTIAL_TYPE, createInstance, installPackage, n8nCli, n8nExecute, versions, type N8nInstance, type N8nVersion } from '../../test/e2e/lib/n8n';
import { run, tail } from '../../test/e2e/lib/proc';
import { freePort } from '../../test/e2e/lib/server';
import { CONCURRENCIES, ITEMS, accessOf, credentialData, emulatorCounts, startBenchEmulator } from './config';
import { HTTP_CREATE_NODE, OUR_NODE, TOKEN_NODE, httpRequestWorkflow, ourNodeWorkflow, type BenchWorkflow, type HttpBatching } from './workflows';

export const REAL_N8N_VERSION = '1.123.81';
const INSTALL_TIMEOUT_MS = 25 * 60_000;

export interface RealRun {
	kind: 'ours' | 'http';
	/** Our node's options.concurrency; undefined for the HTTP Request node. */
	concurrency?: number;
	batching?: HttpBatching;
	/** executionTime of the node(s) doing the work: our node, or token node + create node. */
	nodeMs: number;
	/** Of that, the HTTP Request create node alone. */
	createNodeMs?: number;
	/** `n8n execute` process, start-up included. */
	processMs: number;
	items: number;
	tokens: number;
	requests: number;
	created: number;
	error?: string;
}

export interface RealResult {
	version: string;
	runs: RealRun[];
	/** Why nothing ran although nothing broke (n8n not installable here). */
	skipped?: string;
	/** Why nothing ran because something broke. */
	failed?: string;
}

function installed(n8n: N8nVersion): boolean {
	return existsSync(join(CACHE, `n8n-${n8n.version}`, '.e2e-install-complete')) && existsSync(n8n.cli) && existsSync(join(n8n.nodeBin, 'node'));
}

/** The e2e cache, installed with test/e2e/install-n8n.sh when missing. Returns a reason when unusable. */
async function ensureN8n(n8n: N8nVersion, log: (line: string) => void): Promise<string | undefined> {
	if (installed(n8n)) return undefined;
	log(`n8n ${n8n.version} is not in ${CACHE}; running test/e2e/install-n8n.sh (several minutes)`);
	const script = join(__dirname, '..', '..', 'test', 'e2e', 'install-n8n.sh');
	const result = await run('bash', [script], { env: { ...process.env, N8N_E2E_CACHE: CACHE }, timeoutMs: INSTALL_TIMEOUT_MS });
	if (result.code !== 0 || result.timedOut) {
		const last = tail(result.stdout + result.stderr, 3).replace(/\s+/g, ' ').trim();
		return `n8n ${n8n.version} missing from ${CACHE} and install-n8n.sh failed${result.timedOut ? ' (timed out)' : ''}: ${last}`;
	}
	return installed(n8n) ? undefined : `install-n8n.sh finished but n8n ${n8n.version} is still missing from ${CACHE}`;
}

interface Planned {
	workflow: BenchWorkflow;
	kind: RealRun['kind'];
	concurrency?: number;
	batching?: HttpBatching;
}

type RunData = Record<string, Array<{ executionTime?: number; data?: { main?: Array<Array<{ json: Record<string, unknown> }>> } }>>;

function executionTime(runData: RunData, node: string): number {
	const runs = runData[node];
	return runs?.length ? (runs[runs.length - 1].executionTime ?? NaN) : NaN;
}

function outputItems(runData: RunData, node: string): Array<Record<string, unknown>> {
	const runs = runData[node];
	return (runs?.[runs.length - 1]?.data?.main?.[0] ?? []).map((item) => item.json);
}

async function executeOne(instance: N8nInstance, emulator: StartedEmulator, plan: Planned): Promise<RealRun> {
	emulator.reset();
	const started = Date.now();
	const base = { kind: plan.kind, concurrency: plan.concurrency, batching: plan.batching };
	let summary;
	try {
		summary = await n8nExecute(instance, plan.workflow.id);
	} catch (error) {
		const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
		return { ...base, nodeMs: NaN, processMs: Date.now() - started, items: 0, ...emulatorCounts(emulator), error: message };
	}
	const processMs = Date.now() - started;
	const runData = summary.data.resultData.runData as unknown as RunData;
	const failed = summary.data.resultData.error as { message?: string } | undefined;
	const workNode = plan.kind === 'ours' ? OUR_NODE : HTTP_CREATE_NODE;
	const items = outputItems(runData, workNode);
	const itemError = items.find((json) => json.error !== undefined)?.error;
	const createNodeMs = plan.kind === 'http' ? executionTime(runData, HTTP_CREATE_NODE) : undefined;
	const nodeMs = plan.kind === 'ours' ? executionTime(runData, OUR_NODE) : executionTime(runData, TOKEN_NODE) + (createNodeMs ?? NaN);
	const error = failed ? (failed.message ?? JSON.stringify(failed)) : itemError !== undefined ? String(itemError) : undefined;
	return { ...base, nodeMs, createNodeMs, processMs, items: items.length, ...emulatorCounts(emulator), error };
}

/** HTTP Request node settings measured: defaults, the batching the brief names, and a throttled one. */
export const HTTP_VARIANTS: Array<HttpBatching | undefined> = [
	undefined,
	{ batchSize: 8, batchInterval: 0 },
	{ batchSize: 16, batchInterval: 0 },
	// batchInterval 0 turns batching off; an interval is the node's only way to pace requests.
	{ batchSize: 8, batchInterval: 50 },
	{ batchSize: 16, batchInterval: 50 },
];

export async function runRealN8n(tarball: string | undefined, work: string, log: (line: string) => void): Promise<RealResult> {
	const n8n = versions().find((v) => v.version === REAL_N8N_VERSION);
	if (!n8n) return { version: REAL_N8N_VERSION, runs: [], skipped: `the e2e lib knows no n8n ${REAL_N8N_VERSION}` };
	if (!tarball) return { version: n8n.version, runs: [], skipped: 'npm pack failed, so there is no package to install' };
	const missing = await ensureN8n(n8n, log);
	if (missing) return { version: n8n.version, runs: [], skipped: missing };

	const root = join(work, `n8n-${n8n.version}`);
	const instance = createInstance(n8n, root, { port: await freePort(), brokerPort: await freePort() });
	// The run summary `n8n execute` prints on 1.x goes through the logger at info level; debug
	// logging (the e2e's choice) would only add work to the measured runs.
	instance.env.N8N_LOG_LEVEL = 'info';
	const emulator = await startBenchEmulator();
	try {
		const access = accessOf(emulator);
		log(`real n8n ${n8n.version}: installing the packed package into ${instance.userFolder}/.n8n/nodes`);
		await installPackage(instance, tarball);

		// One credential per run of our node: the CLI stores the token a run fetched, and each run
		// should show the token it needs itself.
		const plans: Planned[] = [];
		const credentials = CONCURRENCIES.map((c) => ({ id: `benchAepCred${String(c).padStart(4, '0')}`, name: `AEP bench c${c}` }));
		CONCURRENCIES.forEach((c, i) =>
			plans.push({ kind: 'ours', concurrency: c, workflow: ourNodeWorkflow(`benchOurNodeC${String(c).padStart(3, '0')}`, ITEMS, c, `Bench n8n ours c${c}`, credentials[i]) }),
		);
		HTTP_VARIANTS.forEach((batching, i) =>
			plans.push({ kind: 'http', batching, workflow: httpRequestWorkflow(`benchHttpReq${String(i).padStart(4, '0')}`, ITEMS, `Bench n8n http ${i}`, access, batching) }),
		);

		const credentialFile = join(root, 'credentials.json');
		writeFileSync(credentialFile, JSON.stringify(credentials.map((c) => ({ ...c, type: CREDENTIAL_TYPE, data: credentialData(access) }))));
		const workflowDir = join(root, 'workflows');
		mkdirSync(workflowDir, { recursive: true });
		for (const plan of plans) writeFileSync(join(workflowDir, `${plan.workflow.id}.json`), JSON.stringify(plan.workflow));
		log(`real n8n ${n8n.version}: importing ${credentials.length} credentials and ${plans.length} workflows`);
		await n8nCli(instance, ['import:credentials', `--input=${credentialFile}`]);
		await n8nCli(instance, ['import:workflow', '--separate', `--input=${workflowDir}`]);

		const runs: RealRun[] = [];
		for (const plan of plans) {
			log(`real n8n ${n8n.version}: n8n execute "${plan.workflow.name}"`);
			runs.push(await executeOne(instance, emulator, plan));
		}
		return { version: n8n.version, runs };
	} finally {
		await emulator.close();
	}
}
