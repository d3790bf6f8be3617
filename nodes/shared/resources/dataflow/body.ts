/**
 * A dataflow's pure payloads: the `POST /flows` body, schedule, transformations, update patch, drift.
 * Adobe: "Create a dataflow for database sources", "Update dataflows", CRMToAEP `scheduleSpec`.
 * Units: `scheduleParams.startTime` is epoch seconds; Adobe's createdAt etc. are epoch ms.
 */
import { InvalidFieldError, fieldPath, quoteField, type FieldKey } from '../../kernel/validation';
import type { SourceColumn } from '../mappingSet/body';
import { formatInZone, isKnownTimeZone, parseIsoInZone } from '../../node/dateTime';

// Schedule and transformations (units: wire epoch seconds, JavaScript epoch milliseconds).
export const FREQUENCIES = ['once', 'minute', 'hour', 'day', 'week'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** Smallest `interval` per frequency: 15 for minute (Adobe's documented minimum), 1 otherwise. */
const MIN_INTERVAL: Record<Exclude<Frequency, 'once'>, number> = {
	minute: 15,
	hour: 1,
	day: 1,
	week: 1,
};

/** The schedule's fields; the node passes its references, so errors quote its labels. */
export interface ScheduleFields {
	frequency: FieldKey;
	interval: FieldKey;
	startTime: FieldKey;
	backfill: FieldKey;
	deltaColumn: FieldKey;
}

/** Bare parameter names, for callers without labels. */
const SCHEDULE_FIELDS: ScheduleFields = {
	frequency: 'frequency',
	interval: 'interval',
	startTime: 'startTime',
	backfill: 'backfill',
	deltaColumn: 'deltaColumn',
};

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
 * Epoch ms of a date input; offset-less strings are read in `timeZone` (default UTC).
 * @throws InvalidFieldError (`field`) for numbers (s or ms is ambiguous), unparseable or impossible dates
 */
export function dateToEpochMs(
	value: unknown,
	field: FieldKey = SCHEDULE_FIELDS.startTime,
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
			fieldPath(field),
			`${quoteField(field)} must be a date such as 2026-12-01T09:00:00Z, not a number (seconds and milliseconds cannot be told apart)`,
		);
	}
	if (ms === undefined || !Number.isFinite(ms)) {
		throw new InvalidFieldError(
			fieldPath(field),
			`${quoteField(field)} must be a date such as 2026-12-01T09:00:00 (in the workflow's time zone) or 2026-12-01T09:00:00Z`,
		);
	}
	return ms;
}

function frequencyOf(value: unknown, fields: ScheduleFields): Frequency {
	if (typeof value !== 'string' || !(FREQUENCIES as readonly string[]).includes(value)) {
		throw new InvalidFieldError(
			fieldPath(fields.frequency),
			`${quoteField(fields.frequency)} must be one of ${FREQUENCIES.join(', ')}`,
		);
	}
	return value as Frequency;
}

/**
 * `scheduleParams` for `POST /flows` or a PATCH (CRMToAEP scheduleSpec, errors 1361-1364).
 * @returns `{startTime: epoch seconds (floored), frequency, interval?, backfill?}`
 * @throws InvalidFieldError naming `frequency`, `interval`, `startTime` or `backfill`
 */
