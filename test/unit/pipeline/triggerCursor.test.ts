import {
	advanceCursor,
	MAX_PENDING,
	readCursor,
	startCursor,
	type RunCursor,
	type SeenRun,
} from '../../../nodes/shared/pipeline/runCursor';

const T = 1_796_115_600_000;
const done = (id: string, startedAt: number): SeenRun => ({ id, startedAt, finished: true });
const running = (id: string, startedAt: number): SeenRun => ({ id, startedAt, finished: false });

/** Polls a fake run store the way the trigger does: list started >= since, look up pending. */
function poll(cursor: RunCursor, store: SeenRun[]) {
	const listed = store.filter((r) => (r.startedAt ?? -1) >= cursor.since);
	const lookedUp = store.filter((r) => cursor.pendingIds.includes(r.id));
	return advanceCursor(cursor, listed, lookedUp);
}

describe('run cursor', () => {
	it('starts after now with nothing remembered', () => {
		expect(startCursor(T)).toEqual({ since: T + 1, boundaryIds: [], pendingIds: [] });
	});

	it("history that started in the activation's own millisecond is not replayed; a run still going then fires when done", () => {
		const store: SeenRun[] = [done('history', T), running('going', T), done('next', T + 1)];
		const p1 = poll(startCursor(T, ['going']), store);
		expect(p1.finished).toEqual(['next']);
		store[1] = done('going', T);
		expect(poll(p1.cursor, store).finished).toEqual(['going']);
	});

	it('a run in progress at activation fires when it finishes, though it started before', () => {
		const store: SeenRun[] = [running('old', T - 60_000), done('history', T - 120_000)];
		const p1 = poll(startCursor(T, ['old']), store);
		expect(p1.finished).toEqual([]);
		store[0] = done('old', T - 60_000);
		expect(poll(p1.cursor, store).finished).toEqual(['old']);
	});

	it('fires new finished runs once, oldest start first, and moves the cursor to the newest start', () => {
		const step = advanceCursor(startCursor(T), [done('b', T + 20), done('a', T + 10)], []);
		expect(step.finished).toEqual(['a', 'b']);
		expect(step.cursor).toEqual({ since: T + 20, boundaryIds: ['b'], pendingIds: [] });
		// The `>=` listing returns b again: it is not fired twice.
		expect(advanceCursor(step.cursor, [done('b', T + 20)], []).finished).toEqual([]);
	});

	it('same-millisecond boundary: a run starting at the cursor time after the poll still fires, the handled one does not', () => {
		const first = advanceCursor(startCursor(T), [done('a', T + 5)], []);
		const second = advanceCursor(first.cursor, [done('a', T + 5), done('c', T + 5)], []);
		expect(second.finished).toEqual(['c']);
		expect(second.cursor.boundaryIds.sort()).toEqual(['a', 'c']);
		expect(advanceCursor(second.cursor, [done('a', T + 5), done('c', T + 5)], []).finished).toEqual(
			[],
		);
	});

	it('a run seen in progress fires when it finishes, also after the cursor moved past its start', () => {
		const store: SeenRun[] = [running('slow', T + 1)];
		const p1 = poll(startCursor(T), store);
		expect(p1.finished).toEqual([]);
		expect(p1.cursor.pendingIds).toEqual(['slow']);
		store.push(done('later', T + 50));
		const p2 = poll(p1.cursor, store);
		expect(p2.finished).toEqual(['later']);
		expect(p2.cursor.since).toBe(T + 50);
		expect(p2.cursor.pendingIds).toEqual(['slow']);
		store[0] = done('slow', T + 1);
		const p3 = poll(p2.cursor, store);
		expect(p3.finished).toEqual(['slow']);
		expect(p3.cursor.pendingIds).toEqual([]);
		expect(poll(p3.cursor, store).finished).toEqual([]);
	});

	it('a pending run at the boundary fires exactly once when it finishes', () => {
		const store: SeenRun[] = [running('x', T + 9)];
		const p1 = poll(startCursor(T), store);
		expect(p1.cursor).toEqual({ since: T + 9, boundaryIds: ['x'], pendingIds: ['x'] });
		store[0] = done('x', T + 9);
		const p2 = poll(p1.cursor, store);
		expect(p2.finished).toEqual(['x']);
		expect(poll(p2.cursor, store).finished).toEqual([]);
	});

	it('forgets a pending run that no longer exists (deleted dataflow)', () => {
		const step = advanceCursor({ since: T, boundaryIds: [], pendingIds: ['gone'] }, [], []);
		expect(step).toEqual({ finished: [], cursor: { since: T, boundaryIds: [], pendingIds: [] } });
	});

	it('keeps at most MAX_PENDING unfinished runs, the newest', () => {
		const listed = Array.from({ length: MAX_PENDING + 3 }, (_, i) => running(`r${i}`, T + i));
		const { cursor } = advanceCursor(startCursor(T), listed, []);
		expect(cursor.pendingIds).toHaveLength(MAX_PENDING);
		expect(cursor.pendingIds[0]).toBe('r3');
	});

	it('never moves the cursor backwards, nor for runs without a start', () => {
		const step = advanceCursor(
			{ since: T + 100, boundaryIds: ['z'], pendingIds: [] },
			[{ id: 'n', finished: true }],
			[],
		);
		expect(step.cursor.since).toBe(T + 100);
		expect(step.cursor.boundaryIds).toEqual(['z']);
	});

	it('reads back only a cursor of its own shape', () => {
		const cursor = { since: T, boundaryIds: ['a'], pendingIds: ['b'] };
		expect(readCursor(JSON.parse(JSON.stringify(cursor)))).toEqual(cursor);
		expect(readCursor(undefined)).toBeUndefined();
		expect(readCursor({ since: 'x', boundaryIds: [], pendingIds: [] })).toBeUndefined();
		expect(readCursor({ since: T, boundaryIds: [1], pendingIds: [] })).toBeUndefined();
		expect(readCursor({ since: T, boundaryIds: [] })).toBeUndefined();
	});
});
