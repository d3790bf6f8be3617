/**
 * Fields shared by the Dataflow and Flow Run operations: the pickers (dataflow, run, source and
 * target connection, mapping set), the schedule fields and their readers. Every reader checks
 * the value before any request and names the field by its label.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InvalidFieldError } from '../../../shared/kernel/InvalidFieldError';
import {
	dataflowPicker as sharedDataflowPicker,
	idMode,
	pickerFor,
} from '../../../shared/node/picker';
import { readParameter } from '../../../shared/node/readers';
import { formatInZone, isKnownTimeZone } from '../../../shared/node/dateTime';
import { workflowTimeZone } from '../../../shared/node/runParameters';
import {
	FREQUENCIES,
	buildScheduleParams,
	type ScheduleParams,
} from '../../../shared/resources/dataflow/schedule';
import { MAPPING_SET_ID_PATTERN } from '../../../shared/resources/dataflow/body';
import {
	CONNECTION_ID_PATTERN,
	ETAG_FIELD,
	checkText,
	type FieldRef,
} from '../../../shared/kernel/validation';
import { readPickedId } from '../parameters';

/** Every user-facing field of these resources: parameter name and the label the editor shows. */
export const FLOW_FIELDS = {
	flowId: { field: 'flowId', label: 'Dataflow' },
	runId: { field: 'runId', label: 'Flow Run' },
	name: { field: 'name', label: 'Dataflow Name' },
	description: { field: 'description', label: 'Description' },
	sourceConnectionId: { field: 'sourceConnectionId', label: 'Source Connection' },
	targetConnectionId: { field: 'targetConnectionId', label: 'Target Connection' },
	mappingSetId: { field: 'mappingSetId', label: 'Mapping Set' },
	mappingVersion: { field: 'mappingVersion', label: 'Mapping Version' },
	frequency: { field: 'frequency', label: 'Frequency' },
	interval: { field: 'interval', label: 'Interval' },
	startTime: { field: 'startTime', label: 'Start Time' },
	backfill: { field: 'backfill', label: 'Backfill' },
	deltaColumn: { field: 'deltaColumn', label: 'Delta Column' },
	deltaDateFormat: { field: 'deltaDateFormat', label: 'Delta Column Date Format' },
	windowStart: { field: 'windowStart', label: 'Window Start' },
	windowEnd: { field: 'windowEnd', label: 'Window End' },
	etag: ETAG_FIELD,
} as const satisfies Record<string, FieldRef>;

const UUID_EXAMPLE = '373e88fc-43da-4e3c-be88-fc43da3e3c0f';
const UUID_ERROR = `Not an ID: expected a UUID such as ${UUID_EXAMPLE}`;

/** The Dataflow picker (shared dataflowPicker, list method searchDataflows). */
export function dataflowPicker(
	description = 'The dataflow. To chain from a Create node, choose By ID and drag its ID field here.',
): INodeProperties {
	return sharedDataflowPicker(FLOW_FIELDS.flowId.field, FLOW_FIELDS.flowId.label, description);
}

const UUID_BY_ID = idMode(UUID_EXAMPLE, CONNECTION_ID_PATTERN, UUID_ERROR);

/** The Flow Run picker (list method searchFlowRuns: the sandbox's newest runs). */
export function runPicker(
	description = 'The flow run. To chain from Get Many or Run Now, choose By ID and drag its ID field here.',
): INodeProperties {
	return pickerFor('searchFlowRuns', 'run', UUID_BY_ID)('runId', 'Flow Run', description);
}

/** The Source Connection picker of Create (searchSourceConnections). */
export function sourceConnectionPicker(): INodeProperties {
	return pickerFor('searchSourceConnections', 'source connection', UUID_BY_ID)(
		'sourceConnectionId',
		'Source Connection',
		'The Redshift source connection (a table) the dataflow reads',
	);
}

/** The Target Connection picker of Create (searchTargetConnections). */
export function targetConnectionPicker(): INodeProperties {
	return pickerFor('searchTargetConnections', 'target connection', UUID_BY_ID)(
		'targetConnectionId',
		'Target Connection',
		'The Data Lake target connection (a dataset) the dataflow writes to',
	);
}

