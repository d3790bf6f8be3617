/**
 * The bench's Create From Table tables (issue 24): `tables` tables of one base connection into
 * `datasets` datasets, first run and re-run at each concurrency, the CPU split, and the same tables
 * through a gateway rate limit with Adapt to Throttling on. Each scenario gets a fresh emulator
 * (and a fresh warm-up emulator); the worker runs in a child process (fromTableWorker.ts).
 */
import { join } from 'node:path';

import { IMS_TOKEN_PATH, startEmulator, type StartedEmulator } from '../../test/emulator';
import type { RequestLogEntry } from '../../test/emulator';
import { countByKind } from '../../test/support/requestCounts';
import { fromTableTables, seedFromTableSandbox } from '../../test/support/fromTableWorkload';
import { accessOf } from './access';
import { runChild } from './child';
import { perSecond, seconds, table, target, type Align } from './report';
import type {
	FromTableJob,
	FromTableResult,
	FromTableRun,
	FromTableTarget,
} from './fromTableWorker';

const WORKER = join(__dirname, 'fromTableWorker.ts');
const WARMUP_TABLES = 5;

export interface FromTableSettings {
	tables: number;
	datasets: number;
	concurrencies: number[];
	latencyMs: number;
	rateLimit: number;
	/** Tables sent through the gateway limit (0: skipped). */
	rateTables: number;
	rateConcurrency: number;
}

/** Objects of the chain stored more than once for one table (source, flow, mapping set) or dataset (target). */
function duplicatesIn(emu: StartedEmulator): number {
	const extra = (keys: string[]) => keys.length - new Set(keys).size;
	return (
		extra(emu.sourceConnections().map((s) => `${s.baseConnectionId} ${s.params.tableName}`)) +
		extra(emu.targetConnections().map((t) => t.params.dataSetId)) +
		extra(emu.mappingSets().map((m) => m.name ?? m.id)) +
		extra(emu.flows().map((f) => f.sourceConnectionIds.join(',')))
	);
}

const isCreate = (entry: RequestLogEntry) =>
	entry.method === 'POST' && entry.status < 300 && !entry.path.endsWith('/validate');

/** What the emulator saw of one run. */
interface RunRequests {
	/** IMS tokens issued during the run. */
	tokens: number;
	requests: number;
	throttled: number;
	creates: number;
	byKind: Record<string, number>;
}

function requestsOf(entries: RequestLogEntry[], tokenCalls: RequestLogEntry[]): RunRequests {
	return {
		tokens: tokenCalls.filter((e) => e.status === 200).length,
		requests: entries.length,
		throttled: entries.filter((e) => e.throttled).length,
		creates: entries.filter(isCreate).length,
		byKind: countByKind(entries.filter((e) => !e.throttled)),
	};
}

interface Measured {
	label: string;
	concurrency: number;
	tables: number;
	first?: FromTableRun & RunRequests;
	rerun?: FromTableRun & RunRequests;
	split?: FromTableResult['split'];
	tokens: number;
	duplicated: number;
	rateLimit?: number;
	problem?: string;
}

async function sandbox(
	emu: StartedEmulator,
	tables: number,
	datasets: number,
): Promise<FromTableTarget> {
	const { baseConnectionId, datasetIds } = await seedFromTableSandbox(emu, datasets);
	return {
		access: accessOf(emu),
		baseConnectionId,
		datasetIds,
		tables,
	};
}

