/**
 * The run trigger's memory between polls, so each finished run fires exactly once. Pure (times passed in).
 * Runs are listed by start time ("Monitor dataflows" filters `startedAtUTC`; `/runs` sort order is
 * undocumented). `since` trails by OVERLAP_MS because runs can become visible late; `seen` stops
 * re-listed runs firing twice; `pending` tracks runs seen unfinished until they finish.
 */

/** Runs re-listed before the newest start Adobe reported (ms): 15 minutes. */
export const OVERLAP_MS = 15 * 60_000;

/** At most this many unfinished runs are remembered; past it the cursor waits at the first that did not fit. */
export const MAX_PENDING = 500;

/** At most about this many handled runs are remembered for the overlap; past it the overlap shrinks. */
export const MAX_SEEN = 1000;

/** After a pause, Catch Up replays runs started at most this long before the reactivation (ms): 7 days. */
export const MAX_CATCH_UP_MS = 7 * 24 * 3_600_000;

/** Start-time slice width of a first poll (ms): 1 hour; it doubles or shrinks with what a slice holds. */
export const INITIAL_WIDTH_MS = 3_600_000;

/** The widest slice (ms): 7 days. */
export const MAX_WIDTH_MS = MAX_CATCH_UP_MS;

/** What the trigger keeps in workflow static data between polls (format version 2). */
export interface RunCursor {
	v: 2;
	/** The next poll lists runs started at or after this (epoch ms, Adobe's clock except a first activation's). */
	since: number;
	/** The newest run start Adobe reported (epoch ms): a lower bound of Adobe's clock. */
	newest?: number;
	/** Start-time slice width (ms) for the next poll, from `next` (else from `since`). */
	width: number;
	/** Start of the last poll's last slice when after `since` (epoch ms); the next poll resumes here. */
	next?: number;
	/** Finished runs already handled (fired or not matching) that started at or after `since`: ID -> start (epoch ms). */
	seen: Record<string, number>;
	/** Runs seen unfinished, looked up on every poll until they finish: ID -> start (epoch ms; 0 when unknown). */
	pending: Record<string, number>;
}

/** What the cursor needs to know of a run. */
export interface SeenRun {
	id: string;
	/** `metrics.durationSummary.startedAtUTC` (epoch ms). */
	startedAt?: number;
	/** The run will not change any more (success, failed, or a completion time is set). */
	finished: boolean;
}

function isRecordOfNumbers(value: unknown): value is Record<string, number> {
	return (
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		Object.values(value).every((v) => typeof v === 'number' && Number.isFinite(v))
	);
}

function stringList(value: unknown): string[] | undefined {
	return Array.isArray(value) && value.every((v) => typeof v === 'string')
		? [...(value as string[])]
		: undefined;
}

const finite = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value);

/**
 * The stored cursor, or undefined when absent or not ours (start afresh). Migrates version 1
 * (`{since, boundaryIds, pendingIds}`).
 */
export function readCursor(stored: unknown): RunCursor | undefined {
	if (typeof stored !== 'object' || stored === null) return undefined;
	const raw = stored as Record<string, unknown>;
	if (raw.v === 2) {
		const { since, newest, width, seen, pending, next } = raw;
		if (!finite(since) || !finite(width) || width < 1) return undefined;
		if (newest !== undefined && !finite(newest)) return undefined;
		if (next !== undefined && !finite(next)) return undefined;
		if (!isRecordOfNumbers(seen) || !isRecordOfNumbers(pending)) return undefined;
		return {
			v: 2,
			since,
			...(newest === undefined ? {} : { newest }),
			width,
			...(next === undefined ? {} : { next }),
			seen: { ...seen },
			pending: { ...pending },
		};
	}
	const boundary = stringList(raw.boundaryIds);
	const pendingIds = stringList(raw.pendingIds);
	if (!finite(raw.since) || !boundary || !pendingIds) return undefined;
	const since = raw.since;
	return {
		v: 2,
		since,
		newest: since,
		width: INITIAL_WIDTH_MS,
		seen: Object.fromEntries(boundary.map((id) => [id, since])),
		pending: Object.fromEntries(pendingIds.map((id) => [id, 0])),
	};
}

