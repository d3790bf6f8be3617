/**
 * The bench's trigger table (issue 24): a sandbox of `dataflows` hourly dataflows whose last
 * `hours` hours of runs (one per dataflow and hour, spread over the hour; every third failed) are a
 * backlog behind the trigger's stored cursor. Watching All Dataflows, then Selected Dataflows
 * (`selected` of them, spread over the sandbox): the polls until the backlog is cleared (each
 * run fired once, none lost), then an idle poll. The worker runs in a child process
 * (triggerWorker.ts); the sandbox is seeded once, without latency.
 */
import { join } from 'node:path';

import { startEmulator, type RequestLogEntry, type StartedEmulator } from '../../test/emulator';
import { seedDataflows } from '../../test/support/dataflows';
import { countByKind } from '../../test/support/requestCounts';
import { accessOf } from './access';
import { runChild } from './child';
import { seconds, table, target, type Align } from './report';
import type { PollFigures, TriggerJob } from './triggerWorker';

const WORKER = join(__dirname, 'triggerWorker.ts');
const HOUR = 3_600_000;
/** The trigger's poll interval in the bench (Poll Times: every minute): a poll longer than this overlaps the next. */
const POLL_BUDGET_MS = 60_000;
const IDLE_POLLS = 2;

export interface TriggerSettings {
	dataflows: number;
	/** Finished runs in the backlog (one per dataflow and hour: rounded to whole hours). */
	backlog: number;
	selected: number;
	latencyMs: number;
}

interface Measured {
	label: string;
	watched: number;
	/** Backlog runs of the watched dataflows. */
	expected: number;
	polls: PollFigures[];
	/** Platform requests per poll, by kind. */
	requests: Array<Record<string, number>>;
	lost: number;
	repeated: number;
	/** Fired runs that are not in the backlog. */
	foreign: number;
	problem?: string;
}

/** Seeds the sandbox; answers the dataflow IDs, each dataflow's run IDs, and the cursor's start. */
async function seedSandbox(
	emu: StartedEmulator,
	{ dataflows, backlog }: TriggerSettings,
): Promise<{ flows: string[]; runsOf: Map<string, string[]>; since: number }> {
	const hours = Math.max(1, Math.round(backlog / dataflows));
	const flows = await seedDataflows(
		emu,
		Array.from({ length: dataflows }, (_, i) => `bench flow ${String(i).padStart(4, '0')}`),
	);
	const now = Date.now();
	const spacing = HOUR / dataflows;
	const runsOf = new Map<string, string[]>();
	flows.forEach((flowId, i) => {
		const runs = Array.from({ length: hours }, (_, h) => ({
			startedAt: Math.floor(now - 60_000 - i * spacing - h * HOUR),
			status: (i + h) % 3 === 0 ? ('failed' as const) : ('success' as const),
			durationMs: 500,
		}));
		runsOf.set(flowId, emu.seedRuns(flowId, runs));
	});
	return { flows, runsOf, since: now - 60_000 - hours * HOUR - 60_000 };
}

async function measure(
	emu: StartedEmulator,
	label: string,
	watched: string[] | undefined,
	runsOf: Map<string, string[]>,
	since: number,
): Promise<Measured> {
	const expected = (watched ?? [...runsOf.keys()]).flatMap((id) => runsOf.get(id) ?? []);
	const parameters = watched
		? {
				scope: 'selected',
				dataflows: {
					items: watched.map((id) => ({ dataflowId: { __rl: true, mode: 'list', value: id } })),
				},
			}
		: { scope: 'all' };
	const child = await runChild<PollFigures[]>(WORKER, {
		access: accessOf(emu),
		parameters,
		since,
		maxPolls: 200,
		idlePolls: IDLE_POLLS,
	} satisfies TriggerJob);
	const polls = child.result ?? [];
	const log = emu.platformRequests();
	const requests = polls.map((p) =>
		countByKind(log.filter((e: RequestLogEntry) => e.at >= p.startedAt && e.at <= p.endedAt)),
	);
	const fired = polls.flatMap((p) => p.fired);
	const firedSet = new Set(fired);
	const expectedSet = new Set(expected);
	const measured: Measured = {
		label,
		watched: watched?.length ?? runsOf.size,
		expected: expected.length,
		polls,
		requests,
		lost: expected.filter((id) => !firedSet.has(id)).length,
		repeated: fired.length - firedSet.size,
		foreign: [...firedSet].filter((id) => !expectedSet.has(id)).length,
	};
	const problems = [
		child.problem,
		polls.find((p) => p.error)?.error,
		measured.lost > 0 && `${measured.lost} runs lost`,
		measured.repeated > 0 && `${measured.repeated} runs fired twice`,
		measured.foreign > 0 && `${measured.foreign} runs of unwatched dataflows fired`,
	].filter((p): p is string => typeof p === 'string' && p !== '');
	return { ...measured, problem: problems.join('; ') || undefined };
}

const total = (counts: Record<string, number> | undefined) =>
	counts ? Object.values(counts).reduce((a, b) => a + b, 0) : NaN;

