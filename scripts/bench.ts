/**
 * `npm run bench`: 500 Redshift creates against the local Adobe emulator (50 ms per call),
 *   A. our node inside n8n's engine (test/engine/harness.ts) at concurrency 1, 8, 16;
 *   B. a raw axios client sending the same requests (the physical limit), same concurrencies;
 *   C. in a real n8n (1.123.81, e2e cache): n8n's HTTP Request node as a user would wire it, and
 *      our node installed from the packed tarball;
 * plus memory during A, dist/tarball size and package load time. Prints tables and targets; it
 * never asserts timings. Exit 0 unless something broke. Progress goes to stderr, results to stdout.
 * Env: BENCH_SKIP_REAL_N8N=1 skips C; BENCH_CPU_PROF=<dir> writes CPU profiles of the A/B workers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { stopAllDaemons } from '../test/e2e/lib/proc';
import { CONCURRENCIES, ITEMS, LATENCY_MS, startBenchEmulator } from './bench/config';
import type { EngineRunResult } from './bench/engine';
import { distSize, loadTime, packPackage, stageProject, type DistSize, type LoadTime, type PackResult } from './bench/footprint';
import { compareSamples, measureEngine, measureRaw, type Measured } from './bench/local';
import type { RawRunResult } from './bench/raw';
import { REAL_N8N_VERSION, runRealN8n, type RealResult, type RealRun } from './bench/realN8n';
import { kib, mb, perSecond, ratio, seconds, table } from './bench/report';

/** Last-resort bound on the whole run (a fresh machine may first spend minutes installing n8n). */
const OVERALL_TIMEOUT_MS = 40 * 60_000;
const UNBOUNDED = ITEMS; // the raw client with every request in flight at once
/** Short runs are repeated (median reported) because other load on the machine moves them most. */
const repetitions = (concurrency: number) => (concurrency === 1 ? 1 : 3);
const repeated = (m: { allMs: number[] }) =>
	m.allMs.length > 1 ? `, median of ${m.allMs.length} [${m.allMs.map((ms) => seconds(ms)).join(', ')}]` : '';