/** Unfinished runs in start order (oldest first; ties by ID). */
function byStart(a: SeenRun, b: SeenRun): number {
	return (a.startedAt ?? 0) - (b.startedAt ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A first cursor and how many unfinished runs did not fit in it. */
export interface ActivationStep {
	cursor: RunCursor;
	/** Unfinished runs beyond MAX_PENDING (the newest), which will not fire. */
	dropped: number;
}

/**
 * The cursor of an activation at `now` (epoch ms, n8n's clock): runs started from `now - OVERLAP_MS`
 * are history when finished and pending when not; later runs fire. At most MAX_PENDING kept pending.
 */
export function activationCursor(
	now: number,
	window: SeenRun[],
	unfinished: SeenRun[] = [],
	width = INITIAL_WIDTH_MS,
): ActivationStep {
	const since = now - OVERLAP_MS;
	const seen: Record<string, number> = {};
	const waiting = new Map<string, SeenRun>();
	for (const run of [...unfinished, ...window]) {
		if (run.finished && finite(run.startedAt) && run.startedAt >= since)
			seen[run.id] = run.startedAt;
		else if (!run.finished) waiting.set(run.id, run);
	}
	const ordered = [...waiting.values()].sort(byStart);
	const starts = window.map((r) => r.startedAt).filter(finite);
	return {
		cursor: {
			v: 2,
			since,
			...(starts.length ? { newest: Math.max(...starts) } : {}),
			width,
			seen,
			pending: Object.fromEntries(
				ordered.slice(0, MAX_PENDING).map((r) => [r.id, r.startedAt ?? 0]),
			),
		},
		dropped: Math.max(0, ordered.length - MAX_PENDING),
	};
}

/** Catch Up after a pause: runs started before `now - MAX_CATCH_UP_MS` are not replayed. */
export function boundCatchUp(cursor: RunCursor, now: number): RunCursor {
	const floor = now - MAX_CATCH_UP_MS;
	if (cursor.since >= floor) return cursor;
	const { next, ...rest } = cursor;
	return {
		...rest,
		...(next !== undefined && next > floor ? { next } : {}),
		since: floor,
		seen: Object.fromEntries(Object.entries(cursor.seen).filter(([, start]) => start >= floor)),
	};
}

/**
 * Reported run starts that may move `since`: those more than OVERLAP_MS ahead of `now` (epoch ms)
 * are dropped, as trusting one would skip runs still to come.
 */
export function reportedStarts(starts: Array<number | undefined>, now: number): number[] {
	return starts.filter((t): t is number => finite(t) && t <= now + OVERLAP_MS);
}

/** What one poll read of Adobe, for advanceCursor. */
export interface PollReading {
	/** The current state of the pending runs that were found (a pending run not found is forgotten). */
	lookedUp: SeenRun[];
	/** The runs of every slice whose listing ended, all started in `[cursor.since, done)`. */
	listed: SeenRun[];
	/** The upper edge of the last slice whose listing ended (Infinity: listed to the end; `since`: none). */
	done: number;
	/** Where the last slice listed (ended or not) started: the next poll's slices go on from here. */
	last: number;
	/** Start times of every run Adobe reported in this poll, also in slices that did not end (epoch ms). */
	reported: number[];
	/** The slice width (ms) to keep for the next poll. */
	width: number;
	/** n8n's clock when the poll listed (epoch ms): bounds Adobe's from below, within the skew tolerated (OVERLAP_MS). */
	now: number;
}

/** The outcome of one poll. */
export interface CursorStep {
	/** IDs of runs that finished and were not handled before, each once; pending runs first, then by start. */
	finished: string[];
	cursor: RunCursor;
	/** Unfinished runs that did not fit in `pending`; the cursor waits at the first of them. */
	deferred: number;
	/** How much of the overlap (ms) MAX_SEEN cut off: runs Adobe lists that late in it are not seen. */
	shortenedMs: number;
}

/**
 * One poll's step: fires finished runs not handled before, keeps unfinished ones (up to MAX_PENDING),
 * moves `since` forward (never back) and prunes `seen` to runs at or after it.
 */
export function advanceCursor(cursor: RunCursor, reading: PollReading): CursorStep {
	const seen = { ...cursor.seen };
	const pending: Record<string, number> = {};
	const finished: string[] = [];
	const fired = new Set<string>();
	const handle = (run: SeenRun) => {
		finished.push(run.id);
		fired.add(run.id);
		delete pending[run.id];
		if (finite(run.startedAt)) seen[run.id] = run.startedAt;
	};

	for (const run of [...reading.lookedUp].sort(byStart)) {
		if (!(run.id in cursor.pending) || run.id in seen || fired.has(run.id)) continue;
		if (run.finished) handle(run);
		else pending[run.id] = run.startedAt ?? cursor.pending[run.id];
	}

	let done = reading.done;
	let deferred = 0;
	const listed = [...new Map(reading.listed.map((r) => [r.id, r])).values()].sort(byStart);
	for (const [i, run] of listed.entries()) {
		if (run.id in seen || fired.has(run.id)) continue;
		if (run.finished) handle(run);
		else if (run.id in pending || Object.keys(pending).length < MAX_PENDING)
			pending[run.id] = run.startedAt ?? 0;
		else {
			// No room: stop here; this run and the later ones are listed again by a later poll.
			done = Math.min(done, run.startedAt ?? cursor.since);
			deferred = listed
				.slice(i)
				.filter((r) => !r.finished && !(r.id in seen) && !(r.id in pending)).length;
			break;
		}
	}

	const starts = reading.reported.filter(finite);
	const newest =
		cursor.newest === undefined && starts.length === 0
			? undefined
			: Math.max(cursor.newest ?? -Infinity, ...starts);
	// Adobe's clock is at least the newest start it reported, and at least n8n's clock minus the skew
	// tolerated: in a quiet period (no newer start) since still follows the listing, OVERLAP_MS behind.
	const adobeClock = Math.max(newest ?? -Infinity, reading.now - OVERLAP_MS);
	let since = Math.max(cursor.since, Math.min(done, adobeClock - OVERLAP_MS));
	const kept = Object.values(seen)
		.filter((start) => start >= since)
		.sort((a, b) => b - a);
	const overlapFrom = since;
	if (kept.length > MAX_SEEN) since = Math.max(since, Math.min(kept[MAX_SEEN - 1], done));
	for (const [id, start] of Object.entries(seen)) if (start < since) delete seen[id];

	return {
		finished,
		deferred,
		shortenedMs: since - overlapFrom,
		cursor: {
			v: 2,
			since,
			...(newest === undefined ? {} : { newest }),
			width: reading.width,
			...(Math.min(done, reading.last) > since ? { next: Math.min(done, reading.last) } : {}),
			seen,
			pending,
		},
	};
}