/** The polls that fired something (the backlog) and the last, idle poll. */
const backlogPolls = (m: Measured) => m.polls.filter((p) => p.fired.length > 0);
const idleIndex = (m: Measured) => m.polls.length - 1;

type Column = { title: string; align: Align; cell: (m: Measured) => string };
const COLUMNS: Column[] = [
	{ title: 'Watch', align: 'left', cell: (m) => m.label },
	{ title: 'dataflows', align: 'right', cell: (m) => String(m.watched) },
	{
		title: 'idle poll: requests',
		align: 'right',
		cell: (m) => String(total(m.requests[idleIndex(m)])),
	},
	{ title: 's', align: 'right', cell: (m) => seconds(m.polls[idleIndex(m)]?.ms ?? NaN) },
	{ title: 'backlog runs', align: 'right', cell: (m) => String(m.expected) },
	{ title: 'polls to clear', align: 'right', cell: (m) => String(backlogPolls(m).length) },
	{
		title: 's per poll (mean / max)',
		align: 'right',
		cell: (m) => {
			const ms = backlogPolls(m).map((p) => p.ms);
			return ms.length
				? `${seconds(ms.reduce((a, b) => a + b, 0) / ms.length)} / ${seconds(Math.max(...ms))}`
				: '-';
		},
	},
	{
		title: 'requests per poll (max)',
		align: 'right',
		cell: (m) => {
			const n = m.polls.map((p, i) => (p.fired.length ? total(m.requests[i]) : 0));
			return n.length ? String(Math.max(...n)) : '-';
		},
	},
	{ title: 'fired', align: 'right', cell: (m) => String(m.polls.flatMap((p) => p.fired).length) },
	{ title: 'lost', align: 'right', cell: (m) => String(m.lost) },
	{ title: 'repeated', align: 'right', cell: (m) => String(m.repeated) },
	{ title: 'problem', align: 'left', cell: (m) => m.problem ?? '' },
];

/** Runs the trigger scenarios; returns the printout and whether the bench itself broke. */
export async function benchTrigger(
	settings: TriggerSettings,
	log: (line: string) => void,
	number: number,
): Promise<{ text: string; broken: boolean }> {
	const emu = await startEmulator();
	const rows: Measured[] = [];
	try {
		log(`Trigger: seeding ${settings.dataflows} dataflows and their runs`);
		const { flows, runsOf, since } = await seedSandbox(emu, settings);
		emu.setLatency(settings.latencyMs);
		log(`Trigger: All Dataflows over ${flows.length} dataflows`);
		rows.push(await measure(emu, 'All Dataflows', undefined, runsOf, since));
		const step = Math.max(1, Math.floor(flows.length / settings.selected));
		const chosen = flows.filter((_, i) => i % step === 0).slice(0, settings.selected);
		log(`Trigger: Selected Dataflows, ${chosen.length} of ${flows.length}`);
		rows.push(await measure(emu, 'Selected Dataflows', chosen, runsOf, since));
	} finally {
		await emu.close();
	}
	const all = rows[0];
	const idleAll = total(all?.requests[idleIndex(all)]);
	const slowest = Math.max(...rows.flatMap((m) => m.polls.map((p) => p.ms)));
	const idleKinds = (m: Measured) =>
		Object.entries(m.requests[idleIndex(m)] ?? {})
			.map(([kind, n]) => `${n} × ${kind}`)
			.join(', ');
	const lines = [
		`${number}. Trigger (Run Finished, polling every minute) over a sandbox of ${settings.dataflows} hourly dataflows, emulator latency ${settings.latencyMs} ms per call. Backlog: each dataflow's runs of the last ${Math.round(settings.backlog / settings.dataflows)} hours, behind a cursor stored before them (n8n restarted); polled until a poll fires nothing, then ${IDLE_POLLS} idle polls (the last one shown; about ${Math.round((settings.dataflows * 15) / 60)} runs of the sandbox started within the trigger's 15-minute overlap, so it lists them again).`,
		table(
			COLUMNS.map((c) => c.title),
			rows.map((row) => COLUMNS.map((c) => c.cell(row))),
			COLUMNS.map((c) => c.align),
		),
		...rows.map((m) => `   ${m.label}, idle poll: ${idleKinds(m) || '-'}`),
		target(
			idleAll <= 2,
			`idle poll over ${settings.dataflows} dataflows with All Dataflows ≤ 2 requests: ${idleAll}`,
		),
		target(
			rows.length > 0 &&
				rows.every((m) => !m.problem && m.lost === 0 && m.repeated === 0) &&
				slowest <= POLL_BUDGET_MS,
			`backlog cleared with no poll over its time budget (the ${POLL_BUDGET_MS / 1000} s poll interval) and no run lost or repeated: slowest poll ${seconds(slowest)} s, lost ${rows.map((m) => m.lost).join(' / ')}, repeated ${rows.map((m) => m.repeated).join(' / ')}`,
		),
	];
	return { text: lines.join('\n'), broken: rows.some((m) => m.problem) };
}