/** The Mapping Set picker of Create (searchMappingSets): By ID takes 32 hex digits. */
export function mappingSetPicker(): INodeProperties {
	const byId = idMode(
		'0b090130b58b4819afc78b6dc98b484d',
		MAPPING_SET_ID_PATTERN,
		'Not a mapping set ID: expected 32 hex digits such as 0b090130b58b4819afc78b6dc98b484d',
	);
	return pickerFor('searchMappingSets', 'mapping set', byId)(
		'mappingSetId',
		'Mapping Set',
		"The Data Prep mapping set from the table's columns to the dataset's schema",
	);
}

const ONCE_ONLY = { frequency: ['once'] };

/** A frequency as the dropdowns name it: "Once", "Every N Hours"… */
export function frequencyName(value: string): string {
	return value === 'once' ? 'Once' : `Every N ${value.charAt(0).toUpperCase()}${value.slice(1)}s`;
}

/** The Interval field (Create, Create From Table, Update). */
export const INTERVAL_FIELD: INodeProperties = {
	displayName: 'Interval',
	name: 'interval',
	type: 'number',
	typeOptions: { minValue: 1, numberPrecision: 0 },
	default: 1,
	description: 'Runs every this many minutes/hours/days/weeks; at least 15 for minutes',
};

/**
 * Frequency, Interval, Start Time, Backfill, Delta Column and its date format, as Create and
 * Create From Table show them (interval, backfill and delta column hidden for `once`).
 */
export function scheduleFields(): INodeProperties[] {
	return [
		{
			displayName: 'Frequency',
			name: 'frequency',
			type: 'options',
			options: FREQUENCIES.map((value) => ({ name: frequencyName(value), value })),
			default: 'hour',
			description:
				'How often the dataflow runs. Once: a single run now or at Start Time; it can then be run again with Flow Run > Run Now.',
		},
		{ ...INTERVAL_FIELD, displayOptions: { hide: ONCE_ONLY } },
		{
			displayName: 'Start Time',
			name: 'startTime',
			type: 'dateTime',
			default: '',
			description:
				"When the schedule starts, in the workflow's time zone unless it has an offset (sent to Adobe in epoch seconds). Empty: now.",
		},
		{
			displayName: 'Backfill',
			name: 'backfill',
			type: 'boolean',
			default: true,
			description: 'Whether the first run also ingests rows from before Start Time',
			displayOptions: { hide: ONCE_ONLY },
		},
		{
			displayName: 'Delta Column',
			name: 'deltaColumn',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'updated_at',
			description:
				'The column that tells new and changed rows apart (a timestamp such as updated_at); each run reads rows newer than the last',
			displayOptions: { hide: ONCE_ONLY },
		},
		{
			displayName: 'Delta Column Date Format',
			name: 'deltaDateFormat',
			type: 'string',
			default: '',
			placeholder: 'yyyy-MM-dd HH:mm:ss',
			description:
				'Only when the delta column holds dates as text: their pattern. Times are read as UTC, as Adobe requires for table sources.',
			displayOptions: { hide: ONCE_ONLY },
		},
	];
}

/** The ID a Flow Service picker holds (From List or By ID), checked to be a UUID. */
export function readUuidPicker(this: IExecuteFunctions, ref: FieldRef, itemIndex: number): string {
	return readPickedId.call(this, ref, itemIndex, CONNECTION_ID_PATTERN, UUID_EXAMPLE);
}

/** The Dataflow picker's ID, checked to be a UUID. */
export function readFlowId(this: IExecuteFunctions, itemIndex: number): string {
	return readUuidPicker.call(this, FLOW_FIELDS.flowId, itemIndex);
}

/** The Flow Run picker's ID, checked to be a UUID. */
export function readRunId(this: IExecuteFunctions, itemIndex: number): string {
	return readUuidPicker.call(this, FLOW_FIELDS.runId, itemIndex);
}