async function measure(
	label: string,
	settings: FromTableSettings,
	job: Pick<FromTableJob, 'concurrency' | 'rerun' | 'profile'> & { latencyMs: number },
	tables: number,
	rateLimit?: number,
): Promise<Measured> {
	const emu = await startEmulator({ tables: fromTableTables(tables) });
	const warmupEmu = await startEmulator({ tables: fromTableTables(WARMUP_TABLES) });
	try {
		const run = await sandbox(emu, tables, settings.datasets);
		const warmup = await sandbox(warmupEmu, WARMUP_TABLES, 2);
		// Set-up done without latency or limit; the worker's requests are what is counted.
		const seeded = emu.platformRequests().length;
		const seededTokens = emu.tokensIssued();
		const isTokenCall = (e: RequestLogEntry) => e.path === IMS_TOKEN_PATH;
		const seededTokenCalls = emu.requests().filter(isTokenCall).length;
		emu.setLatency(job.latencyMs);
		if (rateLimit) emu.setRateLimit({ perSecond: rateLimit });
		const child = await runChild<FromTableResult>(WORKER, {
			run,
			warmup,
			concurrency: job.concurrency,
			adaptToThrottling: true,
			rerun: job.rerun,
			profile: job.profile,
		} satisfies FromTableJob);
		const sent = emu.platformRequests().slice(seeded);
		const tokenCalls = emu.requests().filter(isTokenCall).slice(seededTokenCalls);
		const measured: Measured = {
			label,
			concurrency: job.concurrency,
			tables,
			tokens: emu.tokensIssued() - seededTokens,
			duplicated: duplicatesIn(emu),
			rateLimit,
		};
		const result = child.result;
		if (!result) return { ...measured, problem: child.problem };
		const splitAt = result.rerunStartedAt ?? Infinity;
		const before = (e: RequestLogEntry) => e.at < splitAt;
		const after = (e: RequestLogEntry) => e.at >= splitAt;
		measured.first = {
			...result.first,
			...requestsOf(sent.filter(before), tokenCalls.filter(before)),
		};
		if (result.rerun)
			measured.rerun = {
				...result.rerun,
				...requestsOf(sent.filter(after), tokenCalls.filter(after)),
			};
		measured.split = result.split;
		const problems = [
			measured.duplicated > 0 && `${measured.duplicated} duplicate chain objects`,
			!rateLimit &&
				result.first.failedItems > 0 &&
				`${result.first.failedItems} items failed: ${result.first.firstError ?? '?'}`,
			result.rerun &&
				result.rerun.failedItems > 0 &&
				`re-run: ${result.rerun.failedItems} items failed: ${result.rerun.firstError ?? '?'}`,
			measured.rerun &&
				measured.rerun.creates > 0 &&
				`re-run created ${measured.rerun.creates} objects`,
			!rateLimit &&
				result.first.itemsCreating !== tables &&
				`${tables - result.first.itemsCreating} items created nothing on the first run`,
		].filter((p): p is string => typeof p === 'string');
		return { ...measured, problem: problems.join('; ') || undefined };
	} finally {
		await emu.close();
		await warmupEmu.close();
	}
}

type Column = { title: string; align: Align; cell: (m: Measured) => string };
const per = (count: number | undefined, tables: number, digits = 2) =>
	count === undefined ? '-' : (count / tables).toFixed(digits);

const SPEED: Column[] = [
	{ title: 'conc.', align: 'right', cell: (m) => String(m.concurrency) },
	{ title: 'first: req/table', align: 'right', cell: (m) => per(m.first?.requests, m.tables) },
	{ title: 'wall s', align: 'right', cell: (m) => seconds(m.first?.wallMs ?? NaN) },
	{ title: 'tables/s', align: 'right', cell: (m) => perSecond(m.tables, m.first?.wallMs ?? NaN) },
	{ title: 'CPU ms/table', align: 'right', cell: (m) => per(m.first?.cpuMs, m.tables, 1) },
	{ title: 're-run: req/table', align: 'right', cell: (m) => per(m.rerun?.requests, m.tables) },
	{ title: 'creates', align: 'right', cell: (m) => String(m.rerun?.creates ?? '-') },
	{ title: 'wall s', align: 'right', cell: (m) => seconds(m.rerun?.wallMs ?? NaN) },
	{ title: 'tables/s', align: 'right', cell: (m) => perSecond(m.tables, m.rerun?.wallMs ?? NaN) },
	{ title: 'CPU ms/table', align: 'right', cell: (m) => per(m.rerun?.cpuMs, m.tables, 1) },
	{
		title: 'IMS tokens',
		align: 'right',
		cell: (m) => `${m.first?.tokens ?? '-'} + ${m.rerun?.tokens ?? '-'}`,
	},
	{ title: 'duplicates', align: 'right', cell: (m) => String(m.duplicated) },
	{ title: 'problem', align: 'left', cell: (m) => m.problem ?? '' },
];

