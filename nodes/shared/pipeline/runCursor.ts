/**
 * The run trigger's memory between polls, and the rule that makes each finished run fire exactly
 * once. Pure: no clock, no I/O.
 *
 * Why a start-time cursor plus a pending list: Adobe documents filtering runs by their start
 * (`metrics.durationSummary.startedAtUTC>…`, "Monitor dataflows"), not by their end. A run that
 * started before the cursor can still finish later, so every run seen unfinished is remembered
 * (`pendingIds`) and looked up again until it finishes. Runs are never filtered by status at
 * Adobe for the same reason: an `inProgress` run must be seen to be remembered.
 *
 * Why boundary IDs: the listing asks for runs started at or after `since` (`>=`), so runs that
 * share the cursor's millisecond are listed again on the next poll; `boundaryIds` are those
 * already handled, which are skipped.
 */

/** What the trigger keeps in workflow static data between polls. */
export interface RunCursor {
	/** The newest run start seen (epoch ms); the next poll lists runs started at or after it. */
	since: number;
	/** Runs started exactly at `since` that were already handled (fired, ignored or made pending). */
	boundaryIds: string[];
	/** Runs seen unfinished (scheduled, in progress), looked up on every poll until they finish. */
	pendingIds: string[];
}

/** What the cursor needs to know of a run. */
export interface SeenRun {
	id: string;
	/** `metrics.durationSummary.startedAtUTC` (epoch ms). */
	startedAt?: number;
	/** The run will not change any more (success, failed, or a completion time is set). */
	finished: boolean;
}

/** At most this many unfinished runs are remembered; beyond it the oldest are forgotten (and never fire). */
export const MAX_PENDING = 500;

/**
 * The cursor of a first activation at `now` (epoch ms): runs starting after `now` count, and the
 * runs `unfinishedIds` still in progress then (they fire when they finish); finished history is not
 * replayed. A run that started in the activation's own millisecond began before the in-progress
 * listing: if it was still running it is among `unfinishedIds`, otherwise it is history.
 */
export function startCursor(now: number, unfinishedIds: string[] = []): RunCursor {
	return {
		since: now + 1,
		boundaryIds: [],
		pendingIds: [...new Set(unfinishedIds)].slice(-MAX_PENDING),
	};
}

function stringList(value: unknown): string[] | undefined {
	return Array.isArray(value) && value.every((v) => typeof v === 'string')
		? [...(value as string[])]
		: undefined;
}

/**
 * The cursor as stored in static data, or undefined when there is none or it is not one of ours
 * (then the trigger starts afresh rather than guessing).
 */
export function readCursor(stored: unknown): RunCursor | undefined {
	if (typeof stored !== 'object' || stored === null) return undefined;
	const { since, boundaryIds, pendingIds } = stored as Record<string, unknown>;
	const boundary = stringList(boundaryIds);
	const pending = stringList(pendingIds);
	if (typeof since !== 'number' || !Number.isFinite(since) || !boundary || !pending)
		return undefined;
	return { since, boundaryIds: boundary, pendingIds: pending };
}

/** The outcome of one poll: the runs that finished since the last poll (each once), and the next cursor. */
export interface CursorStep {
	/** IDs of runs that finished and were not handled before, oldest start first. */
	finished: string[];
	cursor: RunCursor;
}

/**
 * One poll's step.
 * @param cursor what the previous poll left
 * @param listed runs listed as started at or after `cursor.since`
 * @param lookedUp the current state of `cursor.pendingIds` (runs not found any more are forgotten)
 */
export function advanceCursor(
	cursor: RunCursor,
	listed: SeenRun[],
	lookedUp: SeenRun[],
): CursorStep {
	const boundary = new Set(cursor.boundaryIds);
	const wasPending = new Set(cursor.pendingIds);
	const runs = new Map<string, SeenRun>();
	for (const run of [...lookedUp.filter((r) => wasPending.has(r.id)), ...listed])
		if (!runs.has(run.id)) runs.set(run.id, run);

	const ordered = [...runs.values()].sort((a, b) => (a.startedAt ?? 0) - (b.startedAt ?? 0));
	const finished: string[] = [];
	const pending: string[] = [];
	for (const run of ordered) {
		// Handled on an earlier poll and not waiting to finish: seen again only because of `>=`.
		if (boundary.has(run.id) && !wasPending.has(run.id)) continue;
		(run.finished ? finished : pending).push(run.id);
	}

	const starts = listed
		.map((r) => r.startedAt)
		.filter((t): t is number => typeof t === 'number' && Number.isFinite(t));
	const since = Math.max(cursor.since, ...starts);
	const atSince = listed.filter((r) => r.startedAt === since).map((r) => r.id);
	const boundaryIds =
		since === cursor.since
			? [...new Set([...cursor.boundaryIds, ...atSince])]
			: [...new Set(atSince)];
	return { finished, cursor: { since, boundaryIds, pendingIds: pending.slice(-MAX_PENDING) } };
}