/** The Mapping Set picker's ID, checked to be 32 hex digits. */
export function readMappingSetId(this: IExecuteFunctions, itemIndex: number): string {
	return readPickedId
		.call(
			this,
			FLOW_FIELDS.mappingSetId,
			itemIndex,
			MAPPING_SET_ID_PATTERN,
			'0b090130b58b4819afc78b6dc98b484d',
		)
		.toLowerCase();
}

/** A whole number >= 0 (a mapping set version), from a number or digits. */
export function checkVersion(ref: FieldRef, value: unknown): number {
	const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) {
		throw new InvalidFieldError(
			ref.field,
			`"${ref.label}" must be a whole number of 0 or more (a new mapping set has version 0); got ${JSON.stringify(value)}.`,
		);
	}
	return number;
}

/** Schedule field names in resources/dataflow/schedule.ts errors → this node's labels. */
const SCHEDULE_LABELS: Record<string, FieldRef> = {
	frequency: FLOW_FIELDS.frequency,
	interval: FLOW_FIELDS.interval,
	startTime: FLOW_FIELDS.startTime,
	backfill: FLOW_FIELDS.backfill,
	deltaColumn: FLOW_FIELDS.deltaColumn,
	windowStart: FLOW_FIELDS.windowStart,
	windowEnd: FLOW_FIELDS.windowEnd,
};

/**
 * Runs a pure builder and rewrites its InvalidFieldError to name the field by its label (the
 * pure helpers quote parameter names: 'interval' → "Interval"), with `prefix` before the
 * parameter name (e.g. `updateFields.`).
 */
export function withLabels<T>(build: () => T, prefix = ''): T {
	let failure: unknown;
	try {
		return build();
	} catch (error) {
		failure = error;
	}
	const ref = failure instanceof InvalidFieldError ? SCHEDULE_LABELS[failure.field] : undefined;
	if (ref && failure instanceof InvalidFieldError) {
		failure = new InvalidFieldError(
			`${prefix}${ref.field}`,
			failure.message.split(`'${failure.field}'`).join(`"${ref.label}"`),
		);
	}
	throw failure;
}

/** An empty dateTime field means "now"; anything else is read as a date. */
export function dateOrNow(value: unknown, nowMs: number): unknown {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
		? new Date(nowMs)
		: value;
}

/** The schedule of Create / Create From Table, checked: `{startTime (epoch s), frequency, interval?, backfill?}`. */
export function readSchedule(this: IExecuteFunctions, itemIndex: number): ScheduleParams {
	const frequency = readParameter.call(this, 'frequency', itemIndex);
	const once = frequency === 'once';
	return withLabels(() =>
		buildScheduleParams({
			frequency,
			interval: once ? undefined : readParameter.call(this, 'interval', itemIndex),
			startTime: dateOrNow(readParameter.call(this, 'startTime', itemIndex), Date.now()),
			backfill: once ? undefined : readParameter.call(this, 'backfill', itemIndex),
			timeZone: workflowTimeZone.call(this),
		}),
	);
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

/**
 * A time the node sent, for the output: `{<name>: ISO 8601 in the workflow's time zone with its
 * offset (2026-03-01T09:00:00+01:00), <name>EpochSeconds: what Adobe got, timeZone}`; in UTC when
 * Node does not know the workflow's zone (only times with an offset were then accepted).
 */
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

/** Delta column and its date format (both only for scheduled flows), trimmed. */
export function readDelta(
	this: IExecuteFunctions,
	itemIndex: number,
	frequency: string,
): { deltaColumn?: string; deltaDateFormat?: string } {
	if (frequency === 'once') return {};
	const deltaColumn =
		checkText(FLOW_FIELDS.deltaColumn, readParameter.call(this, 'deltaColumn', itemIndex), {
			maxLength: 256,
		}) || undefined;
	const deltaDateFormat =
		checkText(FLOW_FIELDS.deltaDateFormat, readParameter.call(this, 'deltaDateFormat', itemIndex), {
			maxLength: 64,
		}) || undefined;
	return { deltaColumn, deltaDateFormat };
}
