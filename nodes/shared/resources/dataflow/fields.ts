import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	InvalidFieldError,
	CONNECTION_ID_PATTERN,
	checkText,
	type FieldRef,
} from '../../kernel/validation';
import { dateOrNow } from '../../node/dateTime';
import { pickerFor, UUID_EXAMPLE, uuidMode } from '../../node/picker';
import {
	defineFields,
	inCollection,
	LIMITS,
	readParameter,
	pickedIdReader,
	workflowTimeZone,
} from '../../node/readers';
import { buildScheduleParams, FREQUENCIES, type ScheduleParams } from './body';

export const DATAFLOW_FIELDS = defineFields({
	flowId: 'Dataflow',
	name: { label: 'Dataflow Name', maxLength: LIMITS.name },
	mappingVersion: 'Mapping Version',
	frequency: 'Frequency',
	interval: 'Interval',
	startTime: 'Start Time',
	backfill: 'Backfill',
	deltaColumn: { label: 'Delta Column', maxLength: 256 },
	deltaDateFormat: { label: 'Delta Column Date Format', maxLength: 64 },
	// Create From Table's base connection picker
	baseConnectionId: { label: 'Base Connection', path: 'connectionId' },
	// Get Many's Source Connection filter: a picker from 1.1, a text field in version 1
	sourceFilter: { label: 'Source Connection', path: 'filters.sourceConnectionId' },
	sourceFilterV1: { label: 'Source Connection ID', path: 'filters.sourceConnectionId' },
});

/** Update's Update Fields collection. */
export const DATAFLOW_UPDATE_FIELDS = defineFields(
	inCollection('updateFields', {
		name: { label: 'Dataflow Name', maxLength: LIMITS.name },
		description: { label: 'Description', maxLength: LIMITS.description },
		frequency: 'Frequency',
		interval: 'Interval',
		startTime: 'Start Time',
		mappingVersion: 'Mapping Version',
	}),
);

/** The Dataflow picker (searchDataflows): From List or By ID (a UUID). */
export function dataflowPicker(
	description = 'The dataflow. To chain from a Create node, choose By ID and drag its ID field here.',
	name: string = DATAFLOW_FIELDS.flowId.field,
): INodeProperties {
	const byId = uuidMode('dataflow', '993f908f-3342-4d9c-9f3b-b9a3a9123d4e');
	return pickerFor('searchDataflows', 'dataflow', byId)(
		name,
		DATAFLOW_FIELDS.flowId.label,
		description,
	);
}

/** The Dataflow picker's ID, checked to be a UUID. */
export const readFlowId = pickedIdReader(
	DATAFLOW_FIELDS.flowId,
	CONNECTION_ID_PATTERN,
	UUID_EXAMPLE,
);

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
			placeholder: 'e.g. updated_at',
			description:
				'The column that tells new and changed rows apart (a timestamp such as updated_at); each run reads rows newer than the last',
			displayOptions: { hide: ONCE_ONLY },
		},
		{
			displayName: 'Delta Column Date Format',
			name: 'deltaDateFormat',
			type: 'string',
			default: '',
			placeholder: 'e.g. yyyy-MM-dd HH:mm:ss',
			description:
				'Only when the delta column holds dates as text: their pattern. Times are read as UTC, as Adobe requires for table sources.',
			displayOptions: { hide: ONCE_ONLY },
		},
	];
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

/** The schedule of Create / Create From Table, checked: `{startTime (epoch s), frequency, interval?, backfill?}`. */
export function readSchedule(this: IExecuteFunctions, itemIndex: number): ScheduleParams {
	const frequency = readParameter.call(this, 'frequency', itemIndex);
	const once = frequency === 'once';
	return buildScheduleParams(
		{
			frequency,
			interval: once ? undefined : readParameter.call(this, 'interval', itemIndex),
			startTime: dateOrNow(readParameter.call(this, 'startTime', itemIndex), Date.now()),
			backfill: once ? undefined : readParameter.call(this, 'backfill', itemIndex),
			timeZone: workflowTimeZone.call(this),
		},
		DATAFLOW_FIELDS,
	);
}

/** Delta column and its date format (both only for scheduled flows), trimmed. */
export function readDelta(
	this: IExecuteFunctions,
	itemIndex: number,
	frequency: string,
): { deltaColumn?: string; deltaDateFormat?: string } {
	if (frequency === 'once') return {};
	const deltaColumn =
		checkText(DATAFLOW_FIELDS.deltaColumn, readParameter.call(this, 'deltaColumn', itemIndex)) ||
		undefined;
	const deltaDateFormat =
		checkText(
			DATAFLOW_FIELDS.deltaDateFormat,
			readParameter.call(this, 'deltaDateFormat', itemIndex),
		) || undefined;
	return { deltaColumn, deltaDateFormat };
}
