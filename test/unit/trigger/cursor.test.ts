import {
	activationCursor,
	advanceCursor,
	boundCatchUp,
	INITIAL_WIDTH_MS,
	MAX_CATCH_UP_MS,
	MAX_PENDING,
	MAX_SEEN,
	OVERLAP_MS,
	readCursor,
	reportedStarts,
	type PollReading,
	type RunCursor,
	type SeenRun,
} from '../../../nodes/AdobeExperiencePlatformTrigger/helpers/cursor';
import { sparse } from '../../../nodes/AdobeExperiencePlatformTrigger/helpers/poll';

const T = 1_796_115_600_000;
const done = (id: string, startedAt: number): SeenRun => ({ id, startedAt, finished: true });
const running = (id: string, startedAt: number): SeenRun => ({ id, startedAt, finished: false });

/** A poll of a fake run store as the trigger makes it: pending looked up, everything from `since` listed to the end. */
function poll(cursor: RunCursor, store: SeenRun[]) {
	const listed = store.filter((r) => (r.startedAt ?? -1) >= cursor.since);
	const reading: PollReading = {
		lookedUp: store.filter((r) => r.id in cursor.pending),
		listed,
		done: Infinity,
		last: cursor.since,
		reported: listed.map((r) => r.startedAt as number),
		width: cursor.width,
		now: T,
	};
	return advanceCursor(cursor, reading);
}

const empty = (since: number): RunCursor => ({
	v: 2,
	since,
	width: INITIAL_WIDTH_MS,
	seen: {},
	pending: {},
});

