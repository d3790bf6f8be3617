/** Variants A (our node in n8n's engine) and B (raw client), each run in a worker process. */
import { join } from 'node:path';

import type { StartedEmulator } from '../../test/emulator';
import { run, tail } from '../../test/e2e/lib/proc';
import { ITEMS, PROJECT, RESULT_PREFIX, accessOf, emulatorCounts, startBenchEmulator, type WorkerJob, type WorkerResult } from './config';
import type { EngineRunResult, MemoryFigures } from './engine';
import type { RawRunResult } from './raw';

const WORKER = join(__dirname, 'worker.ts');
const WORKER_TIMEOUT_MS = 150_000;
const WARMUP_ITEMS = 20;

interface CommonResult {
	wallMs: number;
	items: number;
	failedItems: number;
	firstError?: string;
}

export interface Measured<T extends CommonResult> {
	/** The repetition with the median wall time. */
	result: T;
	/** What the emulator of that repetition saw. */
	tokens: number;
	requests: number;
	created: number;
	/** Wall times of all repetitions, in run order. */
	allMs: number[];
	/** Failed items or missing connections in any repetition. */
	problem?: string;
	memory?: MemoryFigures;
	/** The first POST /connections as the emulator received it, normalised for comparing variants. */
	sample?: RequestSample;
}

export interface RequestSample {
	headers: Record<string, string>;
	body: unknown;
}

/** Headers the HTTP client adds on its own; they say nothing about what the caller sends. */
const TRANSPORT_HEADERS = new Set(['host', 'connection', 'content-length', 'user-agent', 'accept-encoding', 'keep-alive']);

function sampleOf(emulator: StartedEmulator): RequestSample | undefined {
	const post = emulator.requests().find((r) => r.method === 'POST' && r.path.endsWith('/connections'));
	if (!post) return undefined;
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(post.headers).sort(([a], [b]) => a.localeCompare(b))) {
		if (TRANSPORT_HEADERS.has(name)) continue;
		// Tokens differ per run; the shape is what must match.
		headers[name] = name === 'authorization' ? value.replace(/^Bearer \S+$/, 'Bearer <token>') : value;
	}
	let body: unknown;
	try {
		body = { ...(JSON.parse(post.body) as Record<string, unknown>), name: '<item name>' };
	} catch {
		body = post.body;
	}
	return { headers, body };
}

/** Differences between two samples, e.g. ['header x-foo: only in A']; [] when they match. */
export function compareSamples(a: RequestSample, b: RequestSample, labels: [string, string]): string[] {
	const differences: string[] = [];
	for (const name of new Set([...Object.keys(a.headers), ...Object.keys(b.headers)])) {
		if (!(name in b.headers)) differences.push(`header ${name} only in ${labels[0]}`);
		else if (!(name in a.headers)) differences.push(`header ${name} only in ${labels[1]}`);
		else if (a.headers[name] !== b.headers[name]) differences.push(`header ${name}: "${a.headers[name]}" vs "${b.headers[name]}"`);
	}
	if (JSON.stringify(a.body) !== JSON.stringify(b.body)) differences.push('body differs');
	return differences;
}

/**
 * Runs one job in a fresh worker: a warm-up, then `repetitions` measured runs, each against an
 * emulator of its own. Reports the median repetition.
 */
async function measure<T extends CommonResult>(mode: WorkerJob['mode'], concurrency: number, repetitions: number, warmup: StartedEmulator, label: string): Promise<Measured<T>> {
	const emulators: StartedEmulator[] = [];
	try {
		for (let i = 0; i < repetitions; i++) emulators.push(await startBenchEmulator());
		const job: WorkerJob = {
			mode,
			accesses: emulators.map(accessOf),
			warmup: accessOf(warmup),
			warmupCount: WARMUP_ITEMS,
			count: ITEMS,
			concurrency,
			prefix: `Bench ${label}`,
		};
		const args = ['--import', 'tsx'];
		// BENCH_CPU_PROF=<dir>: V8 CPU profiles of each worker in <dir>/<label>/ (the largest file is
		// the main thread; tsx's loader thread writes one too).
		if (process.env.BENCH_CPU_PROF) args.push('--cpu-prof', `--cpu-prof-dir=${join(process.env.BENCH_CPU_PROF, label)}`);
		const child = await run(process.execPath, [...args, WORKER], {
			cwd: PROJECT,
			env: { ...process.env, BENCH_JOB: JSON.stringify(job) },
			timeoutMs: WORKER_TIMEOUT_MS,
		});
		const line = child.stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
		if (child.timedOut) throw new Error(`${label}: worker timed out after ${WORKER_TIMEOUT_MS / 1000} s`);
		if (child.code !== 0 || !line) throw new Error(`${label}: worker exited with ${child.code ?? child.signal}:\n${tail(child.stderr + child.stdout, 15)}`);
		const output = JSON.parse(line.slice(RESULT_PREFIX.length)) as WorkerResult;
		const runs = output.runs as T[];
		const problems: string[] = [];
		runs.forEach((r, i) => {
			const created = emulators[i].connections().length;
			if (r.failedItems > 0) problems.push(`run ${i + 1}: ${r.failedItems} items failed: ${r.firstError ?? '?'}`);
			else if (created !== ITEMS) problems.push(`run ${i + 1}: emulator stored ${created} connections, expected ${ITEMS}`);
		});
		const order = runs.map((_, i) => i).sort((a, b) => runs[a].wallMs - runs[b].wallMs);
		const median = order[Math.floor(order.length / 2)];
		return {
			result: runs[median],
			...emulatorCounts(emulators[median]),
			allMs: runs.map((r) => r.wallMs),
			problem: problems.length ? problems.join('; ') : undefined,
			memory: output.memory as MemoryFigures | undefined,
			sample: sampleOf(emulators[median]),
		};
	} finally {
		await Promise.all(emulators.map((e) => e.close()));
	}
}

export function measureEngine(concurrency: number, repetitions: number, warmup: StartedEmulator): Promise<Measured<EngineRunResult>> {
	return measure<EngineRunResult>('engine', concurrency, repetitions, warmup, `engine-c${concurrency}`);
}

export function measureRaw(concurrency: number, repetitions: number, warmup: StartedEmulator): Promise<Measured<RawRunResult>> {
	return measure<RawRunResult>('raw', concurrency, repetitions, warmup, `raw-c${concurrency}`);
}
