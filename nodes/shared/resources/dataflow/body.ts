/**
 * Dataflow (Flow Service `/flows`) and flow run (`/runs`) requests, built and checked before any
 * request. Pure: no n8n types, unit-tested directly.
 *
 * Adobe docs followed: "Create a dataflow for database sources" (`help/sources/tutorials/api/collect/
 * database-nosql.md`), "Update dataflows" (`update-dataflows.md`), "On-demand ingestion"
 * (`on-demand-ingestion.md`), "Retry failed dataflow runs" (`retry-flows.md`), "Sort and filter"
 * (`help/dataflows/api/sort-and-filter.md`). See `shared/reference/dataflow-chain.md` §6-7.
 *
 * Units: `scheduleParams.startTime` and the on-demand run's times are sent in epoch **seconds**
 * (Adobe's examples; the emulator and Adobe's spec also take ms for runs); every time Adobe sends
 * back (createdAt, startedAtUTC…) is epoch **milliseconds**. Inputs are dates, never bare numbers.
 */
import { InvalidFieldError } from '../../kernel/InvalidFieldError';
import {
	dateToEpochMs,
	FREQUENCIES,
	type FlowTransformation,
	type Frequency,
	type ScheduleParams,
} from './schedule';
import type { SourceColumn } from '../mappingSet/body';

/** Data Prep mapping set IDs are 32 hex digits (e.g. `0b090130b58b4819afc78b6dc98b484d`). */
export const MAPPING_SET_ID_PATTERN = '^[0-9a-fA-F]{32}$';
const MAPPING_SET_ID = new RegExp(MAPPING_SET_ID_PATTERN);

/** Is this a Data Prep mapping set ID? */
export function isMappingSetId(value: unknown): value is string {
	return typeof value === 'string' && MAPPING_SET_ID.test(value);
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
 * JSON Patch for an Update, in Adobe's documented paths (`/name`, `/description`,
 * `/scheduleParams/<key>`, `/transformations/{index}`). A new mapping version replaces the flow's
 * Mapping transformation with the same mappingId (Adobe: update the mapping set, then the flow).
 * @param current the flow as GET returns it (needed for the Mapping index and the interval's op)
 * @throws InvalidFieldError (`updateFields`) when nothing would change (checkSomeChange); (`updateFields.mappingVersion`)
 *   when the flow has no Mapping transformation
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
 * Checks a schedule change against the flow's current schedule before any request.
 * Rules: Adobe refuses a switch to `once` after the start (1403-400) and a `once` flow carries no
 * delta column, so Update never switches to or from `once`; the interval minimum (15 for minute,
 * else 1) applies to the resulting frequency.
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

/**
 * The on-demand run request, in epoch seconds (Adobe's examples use 10-digit values).
 * @throws InvalidFieldError (`windowStart`, `windowEnd`) for non-dates or an end before the start (1381-400)
 */
export function buildRunNowBody(input: RunNowInput): RunNowBody {
	const start = Math.floor(dateToEpochMs(input.windowStart, 'windowStart', input.timeZone) / 1000);
	const end = Math.floor(dateToEpochMs(input.windowEnd, 'windowEnd', input.timeZone) / 1000);
	if (end < start)
		throw new InvalidFieldError(
			'windowEnd',
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

/** Flow states Get Many filters on. */
export const FLOW_STATES = ['enabled', 'disabled'] as const;

/** Run statuses Get Many filters on (Adobe: `metrics.statusSummary.status`). */
export const RUN_STATUSES = ['success', 'failed', 'inProgress', 'scheduled'] as const;

/**
 * The `{id, etag}` of a create-like answer. `POST /runs` is documented both as `{items: [{id, etag}]}`
 * (the docs) and as a bare `{id, etag}` (the spec); both are read.
 * @returns undefined when there is no string id
 */
export function idAndEtag(body: unknown): { id: string; etag?: string } | undefined {
	const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
	const items = record.items;
	const entry = Array.isArray(items) ? (items[0] as Record<string, unknown> | undefined) : record;
	const id = entry?.id;
	if (typeof id !== 'string' || id === '') return undefined;
	return { id, ...(typeof entry?.etag === 'string' ? { etag: entry.etag } : {}) };
}

/**
 * Drift: how an existing Create From Table chain differs from what a run asks for (pure). Each
 * difference names the field, the value stored in Adobe and the value of the input, so the output
 * or the error says exactly what differs.
 */
/** One difference between what Adobe stores and the input. */
export interface DriftEntry {
	/** What differs, e.g. `columns`, `scheduleParams.interval`, `deltaColumn`, `mappings`. */
	field: string;
	stored: unknown;
	input: unknown;
}

/**
 * A column as compared and shown: `name type`, then its XDM typing when it says more than `type`
 * does, e.g. `ordered_at string (date-time)`. Explore gives a Redshift timestamp, date and varchar
 * all as `type: "string"`; only `meta:xdmType` and `xdm.format` tell them apart (Adobe's "Explore
 * data tables" tutorial, dataflow-chain.md §1b).
 */
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

/**
 * The schedule and delta column drift of a dataflow: frequency, interval, the start time (epoch s;
 * compared only when the input gives one, since an empty Start Time means "now"), backfill (absent
 * means Adobe's default, true), the delta column and its date format. Numbers stored as digit strings (as Adobe's examples send them) compare as numbers.
 */
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