describe('trigger cursor', () => {
	it('activation: finished runs of the overlap window are history, unfinished ones pending, nothing fires', () => {
		const { cursor, dropped } = activationCursor(
			T,
			[done('history', T - 60_000), running('going', T - 30_000)],
			[running('old', T - 3_600_000)],
		);
		expect(dropped).toBe(0);
		expect(cursor).toEqual({
			v: 2,
			since: T - OVERLAP_MS,
			newest: T - 30_000,
			width: INITIAL_WIDTH_MS,
			seen: { history: T - 60_000 },
			pending: { old: T - 3_600_000, going: T - 30_000 },
		});
		const store = [done('history', T - 60_000), done('going', T - 30_000), done('next', T + 5)];
		expect(poll(cursor, store).finished).toEqual(['going', 'next']);
	});

	it("clock skew: a run started before n8n's activation time but after Adobe's still fires, once (n8n 5 min ahead)", () => {
		const adobeNow = T - 5 * 60_000;
		const { cursor } = activationCursor(T, [done('history', adobeNow - 1000)]);
		const store = [done('history', adobeNow - 1000), done('after', adobeNow + 1000)];
		const p1 = poll(cursor, store);
		expect(p1.finished).toEqual(['after']);
		expect(poll(p1.cursor, store).finished).toEqual([]);
	});

	it('fires new finished runs once, oldest start first; re-listed runs of the overlap do not fire again', () => {
		const store = [done('b', T + 20), done('a', T + 10)];
		const p1 = poll(empty(T), store);
		expect(p1.finished).toEqual(['a', 'b']);
		expect(p1.cursor.since).toBe(T);
		expect(p1.cursor.seen).toEqual({ a: T + 10, b: T + 20 });
		expect(poll(p1.cursor, store).finished).toEqual([]);
	});

	it('a run that appears after newer ones (another chunk, mid-poll) fires on the next poll while within the overlap', () => {
		const p1 = poll(empty(T), [done('later', T + 10 * 60_000)]);
		const store = [done('later', T + 10 * 60_000), done('late', T + 60_000)];
		expect(poll(p1.cursor, store).finished).toEqual(['late']);
	});

	it('since follows the newest start Adobe reported minus the overlap, never backwards, and seen keeps only what is listed again', () => {
		const store = [done('a', T + 1000), done('b', T + OVERLAP_MS + 5000)];
		const p1 = poll(empty(T), store);
		expect(p1.cursor.since).toBe(T + 5000);
		expect(p1.cursor.newest).toBe(T + OVERLAP_MS + 5000);
		expect(p1.cursor.seen).toEqual({ b: T + OVERLAP_MS + 5000 });
		const p2 = advanceCursor(p1.cursor, {
			lookedUp: [],
			listed: [],
			done: Infinity,
			last: T + 5000,
			reported: [T],
			width: INITIAL_WIDTH_MS,
			now: T,
		});
		expect(p2.cursor.since).toBe(T + 5000);
	});

	it('since does not pass the end of the slices listed (a backlog continues there)', () => {
		const step = advanceCursor(empty(T), {
			lookedUp: [],
			listed: [done('a', T + 1000)],
			done: T + 3_600_000,
			last: T + 3_600_000,
			reported: [T + 1000, T + 10 * 3_600_000],
			width: 900_000,
			now: T,
		});
		expect(step.finished).toEqual(['a']);
		expect(step.cursor.since).toBe(T + 3_600_000);
		expect(step.cursor.seen).toEqual({});
		expect(step.cursor.width).toBe(900_000);
	});

	it("a quiet period: since follows the slices listed up to twice the overlap behind n8n's clock, so it is not listed again and again", () => {
		const quiet = (done: number, now: number) =>
			advanceCursor(
				{ ...empty(T), newest: T + OVERLAP_MS },
				{ lookedUp: [], listed: [], done, last: done, reported: [], width: INITIAL_WIDTH_MS, now },
			).cursor.since;
		expect(quiet(T + 3 * 3_600_000, T + 4 * 3_600_000)).toBe(T + 3 * 3_600_000);
		expect(quiet(Infinity, T + 4 * 3_600_000)).toBe(T + 4 * 3_600_000 - 2 * OVERLAP_MS);
		// Within twice the overlap of n8n's clock it waits for a start Adobe reports (skew, lateness).
		expect(quiet(Infinity, T + 2 * OVERLAP_MS)).toBe(T);
	});

	it('a poll that stopped short of now keeps where its last slice started (next); Catch Up drops a next below its floor', () => {
		const M = 60_000;
		const step = advanceCursor(empty(T), {
			lookedUp: [],
			listed: [],
			done: T + 20 * M,
			last: T + 20 * M,
			reported: [T + 30 * M],
			width: 5,
			now: T,
		});
		expect(step.cursor).toMatchObject({ since: T + 15 * M, next: T + 20 * M, width: 5 });
		expect(readCursor(JSON.parse(JSON.stringify(step.cursor)))).toEqual(step.cursor);
		expect(readCursor({ ...step.cursor, next: 'x' })).toBeUndefined();
		expect(boundCatchUp(step.cursor, T + MAX_CATCH_UP_MS + 25 * M).next).toBeUndefined();
		expect(boundCatchUp(step.cursor, T + MAX_CATCH_UP_MS + 17 * M).next).toBe(T + 20 * M);
		expect(poll(step.cursor, []).cursor.next).toBeUndefined();
	});

	it('a slice doubles its width when it took at most half of its own pages, whatever the number of listings', () => {
		expect(sparse(5, 1)).toBe(true);
		expect(sparse(6, 1)).toBe(false);
		expect(sparse(10, 10)).toBe(true);
		expect(sparse(35, 35)).toBe(true);
		expect(sparse(39, 35)).toBe(true);
		expect(sparse(40, 35)).toBe(false);
	});

	it('a run seen in progress fires when it finishes, also after since moved past its start', () => {
		const store: SeenRun[] = [running('slow', T + 1)];
		const p1 = poll(empty(T), store);
		expect(p1.cursor.pending).toEqual({ slow: T + 1 });
		store.push(done('later', T + 2 * OVERLAP_MS));
		const p2 = poll(p1.cursor, store);
		expect(p2.finished).toEqual(['later']);
		expect(p2.cursor.since).toBe(T + OVERLAP_MS);
		store[0] = done('slow', T + 1);
		const p3 = poll(p2.cursor, store);
		expect(p3.finished).toEqual(['slow']);
		expect(p3.cursor.pending).toEqual({});
		expect(poll(p3.cursor, store).finished).toEqual([]);
	});

	it('a pending run found both by lookup and in the listing fires once', () => {
		const store: SeenRun[] = [running('x', T + 9)];
		const p1 = poll(empty(T), store);
		store[0] = done('x', T + 9);
		const p2 = poll(p1.cursor, store);
		expect(p2.finished).toEqual(['x']);
		expect(poll(p2.cursor, store).finished).toEqual([]);
	});

	it('forgets a pending run that is not found any more (deleted dataflow)', () => {
		const step = poll({ ...empty(T), pending: { gone: T } }, []);
		expect(step.cursor.pending).toEqual({});
	});

	it('past MAX_PENDING it keeps the oldest pending runs and waits at the first that did not fit: none is lost', () => {
		const store = Array.from({ length: MAX_PENDING + 3 }, (_, i) => running(`r${i}`, T + i));
		store.push(done('afterwards', T + MAX_PENDING + 10));
		const p1 = poll(empty(T), store);
		expect(Object.keys(p1.cursor.pending)).toHaveLength(MAX_PENDING);
		expect(p1.cursor.pending.r0).toBe(T);
		expect(p1.cursor.pending[`r${MAX_PENDING}`]).toBeUndefined();
		expect(p1.deferred).toBe(3);
		expect(p1.finished).toEqual([]);
		expect(p1.cursor.since).toBeLessThanOrEqual(T + MAX_PENDING);
		for (let i = 0; i < store.length - 1; i++) store[i] = done(`r${i}`, T + i);
		const fired = [...poll(p1.cursor, store).finished];
		expect(fired.sort()).toEqual(store.map((r) => r.id).sort());
	});

	it('keeps about MAX_SEEN handled runs: past it since moves up to the older ones', () => {
		const store = Array.from({ length: MAX_SEEN + 50 }, (_, i) => done(`r${i}`, T + i));
		const p1 = poll(empty(T), store);
		expect(p1.finished).toHaveLength(MAX_SEEN + 50);
		expect(Object.keys(p1.cursor.seen)).toHaveLength(MAX_SEEN);
		expect(p1.cursor.since).toBe(T + 50);
		expect(p1.shortenedMs).toBe(50);
		expect(poll(p1.cursor, store).finished).toEqual([]);
		expect(poll(p1.cursor, store).shortenedMs).toBe(0);
	});

	it("since moves only on starts within the overlap of n8n's clock: a start an hour ahead is not trusted", () => {
		expect(reportedStarts([T - 1000, T + OVERLAP_MS, T + 3_600_000, undefined], T)).toEqual([
			T - 1000,
			T + OVERLAP_MS,
		]);
	});

	it('Catch Up after a pause goes back at most MAX_CATCH_UP_MS; a recent cursor is kept as it is', () => {
		const old = { ...empty(T - 30 * 86_400_000), seen: { a: T - 30 * 86_400_000 } };
		expect(boundCatchUp(old, T)).toMatchObject({ since: T - MAX_CATCH_UP_MS, seen: {} });
		const recent = { ...empty(T - 60_000), seen: { b: T - 60_000 } };
		expect(boundCatchUp(recent, T)).toEqual(recent);
	});

	it("reads back its own cursor, migrates the previous version's, and refuses other shapes", () => {
		const cursor: RunCursor = { ...empty(T), newest: T + 5, seen: { a: T }, pending: { b: T - 1 } };
		expect(readCursor(JSON.parse(JSON.stringify(cursor)))).toEqual(cursor);
		expect(readCursor({ since: T, boundaryIds: ['a'], pendingIds: ['b'] })).toEqual({
			v: 2,
			since: T,
			newest: T,
			width: INITIAL_WIDTH_MS,
			seen: { a: T },
			pending: { b: 0 },
		});
		expect(readCursor(undefined)).toBeUndefined();
		expect(readCursor({ since: 'x', boundaryIds: [], pendingIds: [] })).toBeUndefined();
		expect(readCursor({ since: T, boundaryIds: [1], pendingIds: [] })).toBeUndefined();
		expect(readCursor({ ...cursor, seen: { a: 'x' } })).toBeUndefined();
		expect(readCursor({ ...cursor, width: 0 })).toBeUndefined();
	});
});
