/**
 * Flow run summary for outputs and the trigger. Pure.
 * Adobe: "Monitor dataflows": status at `metrics.statusSummary.status`; times are epoch ms.
 */
import type { IDataObject } from 'n8n-workflow';
import { InvalidFieldError, fieldPath, type FieldKey } from '../../kernel/validation';
import { dateToEpochMs } from '../dataflow/body';

/** Normalised status: Adobe writes `success`/`failed`, filter examples also `Failed`; case is ignored. */
export type RunOutcome = 'success' | 'failed' | 'inProgress' | 'scheduled' | 'other';

export interface RunError {
	code?: string;
	message?: string;
	/** Records affected, when an activity reports it. */
	recordCount?: number;
	/** Activity name (e.g. "Copy Activity") for activity-level errors; absent for run-level ones. */
	activity?: string;
}

export interface FlowRunSummary {
	id: string;
	flowId?: string;
	/** `metrics.statusSummary.status` as Adobe sent it. */
	status?: string;
	outcome: RunOutcome;
	/** success or failed: the run will not change any more. */
	finished: boolean;
	/** ISO 8601 from `metrics.durationSummary.startedAtUTC` (epoch ms). */
	startedAt?: string;
	completedAt?: string;
	/** completedAtUTC - startedAtUTC, in **milliseconds**; absent until both are known. */
	durationMs?: number;
	records: { input?: number; output?: number; failed?: number; created?: number };
	bytes: { input?: number; output?: number };
	errors: RunError[];
	/** Catalog batch IDs the run wrote (from activities' `targetInfo`). */
	batchIds: string[];
}

function obj(value: unknown): Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: {};
}

