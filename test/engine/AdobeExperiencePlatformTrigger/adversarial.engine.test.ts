/**
 * The Adobe Experience Platform Trigger against adversarial sequences of polls (issue 21, findings
 * 1-6, reviewed): many selected dataflows after a quiet period, and other cases found in review.
 * Each poll runs through n8n-core's PollContext / runPollFunction against the emulator.
 */
import { randomUUID } from 'node:crypto';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

import type { StartedEmulator } from '../../emulator';
import { call, getToken, jsonHeaders } from '../../emulator/testkit';
import type { Poller } from '../../support/engine/harness';
import { LeakScanner } from '../../support/engine/leaks';
import { runIds, selected, triggerSuite } from '../../support/trigger/kit';
import { FLOW_SERVICE } from '../../support/engine/support';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('Adobe Experience Platform Trigger: adversarial poll sequences (n8n-core poller)', () => {
	const leaks = new LeakScanner();
	const suite = triggerSuite(leaks);
	const poller = suite.poller;
	let emu: StartedEmulator;
	let flows: string[];
	beforeEach(() => ({ emu, flows } = suite.current()));

	/** Polls `count` times; every fired run ID, in order; a poll error fails the test. */
	async function pollTimes(p: Poller, count: number) {
		const fired: string[] = [];
		for (let i = 0; i < count; i++) {
			const outcome = await p.poll();
			if (outcome.error) throw outcome.error;
			fired.push(...runIds(outcome.emitted));
		}
		return fired;
	}

	it.each([
		['2 selected dataflows', 0],
		['200 selected dataflows (10 listings per slice)', 198],
	])(
		'%s, no run for 4 hours since the stored cursor: a new failure fires within a few polls',
		async (_, others) => {
			const now = Date.now();
			const [last] = emu.seedRuns(flows[0], [
				{ startedAt: now - 4 * HOUR, status: 'success', durationMs: 500 },
			]);
			// What the last poll stored 4 hours ago (the last run then had just started); n8n restarted.
			const staticData = {
				runCursor: {
					v: 2,
					since: now - 4 * HOUR - 15 * MINUTE,
					newest: now - 4 * HOUR,
					width: HOUR,
					seen: { [last]: now - 4 * HOUR },
					pending: {},
				},
			};
			const ids = [...flows, ...Array.from({ length: others }, () => randomUUID())];
			const p = poller(
				{ event: 'runFailed', ...selected(...ids) },
				{ staticData, activation: 'init' },
			);
			const { id } = emu.startRun(flows[1]);
			emu.finishRun(id, { status: 'failed', durationMs: 10 });
			expect(await pollTimes(p, 5)).toEqual([id]);
		},
		60_000,
	);

	/** The trigger with `others` random dataflow IDs besides the two real ones, restarted (init) from `cursor`. */
	const restarted = (others: number, cursor: Record<string, unknown>) =>
		poller(
			{
				event: 'runFailed',
				...selected(...flows, ...Array.from({ length: others }, () => randomUUID())),
			},
			{ staticData: { runCursor: { v: 2, seen: {}, pending: {}, ...cursor } }, activation: 'init' },
		);
	/** `count` failed runs of the first dataflow, the i-th started at `startOf(i)` (epoch ms). */
	const failedRuns = (count: number, startOf: (i: number) => number) =>
		emu.seedRuns(
			flows[0],
			Array.from({ length: count }, (_, i) => ({
				startedAt: startOf(i),
				status: 'failed' as const,
				durationMs: 100,
			})),
		);
	const failedNow = () => {
		const { id } = emu.startRun(flows[1]);
		emu.finishRun(id, { status: 'failed', durationMs: 10 });
		return id;
	};

	it('200 selected dataflows with the slice width a burst left (3.75 min): the width grows again and a new failure fires', async () => {
		const now = Date.now();
		const p = restarted(198, {
			since: now - 20 * MINUTE,
			newest: now - 5 * MINUTE,
			width: 3.75 * MINUTE,
		});
		const id = failedNow();
		expect(await pollTimes(p, 5)).toEqual([id]);
	}, 60_000);

	it('200 selected dataflows, no run for 22 days since the stored cursor: a new failure fires', async () => {
		const now = Date.now();
		const p = restarted(198, {
			since: now - 22 * 24 * HOUR,
			newest: now - 22 * 24 * HOUR + 15 * MINUTE,
			width: 7 * 24 * HOUR,
		});
		const id = failedNow();
		expect(await pollTimes(p, 5)).toEqual([id]);
	}, 60_000);

	it('a burst of 1,200 runs within 10 minutes: each fires once, at most about 1,000 are remembered, and the shortened overlap is warned about', async () => {
		const warn = jest.spyOn(Container.get(Logger), 'warn');
		const p = poller({ event: 'anyRunFinished', ...selected(flows[0]) });
		await p.poll();
		const now = Date.now();
		const burst = failedRuns(1200, (i) => now - 10 * MINUTE + i * 400);
		const fired = await pollTimes(p, 8);
		expect([...fired].sort()).toEqual([...burst].sort());
		const cursor = p.staticData().runCursor as { seen: object };
		expect(Object.keys(cursor.seen).length).toBeLessThanOrEqual(1000);
		const warned = warn.mock.calls.map((c) => String(c[0])).join('\n');
		expect(warned).toMatch(/overlap .*shortened/);
		expect(warned).not.toContain(emu.options.clientSecret);
		process.stdout.write(
			`[trigger static data] after a burst of 1,200 runs: ${JSON.stringify(p.staticData()).length} bytes\n`,
		);
	}, 60_000);

	it('a backlog poll whose 3rd run listing fails (500 after retries) fires nothing and stores nothing; the next polls fire each run once', async () => {
		const now = Date.now();
		const p = poller(
			{ event: 'anyRunFinished', ...selected(flows[0]) },
			{
				staticData: { runCursor: { since: now - 3 * HOUR, boundaryIds: [], pendingIds: [] } },
				activation: 'init',
			},
		);
		const backlog = failedRuns(2500, (i) => now - 2 * HOUR + i * 1000);
		const before = p.staticData();
		let listings = 0;
		emu.onRunListing(() => {
			if (++listings === 2) emu.failNext({ path: /\/runs/ }, 20, { status: 500 });
		});
		const failed = await p.poll();
		emu.onRunListing(undefined);
		emu.clearFaults();
		expect(failed.error).toBeDefined();
		expect(failed.emitted).toHaveLength(0);
		expect(p.staticData()).toEqual(before);
		const fired = await pollTimes(p, 4);
		expect([...fired].sort()).toEqual([...backlog].sort());
	}, 60_000);

	it.each([
		['in the same millisecond', 0],
		['within 52 s, after a quiet overlap', 50],
	])(
		'a burst of 1,050 runs started %s: the trigger works through it, each fires once, and a later run fires',
		async (_, spacing) => {
			const p = poller({ event: 'anyRunFinished', scope: 'all' });
			await p.poll();
			const at = Date.now() - 2 * MINUTE;
			const burst = failedRuns(1050, (i) => at + spacing * i);
			const fired = await pollTimes(p, 8);
			expect([...fired].sort()).toEqual([...burst].sort());
			const { id } = emu.startRun(flows[1]);
			emu.finishRun(id, { status: 'failed', durationMs: 10 });
			expect(await pollTimes(p, 2)).toEqual([id]);
		},
		60_000,
	);

	it.each([
		['ahead of', 14],
		['behind', -14],
	])(
		"Adobe's clock %s n8n's by 14 min: a run that ended just before activation is not replayed; runs right after it fire once",
		async (_, minutes) => {
			emu.setClockOffset(minutes * MINUTE);
			const { id: history } = emu.startRun(flows[0]);
			emu.finishRun(history, { status: 'failed', durationMs: 5 });
			const p = poller({ event: 'runFailed', ...selected(flows[0]) });
			await p.poll();
			const after: string[] = [];
			for (let i = 0; i < 3; i++) {
				const { id } = emu.startRun(flows[i % 2]);
				emu.finishRun(id, { status: 'failed', durationMs: 5 });
				if (i % 2 === 0) after.push(id);
			}
			const fired = await pollTimes(p, 3);
			expect([...fired].sort()).toEqual([...after].sort());
			expect(fired).not.toContain(history);
		},
		60_000,
	);

	it('a dataflow added to Selected Dataflows of an active workflow (saved: update): its runs that ended within the overlap before fire once, older ones do not', async () => {
		const first = poller({ event: 'runFailed', ...selected(flows[0]) });
		await first.poll();
		const now = Date.now();
		const [older, recent] = emu.seedRuns(flows[1], [
			{ startedAt: now - 40 * MINUTE, status: 'failed', durationMs: 5 },
			{ startedAt: now - MINUTE, status: 'failed', durationMs: 5 },
		]);
		await first.poll();
		const saved = poller(
			{ event: 'runFailed', ...selected(flows[0], flows[1]) },
			{ staticData: first.staticData(), activation: 'update' },
		);
		const fired = await pollTimes(saved, 3);
		expect(fired).toEqual([recent]);
		expect(fired).not.toContain(older);
	}, 60_000);

	it("n8n's clock 14 min ahead of Adobe's after 45 quiet minutes: since follows n8n's clock no closer than 30 min, so runs starting now fire, once", async () => {
		emu.setClockOffset(-14 * MINUTE);
		const now = Date.now();
		const p = restarted(0, { since: now - 45 * MINUTE, newest: now - 30 * MINUTE, width: HOUR });
		expect(await pollTimes(p, 1)).toEqual([]);
		const cursor = p.staticData().runCursor as { since: number };
		expect(cursor.since).toBeGreaterThanOrEqual(now - 30 * MINUTE);
		expect(cursor.since).toBeLessThanOrEqual(Date.now() - 30 * MINUTE);
		const ids = [failedNow(), failedNow()];
		expect([...(await pollTimes(p, 3))].sort()).toEqual([...ids].sort());
	}, 60_000);

	it('Event changed from Run Failed to Any Run Finished on an active workflow (update): a success already handled does not fire; later ones do, once', async () => {
		const first = poller({ event: 'runFailed', ...selected(flows[0]) });
		await first.poll();
		const { id: handled } = emu.startRun(flows[0]);
		emu.finishRun(handled, { status: 'success', durationMs: 5 });
		expect(await pollTimes(first, 1)).toEqual([]);
		const saved = poller(
			{ event: 'anyRunFinished', ...selected(flows[0]) },
			{ staticData: first.staticData(), activation: 'update' },
		);
		const { id: later } = emu.startRun(flows[0]);
		emu.finishRun(later, { status: 'success', durationMs: 5 });
		expect(await pollTimes(saved, 3)).toEqual([later]);
	}, 60_000);

	it.each(['activate', 'update'] as const)(
		'a poll of the previous activation still running when the workflow is activated again (%s) fires a run once, not again from the reloaded cursor',
		async (activation) => {
			const parameters = { event: 'runFailed', ...selected(flows[0]) };
			const old = poller(parameters, { workflowId: 'reactivated-workflow' });
			await old.poll();
			// What n8n reloads at reactivation: the static data saved before the slow poll.
			const saved = old.staticData();
			const { id } = emu.startRun(flows[0]);
			emu.finishRun(id, { status: 'failed', durationMs: 5 });
			emu.setLatency(40);
			const slow = old.poll();
			const again = poller(parameters, {
				workflowId: 'reactivated-workflow',
				staticData: saved,
				activation,
			});
			const skipped = await again.poll();
			const late = await slow;
			emu.setLatency(0);
			const fired = [
				...runIds(skipped.emitted),
				...runIds(late.emitted),
				...(await pollTimes(again, 3)),
			];
			expect(fired).toEqual([id]);
		},
		60_000,
	);

	it('a failed run retried (re-trigger: a new run) fires once as the failure and once as the retry that failed again; neither again', async () => {
		const p = poller({ event: 'runFailed', ...selected(flows[0]) });
		await p.poll();
		const { id: original } = emu.startRun(flows[0]);
		emu.finishRun(original, { status: 'failed', durationMs: 5 });
		expect(await pollTimes(p, 1)).toEqual([original]);
		const token = await getToken(emu);
		const res = await call(emu, 'POST', `${FLOW_SERVICE}/runs/${original}/action?op=re-trigger`, {
			headers: jsonHeaders(emu, token),
		});
		const retry = res.json.id as string;
		expect(retry).not.toBe(original);
		expect(await pollTimes(p, 1)).toEqual([]);
		emu.finishRun(retry, { status: 'failed', durationMs: 5 });
		expect(await pollTimes(p, 3)).toEqual([retry]);
	}, 60_000);
});
