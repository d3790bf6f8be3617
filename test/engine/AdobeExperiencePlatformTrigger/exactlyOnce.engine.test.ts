/**
 * The Adobe Experience Platform Trigger's exactly-once promise under load and disorder (issue 21,
 * findings 1-6), driven through n8n-core's PollContext / runPollFunction over several polls against the
 * emulator: a backlog of 10,000 runs, overlapping polls, 21+ dataflows with runs starting
 * mid-poll, reactivation from saved static data, a skewed Adobe clock, more runs in progress than
 * the pending limit, and Fetch Test Event over 21+ dataflows.
 *
 * The figures below are the trigger's documented limits, written out here so that these tests also
 * run against implementations that do not export them.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { INodeParameters, WorkflowActivateMode } from 'n8n-workflow';

import type { RequestLogEntry, StartedEmulator } from '../../emulator';
import { seedDataflows } from '../../support/dataflows';
import type { Poller } from '../../support/engine/harness';
import { LeakScanner } from '../../support/engine/leaks';
import { runIds, selected, triggerSuite } from '../../support/trigger/kit';
import { FLOW_SERVICE } from '../../support/engine/support';

const MINUTE = 60_000;

/** Run listing requests one poll may send: 40 slice pages plus the pending lookups (500 runs, 20 per request). */
const RUN_REQUESTS_PER_POLL = 40 + 500 / 20;
/** Runs in progress the trigger watches by ID. */
const MAX_PENDING = 500;