const percent = (part: number, whole: number) =>
	whole > 0 && Number.isFinite(part) ? `${((100 * part) / whole).toFixed(1)}%` : '-';

/** Answered (not 429) requests per second over the run, as a share of the limit. */
const shareOfLimit = (m: Measured) =>
	m.first && m.rateLimit
		? ((m.first.requests - m.first.throttled) * 1000) / m.first.wallMs / m.rateLimit
		: NaN;

const RATED: Column[] = [
	{ title: 'conc.', align: 'right', cell: (m) => String(m.concurrency) },
	{ title: 'wall s', align: 'right', cell: (m) => seconds(m.first?.wallMs ?? NaN) },
	{ title: 'tables/s', align: 'right', cell: (m) => perSecond(m.tables, m.first?.wallMs ?? NaN) },
	{ title: 'requests', align: 'right', cell: (m) => String(m.first?.requests ?? '-') },
	{ title: 'of limit', align: 'right', cell: (m) => percent(shareOfLimit(m), 1) },
	{
		title: 'answered 429',
		align: 'right',
		cell: (m) =>
			m.first ? `${m.first.throttled} (${percent(m.first.throttled, m.first.requests)})` : '-',
	},
	{ title: 'items failed', align: 'right', cell: (m) => String(m.first?.failedItems ?? '-') },
	{ title: 'duplicates', align: 'right', cell: (m) => String(m.duplicated) },
	{ title: 'IMS tokens', align: 'right', cell: (m) => String(m.tokens) },
	{ title: 'problem', align: 'left', cell: (m) => m.problem ?? '' },
];

const render = (columns: Column[], rows: Measured[]) =>
	table(
		columns.map((c) => c.title),
		rows.map((row) => columns.map((c) => c.cell(row))),
		columns.map((c) => c.align),
	);

/** Requests per table of one run by kind, largest first: what the run sends for each table. */
function breakdown(title: string, run: RunRequests | undefined, tables: number): string[] {
	if (!run) return [];
	return [
		`   ${title}:`,
		...Object.entries(run.byKind)
			.sort(([, a], [, b]) => b - a)
			.map(([kind, count]) => `     ${(count / tables).toFixed(3).padStart(7)}  ${kind}`),
	];
}

/** The profiled run's CPU per table (worker CPU time), split in the profile's proportions. */
function cpuLine(m: Measured, tables: number): string {
	const { split, first } = m;
	if (!split || !first) return `-${m.problem ? ` (${m.problem})` : ''}`;
	const perTable = first.cpuMs / tables;
	const busy = split.oursMs + split.restMs + split.runtimeMs;
	const part = (ms: number) => `${((perTable * ms) / busy).toFixed(1)} ms (${percent(ms, busy)})`;
	return `ours (files under nodes/) ${part(split.oursMs)}; n8n and the rest (n8n-core, n8n-workflow, the Code node, axios, the engine harness, Node's modules) ${part(split.restMs)}; V8 runtime with no file on the stack (GC, compiling) ${part(split.runtimeMs)}; worker CPU ${perTable.toFixed(1)} ms per table with the profiler on.`;
}

