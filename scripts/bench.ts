/**
 * `npm run bench`: BENCH_ITEMS Redshift base-connection creates against the local Adobe emulator
 * (BENCH_LATENCY_MS per call), by our node in n8n-core's engine and by a raw axios client sending
 * the same requests (the physical limit), at each concurrency of BENCH_CONCURRENCY. Prints a table;
 * never asserts timings. Exit 1 only when the bench itself broke: a worker failed, an item failed,
 * or the emulator did not store one connection per item.
 *
 * Env: BENCH_ITEMS (default 500), BENCH_CONCURRENCY (default "1,8,16"), BENCH_LATENCY_MS (default 50).
 * To add a figure: add a column to COLUMNS (it gets each row's Measured), or another table after it.
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

import { startEmulator, type StartedEmulator } from '../test/emulator';
import type { EmulatorAccess } from '../test/support/credentials';
import { perSecond, ratio, seconds, table, type Align } from './bench/report';
import type { Variant, WorkerJob, WorkerResult } from './bench/worker';
import { RESULT_PREFIX } from './bench/workload';

function envNumbers(name: string, fallback: string): number[] {
	const values = (process.env[name] ?? fallback).split(',').map((v) => Number(v.trim()));
	if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < 0)) throw new Error(`${name} must be whole numbers separated by commas`);
	return values;
}

const [ITEMS] = envNumbers('BENCH_ITEMS', '500');
const CONCURRENCIES = envNumbers('BENCH_CONCURRENCY', '1,8,16');
const [LATENCY_MS] = envNumbers('BENCH_LATENCY_MS', '50');
const WARMUP_ITEMS = 20;
const WORKER = join(__dirname, 'bench', 'worker.ts');
const WORKER_TIMEOUT_MS = 10 * 60_000;
const VARIANTS: Array<{ variant: Variant; label: string }> = [
	{ variant: 'raw', label: 'raw axios client' },
	{ variant: 'engine', label: "our node in n8n's engine" },
];

/** One variant at one concurrency: the worker's figures plus what the emulator saw. */
interface Measured extends WorkerResult {
	variant: Variant;
	label: string;
	concurrency: number;
	tokens: number;
	requests: number;
	created: number;
	/** Why this row does not count (the bench broke); undefined when all went well. */
	problem?: string;
}

/** Only what a credential needs, for the worker's environment. */
const accessOf = ({ baseUrl, options: { clientId, clientSecret, orgId, scopes } }: StartedEmulator): EmulatorAccess => ({ baseUrl, options: { clientId, clientSecret, orgId, scopes } });

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function measure(variant: Variant, label: string, concurrency: number, warmup: StartedEmulator): Promise<Measured> {
	const emulator = await startEmulator({ hosting: 'aws', latencyMs: LATENCY_MS });
	try {
		const job: WorkerJob = { variant, access: accessOf(emulator), warmup: accessOf(warmup), warmupCount: WARMUP_ITEMS, count: ITEMS, concurrency, prefix: `Bench ${variant} c${concurrency}` };
		// Asynchronously: the emulators answer the worker from this process's event loop.
		const child = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
			const proc = spawn(process.execPath, ['--import', 'tsx', WORKER], { env: { ...process.env, BENCH_JOB: JSON.stringify(job) }, timeout: WORKER_TIMEOUT_MS });
			let stdout = '';
			let stderr = '';
			proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
			proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
			proc.on('close', (code) => resolve({ code, stdout, stderr }));
		});
		const line = child.stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
		const counts = {
			tokens: emulator.tokensIssued(),
			requests: emulator.requests().filter((r) => !r.path.startsWith('/__emulator')).length,
			created: emulator.connections().length,
		};
		if (child.code !== 0 || !line) {
			return { variant, label, concurrency, wallMs: NaN, failedItems: ITEMS, ...counts, problem: `worker exited with ${child.code}: ${child.stderr.trim().split('\n').slice(-5).join(' | ')}` };
		}
		const result = JSON.parse(line.slice(RESULT_PREFIX.length)) as WorkerResult;
		const problem =
			result.failedItems > 0 ? `${result.failedItems} items failed: ${result.firstError ?? '?'}` : counts.created !== ITEMS ? `emulator stored ${counts.created} connections, expected ${ITEMS}` : undefined;
		return { variant, label, concurrency, ...result, ...counts, problem };
	} finally {
		await emulator.close();
	}
}

/** The printed columns; each reads one row and the raw client's row at the same concurrency. */
const COLUMNS: Array<{ title: string; align: Align; cell: (m: Measured, raw?: Measured) => string }> = [
	{ title: 'variant', align: 'left', cell: (m) => m.label },
	{ title: 'conc.', align: 'right', cell: (m) => String(m.concurrency) },
	{ title: 'wall s', align: 'right', cell: (m) => seconds(m.wallMs) },
	{ title: 'items/s', align: 'right', cell: (m) => perSecond(ITEMS, m.wallMs) },
	{ title: 'vs raw', align: 'right', cell: (m, raw) => (raw ? ratio(m.wallMs / raw.wallMs) : '-') },
	{ title: 'IMS tokens', align: 'right', cell: (m) => String(m.tokens) },
	{ title: 'requests', align: 'right', cell: (m) => String(m.requests) },
	{ title: 'problem', align: 'left', cell: (m) => m.problem ?? '' },
];

async function main(): Promise<number> {
	const loadAtStart = loadavg()[0];
	const warmup = await startEmulator({ hosting: 'aws' });
	const rows: Measured[] = [];
	try {
		// Both variants side by side per concurrency, so that load from elsewhere hits both alike.
		for (const concurrency of CONCURRENCIES) {
			for (const { variant, label } of VARIANTS) {
				log(`${label}, concurrency ${concurrency}, ${ITEMS} items`);
				rows.push(await measure(variant, label, concurrency, warmup));
			}
		}
	} finally {
		await warmup.close();
	}
	const rawAt = (c: number) => rows.find((r) => r.variant === 'raw' && r.concurrency === c && !r.problem);
	process.stdout.write(
		[
			`Bench: ${ITEMS} Redshift base-connection creates, emulator latency ${LATENCY_MS} ms per call, Node ${process.version}, ${cpus().length} CPUs.`,
			`"vs raw" = wall time / the raw client's at the same concurrency. Load average (1 min): ${loadAtStart.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end` +
				` (above ${cpus().length}, other processes competed for the CPUs).`,
			'',
			table(
				COLUMNS.map((c) => c.title),
				rows.map((row) => COLUMNS.map((c) => c.cell(row, rawAt(row.concurrency)))),
				COLUMNS.map((c) => c.align),
			),
			'',
		].join('\n'),
	);
	return rows.some((r) => r.problem) ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`Bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	},
);