describe('Adobe Experience Platform Trigger: exactly once (n8n-core poller, several polls)', () => {
	const leaks = new LeakScanner();
	const suite = triggerSuite(leaks);
	const poller = suite.poller;
	let emu: StartedEmulator;
	let flows: string[];
	beforeEach(() => ({ emu, flows } = suite.current()));

	const isRunRequest = (r: RequestLogEntry) => r.path.startsWith(`${FLOW_SERVICE}/runs`);
	/** A run of `flowId` that starts now (Adobe's clock) and ends as `status`. */
	const finishedRun = (flowId: string, status: 'success' | 'failed') => {
		const { id } = emu.startRun(flowId);
		emu.finishRun(id, { status, durationMs: 10 });
		return id;
	};
	/** Polls until a poll fires nothing; every poll's /runs requests are counted. */
	async function pollUntilQuiet(p: Poller, maxPolls = 50) {
		const fired: string[] = [];
		const requestsPerPoll: number[] = [];
		for (let i = 0; i < maxPolls; i++) {
			const before = emu.requests().length;
			const outcome = await p.poll();
			if (outcome.error) throw outcome.error;
			requestsPerPoll.push(emu.requests().slice(before).filter(isRunRequest).length);
			fired.push(...runIds(outcome.emitted));
			if (outcome.emitted.length === 0) break;
		}
		return { fired, requestsPerPoll };
	}
	/** 10,050 finished runs of flows[0] started evenly from `from` (epoch ms) to a minute ago; every third failed. */
	const seedBacklog = (from: number) => {
		const count = 10_050;
		const step = (Date.now() - MINUTE - from) / count;
		const seeded = emu.seedRuns(
			flows[0],
			Array.from({ length: count }, (_, i) => ({
				startedAt: Math.floor(from + i * step),
				status: i % 3 === 0 ? ('failed' as const) : ('success' as const),
				durationMs: 500,
			})),
		);
		return { count, seeded };
	};
	const expectEachOnce = (fired: string[], expected: string[]) => {
		expect(fired).toHaveLength(new Set(fired).size);
		expect([...fired].sort()).toEqual([...expected].sort());
	};

	it.each([
		['over 48 h', 48 * 60],
		['within 20 min', 20],
	])(
		'a backlog of 10,050 runs %s since the stored cursor is worked off across polls, oldest first, each run once, every poll within its request budget',
		async (span, minutes) => {
			const from = Date.now() - (minutes + 1) * MINUTE;
			const { count, seeded } = seedBacklog(from);
			// The previous version's cursor, stored before the downtime: it is read and continued (n8n restarted).
			const p = poller(
				{ event: 'anyRunFinished', ...selected(flows[0]) },
				{
					staticData: { runCursor: { since: from, boundaryIds: [], pendingIds: [] } },
					activation: 'init',
				},
			);
			const started = Date.now();
			const { fired, requestsPerPoll } = await pollUntilQuiet(p);
			const elapsed = Date.now() - started;
			expectEachOnce(fired, seeded);
			// Oldest first: each poll's runs start after the previous poll's.
			const startOf = new Map(seeded.map((id, i) => [id, i]));
			const firstOfPoll = p.history
				.filter((h) => h.emitted.length)
				.map((h) => startOf.get(runIds(h.emitted)[0]) as number);
			expect(firstOfPoll).toEqual([...firstOfPoll].sort((a, b) => a - b));
			for (const n of requestsPerPoll) expect(n).toBeLessThanOrEqual(RUN_REQUESTS_PER_POLL);
			const polls = p.history.filter((h) => h.emitted.length).length;
			// The README's figure (measured here; not asserted as time).
			process.stdout.write(
				`[trigger backlog] ${count} runs ${span} cleared in ${polls} polls (requests per poll: ${requestsPerPoll.join(', ')}; ${elapsed} ms against the local emulator, ${new Date().toISOString()})\n`,
			);
			const later = finishedRun(flows[0], 'failed');
			expect(runIds((await p.poll()).emitted)).toEqual([later]);
		},
		240_000,
	);

	it('two polls started at once on one poller: the second returns nothing and changes nothing; each run fires once', async () => {
		const p = poller({ event: 'anyRunFinished', ...selected(flows[0], flows[1]) });
		await p.poll();
		const runs = [finishedRun(flows[0], 'failed'), finishedRun(flows[1], 'success')];
		emu.setLatency(30);
		const [a, b] = await Promise.all([p.poll(), p.poll()]);
		emu.setLatency(0);
		expect(a.error ?? b.error).toBeUndefined();
		// Each run once first: without the guard both polls fire both runs (the finding), which this names.
		const fired = [...runIds(a.emitted), ...runIds(b.emitted)];
		expectEachOnce(fired, runs);
		expect([a.response, b.response].filter((r) => r === null)).toHaveLength(1);
		expect((await p.poll()).emitted).toHaveLength(0);
	});

	it('a poll whose cursor was replaced while it ran stores nothing and fires nothing: a cursor is never written back older', async () => {
		const p = poller({ event: 'anyRunFinished', ...selected(flows[0]) });
		await p.poll();
		const run = finishedRun(flows[0], 'failed');
		const newer = { ...(p.staticData().runCursor as object), written: 'by another poll' };
		emu.onRunListing(() => p.writeStaticData('runCursor', newer));
		const raced = await p.poll();
		emu.onRunListing(undefined);
		expect(raced.emitted).toHaveLength(0);
		expect(p.staticData().runCursor).toEqual(newer);
		p.writeStaticData('runCursor', { ...newer, written: undefined });
		expect(runIds((await p.poll()).emitted)).toEqual([run]);
	});

	it('21 selected dataflows: a run of the first 20 that starts while the 21st is being listed still fires, once', async () => {
		const more = await seedDataflows(
			emu,
			Array.from({ length: 19 }, (_, i) => `flow ${i + 3}`),
		);
		const all = [...flows, ...more];
		const last = all[20];
		const p = poller({ event: 'anyRunFinished', ...selected(...all) });
		await p.poll();
		let early = '';
		let late = '';
		emu.onRunListing((query) => {
			const filters = query.getAll('property').join('&');
			if (early || !filters.includes(last) || filters.includes(all[0])) return;
			early = finishedRun(all[0], 'failed');
			emu.setClockOffset(5);
			late = finishedRun(last, 'failed');
		});
		const first = await p.poll();
		emu.onRunListing(undefined);
		expect(early).not.toBe('');
		const fired = [...runIds(first.emitted), ...(await pollUntilQuiet(p)).fired];
		expectEachOnce(fired, [early, late]);
	});

	describe('reactivation from saved static data', () => {
		/** A workflow active once (cursor stored), then inactive while runs end. */
		async function paused(afterPause?: string) {
			const parameters: INodeParameters = {
				event: 'runFailed',
				...selected(flows[0]),
				...(afterPause ? { afterPause } : {}),
			};
			const first = poller(parameters, { workflowId: 'paused-workflow' });
			await first.poll();
			const { id: running } = emu.startRun(flows[0]);
			await first.poll();
			const saved = first.staticData();
			// Inactive: runs end, one still going at reactivation.
			const meanwhile = [finishedRun(flows[0], 'failed'), finishedRun(flows[0], 'failed')];
			emu.finishRun(running, { status: 'failed' });
			const { id: stillGoing } = emu.startRun(flows[0]);
			const again = (activation: WorkflowActivateMode) =>
				poller(parameters, { workflowId: 'paused-workflow', staticData: saved, activation });
			return { meanwhile, running, stillGoing, again };
		}

		it('Start From Now: the runs that ended while inactive do not fire; a run in progress at reactivation fires when it ends; new runs fire', async () => {
			const { stillGoing, again } = await paused('startFromNow');
			const p = again('activate');
			expect((await p.poll()).emitted).toHaveLength(0);
			expect((await p.poll()).emitted).toHaveLength(0);
			emu.finishRun(stillGoing, { status: 'failed' });
			const next = finishedRun(flows[0], 'failed');
			expectEachOnce((await pollUntilQuiet(p)).fired, [stillGoing, next]);
		});

		it('Catch Up (the default): each run that ended while inactive fires once, then the run in progress at reactivation', async () => {
			const { meanwhile, running, stillGoing, again } = await paused();
			const p = again('activate');
			const caught = await pollUntilQuiet(p);
			expectEachOnce(caught.fired, [...meanwhile, running]);
			emu.finishRun(stillGoing, { status: 'failed' });
			expectEachOnce((await pollUntilQuiet(p)).fired, [stillGoing]);
		});

		it('Catch Up goes back at most 7 days: a run that ended 9 days ago does not fire', async () => {
			const now = Date.now();
			const [tooOld, inRange] = emu.seedRuns(flows[0], [
				{ startedAt: now - 9 * 24 * 60 * MINUTE, status: 'failed' },
				{ startedAt: now - 6 * 24 * 60 * MINUTE, status: 'failed' },
			]);
			const stored = {
				runCursor: { since: now - 10 * 24 * 60 * MINUTE, boundaryIds: [], pendingIds: [] },
			};
			const p = poller({ event: 'runFailed', ...selected(flows[0]) }, { staticData: stored });
			expectEachOnce((await pollUntilQuiet(p)).fired, [inRange]);
			expect(tooOld).toBeDefined();
		});

		it.each([['catchUp'], ['startFromNow']])(
			'reactivating (%s) after a weekend of 10,050 runs does not fail: Catch Up works the backlog off, each failed run once; Start From Now skips it; a later run fires',
			async (afterPause) => {
				const from = Date.now() - 48 * 60 * MINUTE;
				const { seeded } = seedBacklog(from);
				const p = poller(
					{ event: 'runFailed', ...selected(flows[0]), afterPause },
					{
						workflowId: 'weekend-workflow',
						staticData: { runCursor: { since: from, boundaryIds: [], pendingIds: [] } },
						activation: 'activate',
					},
				);
				const { fired } = await pollUntilQuiet(p);
				expectEachOnce(fired, afterPause === 'catchUp' ? seeded.filter((_, i) => i % 3 === 0) : []);
				const later = finishedRun(flows[0], 'failed');
				expect(runIds((await p.poll()).emitted)).toEqual([later]);
			},
			240_000,
		);

		it('a restart of n8n (init) or a save of the active workflow (update) continues from the cursor, also with Start From Now', async () => {
			for (const activation of ['init', 'update'] as const) {
				const { meanwhile, running, again } = await paused('startFromNow');
				expectEachOnce((await pollUntilQuiet(again(activation))).fired, [...meanwhile, running]);
			}
		});
	});

	it.each([
		['ahead of', 5],
		['behind', -5],
	])(
		"Adobe's clock %s n8n's by 5 min: history is not replayed and runs after activation fire once",
		async (_, minutes) => {
			emu.setClockOffset(minutes * MINUTE);
			const history = finishedRun(flows[0], 'failed');
			const p = poller({ event: 'runFailed', ...selected(flows[0]) });
			await p.poll();
			const after = [finishedRun(flows[0], 'failed'), finishedRun(flows[0], 'failed')];
			const { fired } = await pollUntilQuiet(p);
			expectEachOnce(fired, after);
			expect(fired).not.toContain(history);
		},
	);

	it('more runs in progress than the pending limit: none is dropped, each fires once when it ends, and a warning is logged', async () => {
		const warn = jest.spyOn(Container.get(Logger), 'warn');
		const p = poller({ event: 'anyRunFinished', ...selected(flows[0]) });
		await p.poll();
		const now = Date.now();
		const ids = emu.seedRuns(
			flows[0],
			Array.from({ length: MAX_PENDING + 5 }, (_, i) => ({
				startedAt: now + i,
				status: 'inProgress' as const,
			})),
		);
		expect((await p.poll()).emitted).toHaveLength(0);
		for (const id of ids) emu.finishRun(id, { status: 'failed' });
		expectEachOnce((await pollUntilQuiet(p)).fired, ids);
		expect(warn).toHaveBeenCalledWith(expect.stringMatching(/limit of 500|limit\)/));
		expect(JSON.stringify(warn.mock.calls)).not.toContain(emu.options.clientSecret);
	});

	it('Fetch Test Event with 21 selected dataflows returns the newest matching run of all of them', async () => {
		const more = await seedDataflows(
			emu,
			Array.from({ length: 19 }, (_, i) => `flow ${i + 3}`),
		);
		const all = [...flows, ...more];
		for (let i = 0; i < 12; i++) finishedRun(all[i % 20], 'failed');
		emu.setClockOffset(1000);
		const newest = finishedRun(all[20], 'failed');
		const p = poller({ event: 'runFailed', ...selected(...all) });
		expect(runIds((await p.poll('manual')).emitted)).toEqual([newest]);
	});
});
