/**
 * `npm run bench`: our nodes against the local Adobe emulator, printed as tables side by side in
 * one run, issue 24's targets next to their figures with ✅/❌ (never asserts timings):
 * 1. BENCH_ITEMS Redshift base-connection creates (BENCH_LATENCY_MS per call) by our node in
 *    n8n-core's engine (a new node's defaults: Reuse It, Adapt to Throttling on) and by a raw axios
 *    client sending only the creates, with keep-alive (the physical limit) and with a new
 *    connection per request (as n8n-core sends every node's requests), at each concurrency of
 *    BENCH_CONCURRENCY;
 * 2. requests per created connection, Create Another and Reuse It, at the highest concurrency;
 * 3. against a gateway limit of BENCH_RATE_LIMIT requests/s (429 + Retry-After above it):
 *    BENCH_RATE_ITEMS creates at concurrency BENCH_RATE_CONCURRENCY, Adapt to Throttling on and off:
 *    throughput as a share of the limit, share of requests answered 429, items lost or duplicated
 *    (skipped when BENCH_RATE_ITEMS fits in the burst, as in the 20-item CI smoke);
 * 4-5. Create From Table over BENCH_TABLES tables into BENCH_DATASETS datasets, first run and
 *    re-run at each concurrency of BENCH_TABLE_CONCURRENCY, then BENCH_RATE_TABLES of them through
 *    the gateway limit (bench/fromTable.ts);
 * 6. the trigger over BENCH_DATAFLOWS dataflows with a backlog of BENCH_BACKLOG runs, All Dataflows
 *    and BENCH_SELECTED Selected Dataflows (bench/trigger.ts).
 * Exit 1 only when the bench itself broke: a worker failed, (where nothing is throttled) an item
 * failed or the emulator did not store one connection per item, a duplicate was stored, a re-run
 * created something, or the trigger lost or repeated a run.
 *
 * Env: BENCH_ITEMS (default 500), BENCH_CONCURRENCY (default "1,8,16"), BENCH_LATENCY_MS (default 50),
 * BENCH_RATE_LIMIT (default 20), BENCH_RATE_ITEMS (default BENCH_ITEMS), BENCH_RATE_CONCURRENCY (default 16),
 * BENCH_TABLES (default 200), BENCH_TABLE_CONCURRENCY (default "1,4,8"), BENCH_DATASETS (default 10),
 * BENCH_RATE_TABLES (default BENCH_TABLES; 0 skips), BENCH_RATE_TABLE_CONCURRENCY (default 8),
 * BENCH_DATAFLOWS (default 1000), BENCH_BACKLOG (default 10000), BENCH_SELECTED (default 100).
 * To add a figure: add a column to a table's columns (it gets each row's Measured), or another table.
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

import { startEmulator, type StartedEmulator } from '../test/emulator';
import { accessOf } from './bench/access';
import { runChild } from './bench/child';
import { benchFromTable } from './bench/fromTable';
import { benchTrigger } from './bench/trigger';
import { perSecond, ratio, seconds, table, target, type Align } from './bench/report';
import type { RateLimit } from '../test/emulator/core/rateLimit';
import type { Variant, WorkerJob, WorkerResult } from './bench/worker';
import { CONNECTIONS_PATH, DEFAULT_NODE_SETTINGS, type NodeSettings } from './bench/workload';

function envNumbers(name: string, fallback: string): number[] {
	const values = (process.env[name] ?? fallback).split(',').map((v) => Number(v.trim()));
	if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < 0))
		throw new Error(`${name} must be whole numbers separated by commas`);
	return values;
}

const [ITEMS] = envNumbers('BENCH_ITEMS', '500');
const CONCURRENCIES = envNumbers('BENCH_CONCURRENCY', '1,8,16');
const [LATENCY_MS] = envNumbers('BENCH_LATENCY_MS', '50');
const [RATE_LIMIT] = envNumbers('BENCH_RATE_LIMIT', '20');
const [RATE_ITEMS] = envNumbers('BENCH_RATE_ITEMS', String(ITEMS));
const [RATE_CONCURRENCY] = envNumbers('BENCH_RATE_CONCURRENCY', '16');
const [TABLES] = envNumbers('BENCH_TABLES', '200');
const TABLE_CONCURRENCIES = envNumbers('BENCH_TABLE_CONCURRENCY', '1,4,8');
const [DATASETS] = envNumbers('BENCH_DATASETS', '10');
const [RATE_TABLES] = envNumbers('BENCH_RATE_TABLES', String(TABLES));
const [RATE_TABLE_CONCURRENCY] = envNumbers('BENCH_RATE_TABLE_CONCURRENCY', '8');
const [DATAFLOWS] = envNumbers('BENCH_DATAFLOWS', '1000');
const [BACKLOG] = envNumbers('BENCH_BACKLOG', '10000');
const [SELECTED] = envNumbers('BENCH_SELECTED', '100');
const WARMUP_ITEMS = 20;
const WORKER = join(__dirname, 'bench', 'worker.ts');

/** One bench run: who creates, how many, how, and what the emulator does. */
interface Scenario {
	variant: Variant;
	label: string;
	concurrency: number;
	items: number;
	settings: NodeSettings;
	rateLimit?: RateLimit;
}