/** Runs the Create From Table scenarios; returns the printout and whether the bench itself broke. */
export async function benchFromTable(
	settings: FromTableSettings,
	log: (line: string) => void,
	number: number,
): Promise<{ text: string; broken: boolean }> {
	const { tables, concurrencies, latencyMs, rateLimit } = settings;
	const speed: Measured[] = [];
	for (const concurrency of concurrencies) {
		log(`Create From Table, ${tables} tables, concurrency ${concurrency}, first run and re-run`);
		speed.push(
			await measure(
				'latency',
				settings,
				{ concurrency, rerun: true, profile: false, latencyMs },
				tables,
			),
		);
	}
	const top = Math.max(...concurrencies);
	log(`Create From Table, ${tables} tables, concurrency ${top}, CPU profile (no latency)`);
	const profiledRun = await measure(
		'profiled',
		settings,
		{ concurrency: top, rerun: false, profile: true, latencyMs: 0 },
		tables,
	);
	const rated: Measured[] = [];
	if (settings.rateTables > 0) {
		log(`Create From Table, ${settings.rateTables} tables, limit ${rateLimit}/s`);
		rated.push(
			await measure(
				'rated',
				settings,
				{ concurrency: settings.rateConcurrency, rerun: false, profile: false, latencyMs },
				settings.rateTables,
				rateLimit,
			),
		);
	}

	const all = [...speed, profiledRun, ...rated];
	const ok = speed.filter((m) => !m.problem && m.first && m.rerun);
	const worst = (pick: (m: Measured) => number) => Math.max(...ok.map(pick));
	const firstPerTable = ok.length
		? worst((m) => (m.first as RunRequests).requests / m.tables)
		: NaN;
	const rerunPerTable = ok.length
		? worst((m) => (m.rerun as RunRequests).requests / m.tables)
		: NaN;
	const rerunCreates = ok.length ? worst((m) => (m.rerun as RunRequests).creates) : NaN;
	const gateway = rated[0];
	const lines = [
		`${number}. Create From Table: ${tables} tables of one base connection into ${settings.datasets} datasets (Dataflow › Create From Table, hourly, a new node's options; Adapt to Throttling on), emulator latency ${latencyMs} ms per call. Requests are Platform requests (IMS not counted); the re-run sends the same ${tables} items again.`,
		render(SPEED, speed),
		target(
			firstPerTable <= 6.5,
			`first run ≤ 6.5 requests per table: ${firstPerTable.toFixed(2)} (worst concurrency)`,
		),
		target(
			rerunPerTable <= 0.1 && rerunCreates === 0,
			`re-run ≤ 0.1 requests per table and 0 creates: ${rerunPerTable.toFixed(2)} requests per table, ${rerunCreates} creates`,
		),
		target(
			ok.length > 0 && ok.every((m) => (m.first?.tokens ?? 2) <= 1 && (m.rerun?.tokens ?? 2) <= 1),
			`1 IMS token per run: first + re-run ${ok.map((m) => `${m.first?.tokens} + ${m.rerun?.tokens}`).join(', ')} (one worker process runs both: n8n keeps the token, so the re-run needs none)`,
		),
		`   CPU per table, split (first run at concurrency ${top} without latency, a V8 CPU profile of the worker; self time by script file, a built-in's time to its caller's file): ${cpuLine(profiledRun, tables)}`,
		`   Requests per table by kind, concurrency ${speed[0]?.concurrency ?? '-'}:`,
		...breakdown('first run', speed[0]?.first, tables),
		...breakdown('re-run', speed[0]?.rerun, tables),
		'',
		`${number + 1}. The same Create From Table through a gateway limit of ${rateLimit} requests/s (token bucket, burst ${rateLimit}; 429 + Retry-After above it), ${settings.rateTables} tables, Adapt to Throttling on; "of limit" = answered (not 429) requests per second / the limit (the first burst included: a short run exceeds 100%).`,
		gateway
			? [
					render(RATED, rated),
					target(
						shareOfLimit(gateway) >= 0.9 &&
							gateway.first?.failedItems === 0 &&
							gateway.duplicated === 0,
						`≥ 90% of the limit, 0 failed items, 0 duplicates: ${percent(shareOfLimit(gateway), 1)}, ${gateway.first?.failedItems ?? '-'} failed, ${gateway.duplicated} duplicates`,
					),
				].join('\n')
			: '(skipped: BENCH_RATE_TABLES is 0)',
	];
	return { text: lines.join('\n'), broken: all.some((m) => m.problem) };
}
