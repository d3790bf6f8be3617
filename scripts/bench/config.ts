/** What every bench variant shares: the workload, the emulator setup and the request a create sends. */
import { join } from 'node:path';

import { startEmulator, type StartedEmulator } from '../../test/emulator';

export const ITEMS = 500;
export const LATENCY_MS = 50;
export const CONCURRENCIES = [1, 8, 16] as const;
export const SANDBOX = 'prod';
export const PROJECT = join(__dirname, '..', '..');

export const IMS_TOKEN_PATH = '/ims/token/v3';
export const CONNECTIONS_PATH = '/data/foundation/flowservice/connections';
export const REDSHIFT_SPEC = { id: '3416976c-a9ca-4bba-901a-1f08f66978ff', version: '1.0' };

/** Fixed per-item values; name, server, database and schema vary per item (names unique). */
export const FIXED = {
	description: 'Created by npm run bench',
	port: 5439,
	username: 'bench_loader',
	password: 'bench-redshift-password',
};

export interface BenchItem {
	name: string;
	server: string;
	database: string;
	schema: string;
}

/** The JavaScript a Code node runs to produce the items (also evaluated here for the raw client). */
export function itemsCode(count: number, prefix: string): string {
	return (
		`return Array.from({ length: ${count} }, (_, i) => ({ json: {\n` +
		`  name: '${prefix} ' + String(i).padStart(4, '0'),\n` +
		`  server: 'cluster-' + (i % 7) + '.abc123xyz789.us-west-2.redshift.amazonaws.com',\n` +
		`  database: 'db_' + (i % 5),\n` +
		`  schema: 'public',\n` +
		`} }));`
	);
}

export function makeItems(count: number, prefix: string): BenchItem[] {
	return (new Function(itemsCode(count, prefix)) as () => Array<{ json: BenchItem }>)().map((item) => item.json);
}

/** The POST /connections body our node sends for an item (AWS hosting: schema included, port a string). */
export function createBody(item: BenchItem): Record<string, unknown> {
	return {
		name: item.name,
		description: FIXED.description,
		auth: {
			specName: 'Basic Authentication',
			params: {
				server: item.server,
				port: String(FIXED.port),
				username: FIXED.username,
				password: FIXED.password,
				database: item.database,
				schema: item.schema,
			},
		},
		connectionSpec: REDSHIFT_SPEC,
	};
}

export interface EmulatorAccess {
	baseUrl: string;
	clientId: string;
	clientSecret: string;
	orgId: string;
	scopes: string;
}

export function accessOf(emulator: StartedEmulator): EmulatorAccess {
	const { clientId, clientSecret, orgId, scopes } = emulator.options;
	return { baseUrl: emulator.baseUrl, clientId, clientSecret, orgId, scopes };
}

/** Data for our credential type pointing at an emulator. */
export function credentialData(access: EmulatorAccess): Record<string, string> {
	return {
		clientId: access.clientId,
		clientSecret: access.clientSecret,
		orgId: access.orgId,
		scopes: access.scopes,
		sandboxName: SANDBOX,
		imsUrl: access.baseUrl,
		platformUrl: access.baseUrl,
	};
}

export function startBenchEmulator(latencyMs = LATENCY_MS): Promise<StartedEmulator> {
	return startEmulator({ hosting: 'aws', latencyMs });
}

/** What the emulator saw, without the bench's own /__emulator control calls. */
export function emulatorCounts(emulator: StartedEmulator): { tokens: number; requests: number; created: number } {
	return {
		tokens: emulator.tokensIssued(),
		requests: emulator.requests().filter((r) => !r.path.startsWith('/__emulator')).length,
		created: emulator.connections().length,
	};
}

/** What the parent asks a worker process (scripts/bench/worker.ts) to measure. */
export interface WorkerJob {
	mode: 'engine' | 'raw';
	/** One fresh emulator per repetition, so each repetition's tokens and requests are its own. */
	accesses: EmulatorAccess[];
	/** A second emulator (no latency) for a warm-up run, so JIT and lazy loading are not measured. */
	warmup: EmulatorAccess;
	warmupCount: number;
	count: number;
	concurrency: number;
	prefix: string;
}

export const RESULT_PREFIX = 'BENCH_RESULT ';

export interface WorkerResult {
	/** One result per repetition, in order. */
	runs: unknown[];
	/** Memory over all repetitions (engine mode only). */
	memory?: unknown;
}