export function buildScheduleParams(
	input: ScheduleInput,
	fields: ScheduleFields = SCHEDULE_FIELDS,
): ScheduleParams {
	const frequency = frequencyOf(input.frequency, fields);
	const startTime = Math.floor(
		dateToEpochMs(input.startTime, fields.startTime, input.timeZone) / 1000,
	);
	if (startTime < 0)
		throw new InvalidFieldError(
			fieldPath(fields.startTime),
			`${quoteField(fields.startTime)} must be after 1970-01-01`,
		);
	if (frequency === 'once') {
		if (!isBlank(input.interval))
			throw new InvalidFieldError(
				fieldPath(fields.interval),
				`${quoteField(fields.interval)} is not allowed when frequency is once`,
			);
		if (input.backfill === true)
			throw new InvalidFieldError(
				fieldPath(fields.backfill),
				`${quoteField(fields.backfill)} is not allowed when frequency is once`,
			);
		if (!isBlank(input.backfill) && input.backfill !== false)
			throw new InvalidFieldError(
				fieldPath(fields.backfill),
				`${quoteField(fields.backfill)} must be true or false`,
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
			fieldPath(fields.interval),
			`${quoteField(fields.interval)} is required when frequency is ${frequency}`,
		);
	if (typeof interval !== 'number' || !Number.isSafeInteger(interval) || interval < minimum) {
		throw new InvalidFieldError(
			fieldPath(fields.interval),
			`${quoteField(fields.interval)} must be a whole number of at least ${minimum} when frequency is ${frequency}`,
		);
	}
	if (!isBlank(input.backfill) && typeof input.backfill !== 'boolean') {
		throw new InvalidFieldError(
			fieldPath(fields.backfill),
			`${quoteField(fields.backfill)} must be true or false`,
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
 * The flow's `transformations`: Copy (with `deltaColumn`) when scheduled, then Mapping (errors 1367/1369-400).
 * @throws InvalidFieldError (`deltaColumn`)
 */
export function buildFlowTransformations(
	input: TransformationsInput,
	fields: ScheduleFields = SCHEDULE_FIELDS,
): FlowTransformation[] {
	const delta = typeof input.deltaColumn === 'string' ? input.deltaColumn.trim() : '';
	const field = fields.deltaColumn;
	const mapping: FlowTransformation = {
		name: 'Mapping',
		params: { mappingId: input.mappingId, mappingVersion: input.mappingVersion },
	};
	if (input.frequency === 'once') {
		if (delta)
			throw new InvalidFieldError(
				fieldPath(field),
				`${quoteField(field)} is not allowed when frequency is once (Adobe error 1369)`,
			);
		return [mapping];
	}
	if (!delta)
		throw new InvalidFieldError(
			fieldPath(field),
			`${quoteField(field)} is required when frequency is ${input.frequency}: name the column that tells new rows apart, e.g. updated_at`,
		);
	if (input.columns && !input.columns.includes(delta)) {
		throw new InvalidFieldError(
			fieldPath(field),
			`${quoteField(field)} must be one of the source columns: ${input.columns.join(', ')}`,
		);
	}
	const deltaColumn: DeltaColumn = {
		name: delta,
		...(input.deltaDateFormat ? { dateFormat: input.deltaDateFormat } : {}),
		timezone: 'UTC',
	};
	return [{ name: 'Copy', params: { deltaColumn } }, mapping];
}

/** A `{id, version}` reference, as `flowSpec` and `connectionSpec` are sent. */
export interface SpecRef {
	id: string;
	version: string;
}

/** The body of `POST /flows` (no `state`: Adobe refuses it on create, 1410-400). */
export interface CreateFlowBody {
	name: string;
	description?: string;
	flowSpec: SpecRef;
	sourceConnectionIds: string[];
	targetConnectionIds: string[];
	transformations: FlowTransformation[];
	scheduleParams: ScheduleParams;
}

export interface CreateFlowInput {
	name: string;
	description?: string;
	flowSpec: SpecRef;
	sourceConnectionId: string;
	targetConnectionId: string;
	/** From buildFlowTransformations (Copy for scheduled flows, then Mapping). */
	transformations: FlowTransformation[];
	/** From buildScheduleParams (startTime in epoch seconds). */
	scheduleParams: ScheduleParams;
}

/** `POST /flows` body: one source and one target connection, as the database tutorial shows. */
export function buildCreateFlowBody(input: CreateFlowInput): CreateFlowBody {
	return {
		name: input.name,
		...(input.description ? { description: input.description } : {}),
		flowSpec: { id: input.flowSpec.id, version: input.flowSpec.version },
		sourceConnectionIds: [input.sourceConnectionId],
		targetConnectionIds: [input.targetConnectionId],
		transformations: input.transformations,
		scheduleParams: input.scheduleParams,
	};
}

/** One JSON Patch operation for `PATCH /flows/{id}`. */
export interface PatchOperation {
	op: 'add' | 'replace' | 'remove';
	path: string;
	value?: unknown;
}

/** What an Update may change; each absent key stays as it is. */
export interface FlowChanges {
	name?: string;
	description?: string;
	/** frequency / interval / startTime (epoch s) to set; `once` is refused by checkScheduleChange. */
	schedule?: { frequency?: Exclude<Frequency, 'once'>; interval?: number; startTime?: number };
	/** New version of the flow's mapping set (the Mapping transformation is replaced whole). */
	mappingVersion?: number;
}

/** The parts of a stored flow an Update reads: its transformations, to find the Mapping one. */
export interface StoredFlowShape {
	scheduleParams?: { frequency?: unknown; interval?: unknown };
	transformations?: Array<{ name?: unknown; params?: Record<string, unknown> }>;
}

/**
 * JSON Patch for an Update, in Adobe's documented paths ("Update dataflows").
 * @param current the flow as GET returns it
 * @throws InvalidFieldError (`updateFields`, `updateFields.mappingVersion`)
 */
export function buildFlowPatch(changes: FlowChanges, current: StoredFlowShape): PatchOperation[] {
	const ops: PatchOperation[] = [];
	if (changes.name !== undefined) ops.push({ op: 'replace', path: '/name', value: changes.name });
	if (changes.description !== undefined)
		ops.push({ op: 'replace', path: '/description', value: changes.description });
	const schedule = changes.schedule ?? {};
	if (schedule.frequency !== undefined)
		ops.push({ op: 'replace', path: '/scheduleParams/frequency', value: schedule.frequency });
	if (schedule.interval !== undefined) {
		// RFC 6902: `replace` needs the member to exist; a flow made with `once` has no interval yet.
		const has = current.scheduleParams?.interval !== undefined;
		ops.push({
			op: has ? 'replace' : 'add',
			path: '/scheduleParams/interval',
			value: schedule.interval,
		});
	}
	if (schedule.startTime !== undefined)
		ops.push({ op: 'replace', path: '/scheduleParams/startTime', value: schedule.startTime });
	if (changes.mappingVersion !== undefined) {
		const transformations = current.transformations ?? [];
		const index = transformations.findIndex((t) => t?.name === 'Mapping');
		if (index < 0)
			throw new InvalidFieldError(
				'updateFields.mappingVersion',
				'"Mapping Version" cannot be set: this dataflow has no Mapping transformation.',
			);
		const params = transformations[index].params ?? {};
		ops.push({
			op: 'replace',
			path: `/transformations/${index}`,
			value: {
				name: 'Mapping',
				params: { mappingId: params.mappingId, mappingVersion: changes.mappingVersion },
			},
		});
	}
	checkSomeChange(changes);
	return ops;
}

/**
 * Refuses an Update that changes nothing (before any request).
 * @throws InvalidFieldError (`updateFields`)
 */
export function checkSomeChange(changes: FlowChanges): void {
	const schedule = changes.schedule ?? {};
	const any =
		changes.name !== undefined ||
		changes.description !== undefined ||
		changes.mappingVersion !== undefined ||
		Object.values(schedule).some((value) => value !== undefined);
	if (!any)
		throw new InvalidFieldError(
			'updateFields',
			'"Update Fields" is empty: add at least one field to change (Dataflow Name, Description, Frequency, Interval, Start Time or Mapping Version).',
		);
}

/**
 * Checks a schedule change before any request: never to or from `once` (1403-400), interval minimum.
 * @throws InvalidFieldError naming `updateFields.frequency` or `updateFields.interval`
 */
export function checkScheduleChange(
	change: NonNullable<FlowChanges['schedule']>,
	current: StoredFlowShape,
): void {
	const was = current.scheduleParams?.frequency;
	if (was === 'once' && (change.frequency !== undefined || change.interval !== undefined)) {
		throw new InvalidFieldError(
			change.frequency !== undefined ? 'updateFields.frequency' : 'updateFields.interval',
			'This dataflow runs once: its frequency and interval cannot be changed (it has no delta column). Create a scheduled dataflow instead.',
		);
	}
	const frequency = change.frequency ?? (typeof was === 'string' ? was : undefined);
	const interval =
		change.interval ??
		(typeof current.scheduleParams?.interval === 'number'
			? current.scheduleParams.interval
			: Number(current.scheduleParams?.interval));
	if (frequency === 'minute' && Number.isFinite(interval) && interval < 15) {
		throw new InvalidFieldError(
			change.interval !== undefined ? 'updateFields.interval' : 'updateFields.frequency',
			`"Interval" must be at least 15 when the frequency is minute (the dataflow's interval would be ${interval}).`,
		);
	}
}

/** The frequencies an Update may set (not `once`). */
export const SCHEDULED_FREQUENCIES = FREQUENCIES.filter(
	(f): f is Exclude<Frequency, 'once'> => f !== 'once',
);

/** Flow states Get Many filters on. */
export const FLOW_STATES = ['enabled', 'disabled'] as const;

/** One difference between what Adobe stores and the input. */
export interface DriftEntry {
	/** What differs, e.g. `columns`, `scheduleParams.interval`, `deltaColumn`, `mappings`. */
	field: string;
	stored: unknown;
	input: unknown;
}

/** A column as compared and shown, e.g. `ordered_at string (date-time)`: explore types dates as string. */
function columnKey(column: SourceColumn): string {
	const marks = [column['meta:xdmType'], column.xdm?.format];
	if (column.xdm?.type !== undefined && column.xdm.type !== column.type)
		marks.unshift(`xdm ${column.xdm.type}`);
	const shown = [...new Set(marks.filter((mark): mark is string => !!mark))];
	return `${column.name} ${column.type}${shown.length ? ` (${shown.join(', ')})` : ''}`;
}

/**
 * The columns drift of a source connection (names, source types and XDM types, any order), or
 * none. Shown as the sorted column lists (see `columnKey`).
 */
export function columnsDrift(stored: SourceColumn[], now: SourceColumn[]): DriftEntry[] {
	return setDrift('columns', stored.map(columnKey), now.map(columnKey));
}

/** Two lists compared as sets of strings (any order); shown sorted. */
function setDrift(field: string, stored: string[], input: string[]): DriftEntry[] {
	const a = [...stored].sort();
	const b = [...input].sort();
	return a.length === b.length && a.every((key, index) => key === b[index])
		? []
		: [{ field, stored: a, input: b }];
}

/** A mapping as compared: `source -> destination`. */
export interface MappingLike {
	source?: unknown;
	destination?: unknown;
	sourceAttribute?: unknown;
	destinationXdmPath?: unknown;
}

function mappingKey(mapping: MappingLike): string {
	return `${String(mapping.source ?? mapping.sourceAttribute)} -> ${String(mapping.destination ?? mapping.destinationXdmPath)}`;
}

/** The mappings drift (each `source -> destination`, any order), or none; GET's alias pairs are read too. */
export function mappingsDrift(stored: MappingLike[], wanted: MappingLike[]): DriftEntry[] {
	return setDrift('mappings', stored.map(mappingKey), wanted.map(mappingKey));
}

/** What a dataflow stores that a Create From Table input also sets. */
export interface FlowSettings {
	frequency?: unknown;
	interval?: unknown;
	/** Epoch seconds. */
	startTime?: unknown;
	/** The Copy transformation's delta column name (undefined: none). */
	deltaColumn?: unknown;
	/** The delta column's `dateFormat` (undefined: none). */
	deltaDateFormat?: unknown;
	/** `scheduleParams.backfill` (undefined: Adobe's default, true; none for once). */
	backfill?: unknown;
}

/** Schedule and delta column drift; start time (epoch s) compared only when given, backfill defaults to true. */
export function flowDrift(
	stored: FlowSettings,
	input: FlowSettings & { startTimeGiven: boolean },
): DriftEntry[] {
	const same = (a: unknown, b: unknown) =>
		a === b || (a !== undefined && b !== undefined && String(a) === String(b));
	const drift: DriftEntry[] = [];
	const check = (field: string, a: unknown, b: unknown) => {
		if (!same(a, b)) drift.push({ field, stored: a ?? null, input: b ?? null });
	};
	check('scheduleParams.frequency', stored.frequency, input.frequency);
	check('scheduleParams.interval', stored.interval, input.interval);
	if (input.startTimeGiven) check('scheduleParams.startTime', stored.startTime, input.startTime);
	if (stored.frequency !== 'once' && input.frequency !== 'once')
		check('scheduleParams.backfill', stored.backfill ?? true, input.backfill ?? true);
	check('deltaColumn', stored.deltaColumn, input.deltaColumn);
	check('deltaColumn.dateFormat', stored.deltaDateFormat, input.deltaDateFormat);
	return drift;
}

/** `field: stored X, input Y` lines for a message. */
export function describeDrift(drift: readonly DriftEntry[]): string {
	return drift
		.map(
			(entry) =>
				`${entry.field}: stored ${JSON.stringify(entry.stored)}, input ${JSON.stringify(entry.input)}`,
		)
		.join('; ');
}

/** `timeOutput` of a stored flow's `scheduleParams.startTime` (epoch s, a number or digits); empty when it has none. */
export function startTimeOutput(flow: object, timeZone: string): Record<string, string | number> {
	const { scheduleParams } = flow as { scheduleParams?: { startTime?: unknown } };
	const startTime = scheduleParams?.startTime;
	const seconds =
		typeof startTime === 'string' && /^\d+$/.test(startTime) ? Number(startTime) : startTime;
	return typeof seconds === 'number' && Number.isFinite(seconds)
		? timeOutput('startTime', seconds, timeZone)
		: {};
}

/** A sent time for the output: ISO 8601 in the workflow's zone, `<name>EpochSeconds`, `timeZone`. */
export function timeOutput(
	name: string,
	epochSeconds: number,
	timeZone: string,
): Record<string, string | number> {
	const zone = isKnownTimeZone(timeZone) ? timeZone : 'UTC';
	return {
		[name]: formatInZone(epochSeconds * 1000, zone),
		[`${name}EpochSeconds`]: epochSeconds,
		timeZone: zone,
	};
}