function num(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function str(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function iso(ms: number | undefined): string | undefined {
	return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** Maps a raw status to an outcome, ignoring case (`Failed` and `failed` are the same). */
export function runOutcome(status: unknown): RunOutcome {
	const s = typeof status === 'string' ? status.toLowerCase() : '';
	if (s === 'success' || s === 'succeeded') return 'success';
	if (s === 'failed' || s === 'failure') return 'failed';
	if (s === 'inprogress' || s === 'processing' || s === 'running') return 'inProgress';
	if (s === 'scheduled' || s === 'pending') return 'scheduled';
	return 'other';
}

function errorsOf(list: unknown, activity?: string): RunError[] {
	if (!Array.isArray(list)) return [];
	return list.map((e) => {
		const o = obj(e);
		const recordCount = num(o.recordCount);
		return {
			...(str(o.code) ? { code: str(o.code) } : {}),
			...(str(o.message) ? { message: str(o.message) } : {}),
			...(recordCount !== undefined ? { recordCount } : {}),
			...(activity ? { activity } : {}),
		};
	});
}

/**
 * Run-level errors that no activity also reports. Adobe repeats an activity's error at run level;
 * the activity's copy names the activity and the records affected, so that one is kept.
 */
function withoutRepeats(runErrors: RunError[], activityErrors: RunError[]): RunError[] {
	return runErrors.filter(
		(e) => !activityErrors.some((a) => a.code === e.code && a.message === e.message),
	);
}

/**
 * Summarises a run from `GET /runs/{id}` or `GET /runs`; `{items: [run]}` is unwrapped.
 * @throws Error when there is no run object with an `id`
 */
export function summarizeRun(body: unknown): FlowRunSummary {
	const wrapped = obj(body).items;
	const run = Array.isArray(wrapped) ? obj(wrapped[0]) : obj(body);
	const id = str(run.id);
	if (!id) throw new Error('The answer holds no flow run (no id)');
	const metrics = obj(run.metrics);
	const statusSummary = obj(metrics.statusSummary);
	const duration = obj(metrics.durationSummary);
	const records = obj(metrics.recordSummary);
	const size = obj(metrics.sizeSummary);
	const status = str(statusSummary.status);
	const outcome = runOutcome(status);
	const started = num(duration.startedAtUTC);
	const completed = num(duration.completedAtUTC);

	const activityErrors: RunError[] = [];
	const batchIds: string[] = [];
	for (const a of Array.isArray(run.activities) ? run.activities : []) {
		const activity = obj(a);
		activityErrors.push(
			...errorsOf(obj(obj(activity.statusSummary).extensions).errors, str(activity.name)),
		);
		for (const t of Array.isArray(activity.targetInfo) ? activity.targetInfo : []) {
			const ids = obj(obj(t).reference).ids;
			if (Array.isArray(ids))
				for (const b of ids) if (typeof b === 'string' && !batchIds.includes(b)) batchIds.push(b);
		}
	}

	const errors = [
		...withoutRepeats(errorsOf(statusSummary.errors), activityErrors),
		...activityErrors,
	];

	const pick = (o: Record<string, unknown>, entries: Array<[string, string]>) =>
		Object.fromEntries(
			entries.flatMap(([out, key]) => (num(o[key]) === undefined ? [] : [[out, num(o[key])]])),
		);
	return {
		id,
		...(str(run.flowId) ? { flowId: str(run.flowId) } : {}),
		...(status ? { status } : {}),
		outcome,
		finished: outcome === 'success' || outcome === 'failed',
		...(started !== undefined ? { startedAt: iso(started) } : {}),
		...(completed !== undefined ? { completedAt: iso(completed) } : {}),
		...(started !== undefined && completed !== undefined && completed >= started
			? { durationMs: completed - started }
			: {}),
		records: pick(records, [
			['input', 'inputRecordCount'],
			['output', 'outputRecordCount'],
			['failed', 'failedRecordCount'],
			['created', 'createdRecordCount'],
		]),
		bytes: pick(size, [
			['input', 'inputBytes'],
			['output', 'outputBytes'],
		]),
		errors,
		batchIds,
	};
}

/** `POST /runs` body for an on-demand run of a `once` flow; times in epoch **seconds**. */
export interface RunNowBody {
	flowId: string;
	params: {
		startTime: number;
		windowStartTime: number;
		windowEndTime: number;
		deltaColumn?: { name: string };
	};
}

export interface RunNowInput {
	flowId: string;
	/** Window start and end: dates (ISO string, Date or Luxon DateTime), never numbers. */
	windowStart: unknown;
	windowEnd: unknown;
	/** When the run starts; the node sends "now". Epoch ms. */
	nowMs: number;
	/** Needed on a flow's first on-demand run (Adobe 1383-400), then optional but unchangeable (1382-400). */
	deltaColumn?: string;
	/** IANA zone offset-less window times are read in: the workflow's (default UTC). */
	timeZone?: string;
}

/** Bare parameter names of the run window, for callers without labels. */
const WINDOW_FIELDS = { windowStart: 'windowStart', windowEnd: 'windowEnd' };

/**
 * The on-demand run request, in epoch seconds.
 * @throws InvalidFieldError (`windowStart`, `windowEnd`) for non-dates or an end before the start (1381-400)
 */
export function buildRunNowBody(
	input: RunNowInput,
	fields: { windowStart: FieldKey; windowEnd: FieldKey } = WINDOW_FIELDS,
): RunNowBody {
	const start = Math.floor(
		dateToEpochMs(input.windowStart, fields.windowStart, input.timeZone) / 1000,
	);
	const end = Math.floor(dateToEpochMs(input.windowEnd, fields.windowEnd, input.timeZone) / 1000);
	if (end < start)
		throw new InvalidFieldError(
			fieldPath(fields.windowEnd),
			'"Window End" must not be before "Window Start" (Adobe error 1381).',
		);
	const delta = input.deltaColumn?.trim();
	return {
		flowId: input.flowId,
		params: {
			startTime: Math.floor(input.nowMs / 1000),
			windowStartTime: start,
			windowEndTime: end,
			...(delta ? { deltaColumn: { name: delta } } : {}),
		},
	};
}

/** Run statuses Get Many filters on (Adobe: `metrics.statusSummary.status`). */
export const RUN_STATUSES = ['success', 'failed', 'inProgress', 'scheduled'] as const;

/** `{id, etag}` of a create answer, bare or as `{items: [...]}` (docs and spec disagree); undefined without an id. */
export function idAndEtag(body: unknown): { id: string; etag?: string } | undefined {
	const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
	const items = record.items;
	const entry = Array.isArray(items) ? (items[0] as Record<string, unknown> | undefined) : record;
	const id = entry?.id;
	if (typeof id !== 'string' || id === '') return undefined;
	return { id, ...(typeof entry?.etag === 'string' ? { etag: entry.etag } : {}) };
}

/** Drift: how an existing Create From Table chain differs from the input, field by field. */

/**
 * A run as output (summarizeRun): `status` from `metrics.statusSummary.status`, `records`,
 * `durationMs` (milliseconds), `startedAt`/`completedAt` (ISO 8601), `errors`, `batchIds`.
 */
export function runOutput(run: unknown, sandboxName: string): IDataObject {
	return { ...(summarizeRun(run) as unknown as IDataObject), sandboxName };
}