/** One scenario's figures: the worker's plus what the emulator saw. */
interface Measured extends WorkerResult, Scenario {
	tokens: number;
	/** Platform requests (IMS not included). */
	requests: number;
	/** Platform requests answered 429 by the rate limit. */
	throttled: number;
	created: number;
	/** Connection names stored more than once. */
	duplicated: number;
	/** Why this row does not count (the bench broke); undefined when all went well. */
	problem?: string;
}

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function measure(scenario: Scenario, warmup: StartedEmulator): Promise<Measured> {
	const { variant, concurrency, items, settings, rateLimit } = scenario;
	const emulator = await startEmulator({ hosting: 'aws', latencyMs: LATENCY_MS, rateLimit });
	try {
		const prefix = `Bench ${variant} c${concurrency} ${settings.ifExists}${rateLimit ? ` r${rateLimit.perSecond}` : ''}`;
		const job: WorkerJob = {
			variant,
			access: accessOf(emulator),
			warmup: accessOf(warmup),
			warmupCount: WARMUP_ITEMS,
			count: items,
			concurrency,
			prefix,
			settings,
		};
		const child = await runChild<WorkerResult>(WORKER, job);
		const platform = emulator.platformRequests();
		const stored = emulator.connections();
		const counts = {
			tokens: emulator.tokensIssued(),
			requests: platform.length,
			throttled: platform.filter((r) => r.throttled).length,
			created: stored.length,
			duplicated: stored.length - new Set(stored.map((c) => c.name)).size,
		};
		const result = child.result;
		if (!result)
			return { ...scenario, wallMs: NaN, failedItems: items, ...counts, problem: child.problem };
		// Against a rate limit, items may fail (pacing off); that is a figure, not a broken bench.
		const problem =
			counts.duplicated > 0
				? `${counts.duplicated} duplicate connections`
				: rateLimit
					? undefined
					: result.failedItems > 0
						? `${result.failedItems} items failed: ${result.firstError ?? '?'}`
						: counts.created !== items
							? `emulator stored ${counts.created} connections, expected ${items}`
							: undefined;
		return { ...scenario, ...result, ...counts, problem };
	} finally {
		await emulator.close();
	}
}

/** A row's raw-client row of `variant` at the same concurrency (table 1 only). */
type RawOf = (m: Measured, variant: Variant) => Measured | undefined;

type Columns = Array<{
	title: string;
	align: Align;
	cell: (m: Measured, rawOf: RawOf) => string;
}>;

const percent = (part: number, whole: number) =>
	whole > 0 && Number.isFinite(part) ? `${((100 * part) / whole).toFixed(1)}%` : '-';
const problemColumn: Columns[number] = {
	title: 'problem',
	align: 'left',
	cell: (m) => m.problem ?? '',
};
/** The first column: each row's label, under `title`. */
const labelColumn = (title: string): Columns[number] => ({
	title,
	align: 'left',
	cell: (m) => m.label,
});
/** A right-aligned column of one count of the row. */
const countColumn = (
	title: string,
	key: 'concurrency' | 'tokens' | 'requests' | 'created' | 'failedItems' | 'duplicated',
): Columns[number] => ({ title, align: 'right', cell: (m) => String(m[key]) });
const concurrencyColumn = countColumn('conc.', 'concurrency');
const tokensColumn = countColumn('IMS tokens', 'tokens');
const requestsColumn = countColumn('requests', 'requests');
const wallColumn: Columns[number] = {
	title: 'wall s',
	align: 'right',
	cell: (m) => seconds(m.wallMs),
};