const startedAt = Date.now();
const log = (line: string) => process.stderr.write(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

async function attempt<T>(label: string, fn: () => Promise<T>): Promise<Outcome<T>> {
	log(label);
	try {
		return { ok: true, value: await fn() };
	} catch (error) {
		log(`  failed: ${message(error)}`);
		return { ok: false, error: message(error) };
	}
}

interface Row {
	variant: string;
	concurrency: string;
	ms: number;
	items: number;
	rawMs?: number;
	tokens?: number;
	requests?: number;
	measured: string;
	problem?: string;
}

/** One line, bounded: error texts may span lines (n8n output tails). */
const oneLine = (text: string) => {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > 240 ? `${flat.slice(0, 240)}…` : flat;
};

function mainTable(rows: Row[]): string {
	return table(
		['variant', 'conc.', 'wall s', 'items/s', 'vs raw', 'tokens', 'requests', 'time measured'],
		rows.map((r) =>
			r.problem && !Number.isFinite(r.ms)
				? [r.variant, r.concurrency, r.problem.startsWith('skipped') ? 'skipped' : 'error', '-', '-', String(r.tokens ?? '-'), String(r.requests ?? '-'), oneLine(r.problem)]
				: [
						r.variant,
						r.concurrency,
						seconds(r.ms),
						perSecond(r.items, r.ms),
						r.rawMs === undefined ? '-' : ratio(r.ms / r.rawMs),
						String(r.tokens ?? '-'),
						String(r.requests ?? '-'),
						r.problem ? `${r.measured}; PROBLEM: ${oneLine(r.problem)}` : r.measured,
					],
		),
		['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
	);
}

function httpLabel(run: RealRun): string {
	return run.batching ? `batch ${run.batching.batchSize} / ${run.batching.batchInterval} ms` : 'defaults';
}

/** How many requests the HTTP Request node has in flight: it fires all items unless an interval paces them. */
function httpConcurrency(run: RealRun): number {
	return run.batching && run.batching.batchInterval > 0 ? run.batching.batchSize : UNBOUNDED;
}

let workDir: string | undefined;

async function main(): Promise<number> {
	const work = mkdtempSync(join(tmpdir(), 'n8n-aep-bench-'));
	workDir = work;
	let broken = false;
	const warmup = await startBenchEmulator(0);
	const loadAtStart = loadavg()[0];
	try {
		log(`work folder ${work}`);
		// Footprint first: the tarball it packs is what real n8n installs later.
		const copy = join(work, 'project');
		const pack = await attempt<PackResult>('npm pack on a copy of the project (prepack: clean + npm run build)', () =>
			packPackage(stageProject(copy), join(work, 'pack')),
		);
		const dist = await attempt<DistSize>('dist size', () => distSize(copy));
		const load = await attempt<LoadTime>('package load time (5 fresh processes each)', () => loadTime(copy, 5));

		const engine = new Map<number, Outcome<Measured<EngineRunResult>>>();
		const raw = new Map<number, Outcome<Measured<RawRunResult>>>();
		// A and B side by side per concurrency, so that load from elsewhere hits both alike.
		for (const c of CONCURRENCIES) {
			engine.set(c, await attempt(`A: our node in n8n's engine, concurrency ${c} (x${repetitions(c)})`, () => measureEngine(c, repetitions(c), warmup)));
			raw.set(c, await attempt(`B: raw axios client, concurrency ${c} (x${repetitions(c)})`, () => measureRaw(c, repetitions(c), warmup)));
		}
		raw.set(UNBOUNDED, await attempt(`B: raw axios client, all ${UNBOUNDED} at once (x${repetitions(UNBOUNDED)})`, () => measureRaw(UNBOUNDED, repetitions(UNBOUNDED), warmup)));

		let real: RealResult;
		if (process.env.BENCH_SKIP_REAL_N8N === '1') {
			real = { version: REAL_N8N_VERSION, runs: [], skipped: 'BENCH_SKIP_REAL_N8N=1' };
		} else {
			const outcome = await attempt(`C: real n8n ${REAL_N8N_VERSION}`, () => runRealN8n(pack.ok ? pack.value.tarball : undefined, work, log));
			real = outcome.ok ? outcome.value : { version: REAL_N8N_VERSION, runs: [], failed: outcome.error };
			if (!outcome.ok) broken = true;
		}

		// ---- rows
		const rawMs = (c: number) => {
			const r = raw.get(c);
			return r?.ok && !r.value.problem ? r.value.result.wallMs : undefined;
		};
		const rows: Row[] = [];
		for (const c of CONCURRENCIES) {
			const r = engine.get(c)!;
			if (!r.ok) {
				rows.push({ variant: 'A our node, n8n engine (harness)', concurrency: String(c), ms: NaN, items: ITEMS, measured: '', problem: r.error });
				continue;
			}
			const v = r.value;
			rows.push({
				variant: 'A our node, n8n engine (harness)',
				concurrency: String(c),
				ms: v.result.wallMs,
				items: ITEMS,
				rawMs: rawMs(c),
				tokens: v.tokens,
				requests: v.requests,
				measured: `runWorkflow wall${repeated(v)} (node executionTime ${seconds(v.result.nodeMs)} s)`,
				problem: v.problem,
			});
		}
		for (const c of [...CONCURRENCIES, UNBOUNDED]) {
			const r = raw.get(c)!;
			const label = c === UNBOUNDED ? `${c} (all)` : String(c);
			if (!r.ok) {
				rows.push({ variant: 'B raw axios client', concurrency: label, ms: NaN, items: ITEMS, measured: '', problem: r.error });
				continue;
			}
			const v = r.value;
			rows.push({
				variant: 'B raw axios client',
				concurrency: label,
				ms: v.result.wallMs,
				items: ITEMS,
				rawMs: v.result.wallMs,
				tokens: v.tokens,
				requests: v.requests,
				measured: `token call + creates, wall${repeated(v)}`,
				problem: v.problem,
			});
		}
		const realPrefix = `C n8n ${real.version}:`;
		const notRun = real.skipped !== undefined ? `skipped: ${real.skipped}` : real.failed !== undefined ? `failed: ${real.failed}` : undefined;
		if (notRun) {
			const row = (variant: string, concurrency: string): Row => ({ variant, concurrency, ms: NaN, items: ITEMS, measured: '', problem: notRun });
			rows.push(...CONCURRENCIES.map((c) => row(`${realPrefix} our node`, String(c))), row(`${realPrefix} HTTP Request node`, '-'));
		}
		for (const run of real.runs) {
			const conc = run.kind === 'ours' ? run.concurrency! : httpConcurrency(run);
			const problem = run.error ?? (run.items !== ITEMS ? `${run.items} output items` : run.created !== ITEMS ? `emulator stored ${run.created} connections` : undefined);
			if (problem) broken = true;
			rows.push({
				variant: run.kind === 'ours' ? `${realPrefix} our node` : `${realPrefix} HTTP Request, ${httpLabel(run)}`,
				concurrency: conc === UNBOUNDED ? `${conc} (all)` : String(conc),
				ms: run.nodeMs,
				items: ITEMS,
				rawMs: rawMs(conc),
				tokens: run.tokens,
				requests: run.requests,
				measured:
					run.kind === 'ours'
						? `node executionTime (n8n execute process ${seconds(run.processMs)} s)`
						: `token + create node executionTime (create alone ${seconds(run.createNodeMs ?? NaN)} s; process ${seconds(run.processMs)} s)`,
				problem,
			});
		}
		for (const r of rows) if (r.problem && !r.problem.startsWith('skipped')) broken = true;

		// ---- output
		const out: string[] = [];
		out.push(
			`Bench: ${ITEMS} Redshift base-connection creates, emulator latency ${LATENCY_MS} ms per call, ` +
				`Node ${process.version}, ${cpus().length} CPUs. "vs raw" = time / raw client time at the same concurrency.`,
			`Load average (1 min): ${loadAtStart.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end. ` +
				`Above ${cpus().length} (the CPU count), other processes competed for the CPUs and the times are inflated.`,
			'',
			mainTable(rows),
			'',
		);

		out.push('Targets (printed, not asserted)');
		const ours: Array<{ label: string; c: number; ms: number; tokens?: number }> = [];
		for (const c of CONCURRENCIES) {
			const r = engine.get(c)!;
			if (r.ok) ours.push({ label: `engine c${c}`, c, ms: r.value.result.wallMs, tokens: r.value.tokens });
		}
		for (const run of real.runs.filter((r) => r.kind === 'ours' && !r.error)) ours.push({ label: `n8n ${real.version} c${run.concurrency}`, c: run.concurrency!, ms: run.nodeMs, tokens: run.tokens });
		const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
		out.push(
			`  our node <= 1.10x raw client at the same concurrency: ` +
				(ours
					.map((o) => {
						const base = rawMs(o.c);
						return base === undefined ? `${o.label} -` : `${o.label} ${ratio(o.ms / base)} ${verdict(o.ms / base <= 1.1)}`;
					})
					.join(' | ') || '-'),
		);
		const httpDefault = real.runs.find((r) => r.kind === 'http' && !r.batching && !r.error);
		out.push(
			httpDefault
				? `  our node >= 5x faster than the HTTP Request node at its defaults (${seconds(httpDefault.nodeMs)} s): ` +
						ours.map((o) => `${o.label} ${ratio(httpDefault.nodeMs / o.ms)} ${verdict(httpDefault.nodeMs / o.ms >= 5)}`).join(' | ')
				: `  our node >= 5x faster than the HTTP Request node at its defaults: - (${oneLine(notRun ?? 'no result')})`,
		);
		out.push(`  1 IMS token per run of our node: ${ours.map((o) => `${o.label} ${o.tokens ?? '-'} ${verdict(o.tokens === 1)}`).join(' | ') || '-'}`);
		out.push(
			'  Note: the HTTP Request node (v4.x) starts every item\'s request before awaiting any, so at its defaults all ' +
				`${ITEMS} are in flight at once; batchInterval 0 disables batching, only an interval > 0 paces it.`,
		);
		out.push('');

		const engineSample = engine.get(1);
		const rawSample = raw.get(1);
		if (engineSample?.ok && rawSample?.ok && engineSample.value.sample && rawSample.value.sample) {
			const differences = compareSamples(engineSample.value.sample, rawSample.value.sample, ['A', 'B']);
			out.push(
				`Request parity, first POST /connections of A c1 vs B c1 (transport headers and the token value ignored): ` +
					(differences.length ? `DIFFERENT: ${differences.join('; ')}` : `same headers (${Object.keys(rawSample.value.sample.headers).join(', ')}) and body`),
				'',
			);
		}

		out.push(
			'Memory of the worker process during A (process.memoryUsage sampled every 10 ms; maxRSS = process.resourceUsage().maxRSS; ' +
				'"before" is after a 20-item warm-up; c8/c16 peaks span their 3 repetitions in one process)',
		);
		out.push(
			table(
				['conc.', 'RSS before', 'RSS peak', 'heapUsed before', 'heapUsed peak', 'maxRSS'],
				CONCURRENCIES.map((c) => {
					const r = engine.get(c)!;
					const m = r.ok ? r.value.memory : undefined;
					return [String(c), mb(m?.baselineRssMb), mb(m?.peakRssMb), mb(m?.baselineHeapMb), mb(m?.peakHeapUsedMb), mb(m?.maxRssMb)];
				}),
				['right', 'right', 'right', 'right', 'right', 'right'],
			),
		);
		out.push('');

		out.push('Package footprint');
		out.push(
			dist.ok
				? `  dist/ after npm pack's prepack (clean + npm run build, on a copy of the project): ${dist.value.duKiB} KiB on disk (du -sk), ${kib(dist.value.bytes)} in ${dist.value.files} files (${dist.value.jsFiles} .js)`
				: `  dist/: error: ${dist.error}`,
		);
		out.push(
			pack.ok
				? `  npm pack tarball: ${kib(pack.value.tarballBytes)} (${pack.value.tarballBytes} bytes)` +
						(pack.value.unpackedBytes !== undefined ? `, unpacked ${kib(pack.value.unpackedBytes)}, ${pack.value.entryCount} entries` : '')
				: `  npm pack: error: ${pack.error}`,
		);
		out.push(
			load.ok
				? `  load time (require + instantiate node and credential, fresh node process, median of 5): ${load.value.coldMs.toFixed(1)} ms cold ` +
						`(n8n-workflow included), ${load.value.preloadedMs.toFixed(1)} ms with n8n-workflow already loaded as in n8n ` +
						`[cold runs: ${load.value.runs.cold.map((v) => v.toFixed(0)).join(', ')}; preloaded: ${load.value.runs.preloaded.map((v) => v.toFixed(0)).join(', ')}]`
				: `  load time: error: ${load.error}`,
		);
		out.push('', `Bench finished in ${((Date.now() - startedAt) / 1000).toFixed(0)} s.`);
		process.stdout.write(`${out.join('\n')}\n`);
		if (!pack.ok || !dist.ok || !load.ok) broken = true;
	} finally {
		await warmup.close();
		await stopAllDaemons();
		rmSync(work, { recursive: true, force: true });
	}
	return broken ? 1 : 0;
}

const guard = setTimeout(() => {
	log(`overall time limit of ${OVERALL_TIMEOUT_MS / 60_000} min reached; stopping`);
	void stopAllDaemons().finally(() => {
		if (workDir) rmSync(workDir, { recursive: true, force: true });
		process.exit(1);
	});
}, OVERALL_TIMEOUT_MS);
guard.unref();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		log(`interrupted (${signal}); stopping child processes`);
		void stopAllDaemons().finally(() => {
			if (workDir) rmSync(workDir, { recursive: true, force: true });
			process.exit(130);
		});
	});
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`Bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	},
);
