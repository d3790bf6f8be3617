/**
 * Dataflow schedule and the transformations that depend on it, built and checked before any request.
 * Adobe docs followed: "Create a dataflow for database sources" (`help/sources/tutorials/api/collect/
 * database-nosql.md`), the CRMToAEP flow spec's `scheduleSpec`, and the Flow Service error reference
 * (1361-1364 schedule errors, 1367/1369 delta column rules).
 *
 * Units: `scheduleParams.startTime` on the wire is epoch **seconds**; JavaScript dates are epoch
 * milliseconds. Only dates are accepted as input, never a bare number, so the two cannot be confused.
 */
import { InvalidFieldError } from '../../kernel/InvalidFieldError';
import { parseIsoInZone } from '../../node/dateTime';

export const FREQUENCIES = ['once', 'minute', 'hour', 'day', 'week'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** Smallest `interval` per frequency: 15 for minute (Adobe's documented minimum), 1 otherwise. */
const MIN_INTERVAL: Record<Exclude<Frequency, 'once'>, number> = {
	minute: 15,
	hour: 1,
	day: 1,
	week: 1,
};

/** Parameter names used in the errors (the node maps them to its labels). */
const SCHEDULE_FIELDS = {
	frequency: 'frequency',
	interval: 'interval',
	startTime: 'startTime',
	backfill: 'backfill',
	deltaColumn: 'deltaColumn',
} as const;

/** `scheduleParams` as sent on `POST /flows`: startTime in epoch seconds; interval/backfill absent for `once`. */
export interface ScheduleParams {
	startTime: number;
	frequency: Frequency;
	interval?: number;
	backfill?: boolean;
}

export interface ScheduleInput {
	frequency: unknown;
	/** Whole number; must be absent (undefined, null or '') for `once`. */
	interval?: unknown;
	/** A `Date`, an ISO 8601 string (what an n8n dateTime field gives) or a Luxon DateTime. Never a number. */
	startTime: unknown;
	/** Whether past windows since startTime are ingested (Adobe's default: true). Not allowed with `once`. */
	backfill?: unknown;
	/** IANA zone an offset-less startTime is read in: the workflow's (default UTC). */
	timeZone?: string;
}

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

/**
 * Epoch milliseconds of a date input. A string without an offset (n8n's date picker stores one) is
 * read in `timeZone`, the workflow's (`this.getTimezone()`); see node/dateTime.ts.
 * @param timeZone IANA zone for offset-less strings (default UTC)
 * @throws InvalidFieldError (`field`) for numbers (seconds or milliseconds? ambiguous), unparseable
 *   strings, impossible dates (30 February, 24:61), a wall time the zone skips, invalid dates
 */
export function dateToEpochMs(
	value: unknown,
	field: string = SCHEDULE_FIELDS.startTime,
	timeZone = 'UTC',
): number {
	let ms: number | undefined;
	if (value instanceof Date) ms = value.getTime();
	else if (typeof value === 'string') ms = parseIsoInZone(value, timeZone, field);
	else if (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { toMillis?: unknown }).toMillis === 'function'
	) {
		ms = (value as { toMillis(): number }).toMillis(); // Luxon DateTime, e.g. from {{ $now }}
	} else if (typeof value === 'number') {
		throw new InvalidFieldError(
			field,
			`'${field}' must be a date such as 2026-12-01T09:00:00Z, not a number (seconds and milliseconds cannot be told apart)`,
		);
	}
	if (ms === undefined || !Number.isFinite(ms)) {
		throw new InvalidFieldError(
			field,
			`'${field}' must be a date such as 2026-12-01T09:00:00 (in the workflow's time zone) or 2026-12-01T09:00:00Z`,
		);
	}
	return ms;
}

function frequencyOf(value: unknown): Frequency {
	if (typeof value !== 'string' || !(FREQUENCIES as readonly string[]).includes(value)) {
		throw new InvalidFieldError(
			SCHEDULE_FIELDS.frequency,
			`'${SCHEDULE_FIELDS.frequency}' must be one of ${FREQUENCIES.join(', ')}`,
		);
	}
	return value as Frequency;
}

/**
 * Builds `scheduleParams` for `POST /flows` (or a PATCH of `/scheduleParams`).
 * Rules (CRMToAEP scheduleSpec, Flow Service errors 1361-1364): `once` takes no interval and no
 * backfill; other frequencies need a whole-number interval >= 15 (minute) or >= 1.
 * A start time in the past is allowed (Adobe's own examples use one; see dataflow-chain.md Q8).
 * @returns `{startTime: epoch seconds (floored), frequency, interval?, backfill?}`
 * @throws InvalidFieldError naming `frequency`, `interval`, `startTime` or `backfill`
 */
export function buildScheduleParams(input: ScheduleInput): ScheduleParams {
	const frequency = frequencyOf(input.frequency);
	const startTime = Math.floor(
		dateToEpochMs(input.startTime, SCHEDULE_FIELDS.startTime, input.timeZone) / 1000,
	);
	if (startTime < 0)
		throw new InvalidFieldError(
			SCHEDULE_FIELDS.startTime,
			`'${SCHEDULE_FIELDS.startTime}' must be after 1970-01-01`,
		);
	if (frequency === 'once') {
		if (!isBlank(input.interval))
			throw new InvalidFieldError(
				SCHEDULE_FIELDS.interval,
				`'${SCHEDULE_FIELDS.interval}' is not allowed when frequency is once`,
			);
		if (input.backfill === true)
			throw new InvalidFieldError(
				SCHEDULE_FIELDS.backfill,
				`'${SCHEDULE_FIELDS.backfill}' is not allowed when frequency is once`,
			);
		if (!isBlank(input.backfill) && input.backfill !== false)
			throw new InvalidFieldError(
				SCHEDULE_FIELDS.backfill,
				`'${SCHEDULE_FIELDS.backfill}' must be true or false`,
			);
		return { startTime, frequency };
	}
	const minimum = MIN_INTERVAL[frequency];
	const interval =
		typeof input.interval === 'string' && /^\d+$/.test(input.interval.trim())
			? Number(input.interval)
			: input.interval;
	if (isBlank(interval))
		throw new InvalidFieldError(
			SCHEDULE_FIELDS.interval,
			`'${SCHEDULE_FIELDS.interval}' is required when frequency is ${frequency}`,
		);
	if (typeof interval !== 'number' || !Number.isSafeInteger(interval) || interval < minimum) {
		throw new InvalidFieldError(
			SCHEDULE_FIELDS.interval,
			`'${SCHEDULE_FIELDS.interval}' must be a whole number of at least ${minimum} when frequency is ${frequency}`,
		);
	}
	if (!isBlank(input.backfill) && typeof input.backfill !== 'boolean') {
		throw new InvalidFieldError(
			SCHEDULE_FIELDS.backfill,
			`'${SCHEDULE_FIELDS.backfill}' must be true or false`,
		);
	}
	return {
		startTime,
		frequency,
		interval,
		...(typeof input.backfill === 'boolean' ? { backfill: input.backfill } : {}),
	};
}

/** `{name, dateFormat?, timezone}` of the Copy transformation; Adobe requires UTC for table sources. */
export interface DeltaColumn {
	name: string;
	dateFormat?: string;
	timezone: 'UTC';
}

export interface FlowTransformation {
	name: 'Copy' | 'Mapping';
	params: Record<string, unknown>;
}

export interface TransformationsInput {
	frequency: Frequency;
	/** Column name used for incremental loads; required unless `once`, forbidden for `once`. */
	deltaColumn?: string;
	/** Optional Java-style pattern for a string delta column, e.g. `yyyy-MM-dd HH:mm:ss`. */
	deltaDateFormat?: string;
	/** The source connection's column names, to check `deltaColumn` against (skip the check when absent). */
	columns?: string[];
	/** Data Prep mapping set: 32 hex digits; version 0 for a new set. */
	mappingId: string;
	mappingVersion: number;
}

/**
 * The flow's `transformations`: Copy (with `deltaColumn`) for scheduled flows, then Mapping.
 * Rules: Flow Service 1367-400 (a table source's scheduled flow needs a delta column) and
 * 1369-400 (a delta column is not allowed with frequency once).
 * @throws InvalidFieldError (`deltaColumn`) when the rule is broken or the column is unknown
 */
export function buildFlowTransformations(input: TransformationsInput): FlowTransformation[] {
	const delta = typeof input.deltaColumn === 'string' ? input.deltaColumn.trim() : '';
	const field = SCHEDULE_FIELDS.deltaColumn;
	const mapping: FlowTransformation = {
		name: 'Mapping',
		params: { mappingId: input.mappingId, mappingVersion: input.mappingVersion },
	};
	if (input.frequency === 'once') {
		if (delta)
			throw new InvalidFieldError(
				field,
				`'${field}' is not allowed when frequency is once (Adobe error 1369)`,
			);
		return [mapping];
	}
	if (!delta)
		throw new InvalidFieldError(
			field,
			`'${field}' is required when frequency is ${input.frequency}: name the column that tells new rows apart, e.g. updated_at`,
		);
	if (input.columns && !input.columns.includes(delta)) {
		throw new InvalidFieldError(
			field,
			`'${field}' must be one of the source columns: ${input.columns.join(', ')}`,
		);
	}
	const deltaColumn: DeltaColumn = {
		name: delta,
		...(input.deltaDateFormat ? { dateFormat: input.deltaDateFormat } : {}),
		timezone: 'UTC',
	};
	return [{ name: 'Copy', params: { deltaColumn } }, mapping];
}