/** Our node's wall time / a raw client's (our rows only). */
const vsRaw = (m: Measured, raw: Measured | undefined) =>
	raw && m.variant === 'engine' ? ratio(m.wallMs / raw.wallMs) : '-';

/** Table 1: each row and the raw clients' rows at the same concurrency. */
const SPEED_COLUMNS: Columns = [
	labelColumn('variant'),
	concurrencyColumn,
	wallColumn,
	{ title: 'items/s', align: 'right', cell: (m) => perSecond(m.items, m.wallMs) },
	{
		title: 'vs raw keep-alive',
		align: 'right',
		cell: (m, rawOf) => vsRaw(m, rawOf(m, 'raw')),
	},
	{ title: 'vs raw new conn.', align: 'right', cell: (m, rawOf) => vsRaw(m, rawOf(m, 'raw-new')) },
	tokensColumn,
	requestsColumn,
	problemColumn,
];

/** Table 2: what each create costs in requests. */
const REQUEST_COLUMNS: Columns = [
	labelColumn('If a Connection With This Name Exists'),
	concurrencyColumn,
	countColumn('created', 'created'),
	requestsColumn,
	{
		title: 'per created connection',
		align: 'right',
		cell: (m) => (m.created ? (m.requests / m.created).toFixed(3) : '-'),
	},
	tokensColumn,
	problemColumn,
];

/** Table 3: against the gateway's rate limit. */
const RATE_COLUMNS: Columns = [
	labelColumn('Adapt to Throttling'),
	concurrencyColumn,
	wallColumn,
	{ title: 'created/s', align: 'right', cell: (m) => perSecond(m.created, m.wallMs) },
	{
		title: 'of limit',
		align: 'right',
		cell: (m) => percent((m.created * 1000) / m.wallMs, m.rateLimit?.perSecond ?? NaN),
	},
	requestsColumn,
	{
		title: 'answered 429',
		align: 'right',
		cell: (m) => `${m.throttled} (${percent(m.throttled, m.requests)})`,
	},
	countColumn('items failed', 'failedItems'),
	countColumn('duplicates', 'duplicated'),
	tokensColumn,
	problemColumn,
];

const render = (columns: Columns, rows: Measured[], rawOf: RawOf = () => undefined) =>
	table(
		columns.map((c) => c.title),
		rows.map((row) => columns.map((c) => c.cell(row, rawOf))),
		columns.map((c) => c.align),
	);

/** Issue 24's target for table 1: at concurrency 16 (else the highest run), ≤ 1.15x the raw client with a new connection per request. */
function baseConnectionTarget(speed: Measured[], rawAt: RawOf): string {
	const top = Math.max(...speed.map((m) => m.concurrency));
	const at = CONCURRENCIES.includes(16) ? 16 : top;
	const node = speed.find((m) => m.variant === 'engine' && m.concurrency === at && !m.problem);
	const fresh = node && rawAt(node, 'raw-new');
	const kept = node && rawAt(node, 'raw');
	const ratioTo = (raw: Measured | undefined) => (node && raw ? node.wallMs / raw.wallMs : NaN);
	return target(
		ratioTo(fresh) <= 1.15,
		`base connection at concurrency ${at}${at === 16 ? '' : ' (16 not run)'} ≤ 1.15x the raw client with a new connection per request: ${ratio(ratioTo(fresh))} (keep-alive raw client: ${ratio(ratioTo(kept))})`,
	);
}

async function main(): Promise<number> {
	const loadAtStart = loadavg()[0];
	const warmup = await startEmulator({ hosting: 'aws' });
	const speed: Measured[] = [];
	const costs: Measured[] = [];
	const rated: Measured[] = [];
	const top = Math.max(...CONCURRENCIES);
	const run = async (into: Measured[], scenario: Scenario) => {
		log(
			`${scenario.label}, concurrency ${scenario.concurrency}, ${scenario.items} items${scenario.rateLimit ? `, limit ${scenario.rateLimit.perSecond}/s` : ''}`,
		);
		const measured = await measure(scenario, warmup);
		into.push(measured);
		return measured;
	};
	try {
		// Both variants side by side per concurrency, so that load from elsewhere hits both alike.
		for (const concurrency of CONCURRENCIES) {
			await run(speed, {
				variant: 'raw',
				label: 'raw axios client, keep-alive',
				concurrency,
				items: ITEMS,
				settings: DEFAULT_NODE_SETTINGS,
			});
			await run(speed, {
				variant: 'raw-new',
				label: 'raw axios client, new connection per request (as n8n-core)',
				concurrency,
				items: ITEMS,
				settings: DEFAULT_NODE_SETTINGS,
			});
			const node = await run(speed, {
				variant: 'engine',
				label: "our node in n8n's engine",
				concurrency,
				items: ITEMS,
				settings: DEFAULT_NODE_SETTINGS,
			});
			if (concurrency === top) costs.push({ ...node, label: 'Reuse It (default of new nodes)' });
		}
		await run(costs, {
			variant: 'engine',
			label: 'Create Another (default of version 1 nodes)',
			concurrency: top,
			items: ITEMS,
			settings: { ...DEFAULT_NODE_SETTINGS, ifExists: 'create' },
		});
		const rateLimit = { perSecond: RATE_LIMIT };
		// Within the gateway's burst nothing is throttled: the table would say nothing (the CI smoke).
		for (const adaptToThrottling of RATE_ITEMS > RATE_LIMIT ? [true, false] : []) {
			await run(rated, {
				variant: 'engine',
				label: adaptToThrottling ? 'on (default)' : 'off',
				concurrency: RATE_CONCURRENCY,
				items: RATE_ITEMS,
				settings: { ...DEFAULT_NODE_SETTINGS, adaptToThrottling },
				rateLimit,
			});
		}
	} finally {
		await warmup.close();
	}
	const fromTable = await benchFromTable(
		{
			tables: TABLES,
			datasets: DATASETS,
			concurrencies: TABLE_CONCURRENCIES,
			latencyMs: LATENCY_MS,
			rateLimit: RATE_LIMIT,
			rateTables: RATE_TABLES,
			rateConcurrency: RATE_TABLE_CONCURRENCY,
		},
		log,
		4,
	);
	const trigger = await benchTrigger(
		{ dataflows: DATAFLOWS, backlog: BACKLOG, selected: SELECTED, latencyMs: LATENCY_MS },
		log,
		6,
	);
	const rawAt: RawOf = (m, variant) =>
		speed.find((r) => r.variant === variant && r.concurrency === m.concurrency && !r.problem);
	process.stdout.write(
		[
			`Bench: Redshift base-connection creates (POST ${CONNECTIONS_PATH}), emulator latency ${LATENCY_MS} ms per call, Node ${process.version}, ${cpus().length} CPUs.`,
			`Our node runs a new node's defaults (Reuse It, Adapt to Throttling on) unless a table says otherwise.`,
			`Load average (1 min): ${loadAtStart.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end (above ${cpus().length}, other processes competed for the CPUs).`,
			'',
			`1. ${ITEMS} creates; "vs raw …" = wall time / the raw client's at the same concurrency (the raw clients send only the POSTs; n8n-core gives each request of a node a new connection).`,
			render(SPEED_COLUMNS, speed, rawAt),
			baseConnectionTarget(speed, rawAt),
			'',
			`2. Requests per created connection (platform requests, IMS not counted), ${ITEMS} new names, no faults.`,
			render(REQUEST_COLUMNS, costs),
			'',
			`3. Gateway limit ${RATE_LIMIT} requests/s (token bucket, burst ${RATE_LIMIT}; 429 + Retry-After above it), ${RATE_ITEMS} creates, Reuse It; "of limit" = created per second / the limit.`,
			rated.length
				? render(RATE_COLUMNS, rated)
				: `(skipped: ${RATE_ITEMS} creates fit in the gateway's burst of ${RATE_LIMIT}; set BENCH_RATE_ITEMS above it)`,
			'',
			fromTable.text,
			'',
			trigger.text,
			'',
		].join('\n'),
	);
	return [...speed, ...costs, ...rated].some((r) => r.problem) || fromTable.broken || trigger.broken
		? 1
		: 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(
			`Bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
		);
		process.exit(1);
	},
);
