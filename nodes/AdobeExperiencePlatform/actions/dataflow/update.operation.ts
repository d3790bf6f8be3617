import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { flows, patchFlow } from '../../../shared/resources/dataflow/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { etagField } from '../../../shared/node/commonFields';
import {
	InvalidFieldError,
	ETAG_FIELD,
	checkEtag,
	checkText,
} from '../../../shared/kernel/validation';
import { readParameter, readSandbox, LIMITS, workflowTimeZone } from '../../../shared/node/readers';
import {
	SCHEDULED_FREQUENCIES,
	buildFlowPatch,
	checkScheduleChange,
	checkSomeChange,
	type FlowChanges,
	type StoredFlowShape,
	dateToEpochMs,
	timeOutput,
} from '../../../shared/resources/dataflow/body';
import type { ItemOperation } from '../../../shared/node/operations';
import {
	DATAFLOW_UPDATE_FIELDS,
	INTERVAL_FIELD,
	checkVersion,
	dataflowPicker,
	frequencyName,
	readFlowId,
} from '../../../shared/resources/dataflow/fields';

const properties: INodeProperties[] = [
	dataflowPicker(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Dataflow Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'New name of the dataflow',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				typeOptions: { rows: 2 },
				description: 'New description',
			},
			{
				displayName: 'Frequency',
				name: 'frequency',
				type: 'options',
				options: SCHEDULED_FREQUENCIES.map((value) => ({ name: frequencyName(value), value })),
				default: 'hour',
				description:
					'New frequency of a scheduled dataflow (a dataflow cannot switch to or from Once)',
			},
			INTERVAL_FIELD,
			{
				displayName: 'Mapping Version',
				name: 'mappingVersion',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 0,
				description:
					'The mapping set version the dataflow uses (after the mapping set was updated)',
			},
			{
				displayName: 'Start Time',
				name: 'startTime',
				type: 'dateTime',
				default: '',
				description:
					"New start of the schedule, in the workflow's time zone unless it has an offset (epoch seconds on the wire). Adobe refuses it once the scheduled start has passed.",
			},
		],
	},
	etagField('dataflow', 'Get'),
];

const displayOptions = { show: { resource: ['dataflow'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

/**
 * The Update Fields, checked; parameter names in errors are `updateFields.<field>`; an offset-less
 * Start Time is read in `timeZone` (the workflow's).
 */
function readChanges(fields: IDataObject, timeZone: string): FlowChanges {
	const changes: FlowChanges = {};
	if (!isBlank(fields.name))
		changes.name = checkText(DATAFLOW_UPDATE_FIELDS.name, fields.name, {
			required: true,
			maxLength: LIMITS.name,
		});
	if (fields.description !== undefined)
		changes.description = checkText(DATAFLOW_UPDATE_FIELDS.description, fields.description, {
			maxLength: LIMITS.description,
			allowLineBreaks: true,
		});
	const schedule: NonNullable<FlowChanges['schedule']> = {};
	if (fields.frequency !== undefined) {
		if (!(SCHEDULED_FREQUENCIES as readonly unknown[]).includes(fields.frequency)) {
			throw new InvalidFieldError(
				DATAFLOW_UPDATE_FIELDS.frequency.field,
				`"${DATAFLOW_UPDATE_FIELDS.frequency.label}" must be one of ${SCHEDULED_FREQUENCIES.join(', ')}; got ${JSON.stringify(fields.frequency)}.`,
			);
		}
		schedule.frequency = fields.frequency as (typeof SCHEDULED_FREQUENCIES)[number];
	}
	if (fields.interval !== undefined) {
		const interval =
			typeof fields.interval === 'string' && /^\s*\d+\s*$/.test(fields.interval)
				? Number(fields.interval)
				: fields.interval;
		if (typeof interval !== 'number' || !Number.isSafeInteger(interval) || interval < 1) {
			throw new InvalidFieldError(
				DATAFLOW_UPDATE_FIELDS.interval.field,
				`"${DATAFLOW_UPDATE_FIELDS.interval.label}" must be a whole number of 1 or more (15 or more for minutes); got ${JSON.stringify(fields.interval)}.`,
			);
		}
		schedule.interval = interval;
	}
	if (!isBlank(fields.startTime))
		schedule.startTime = Math.floor(
			dateToEpochMs(fields.startTime, DATAFLOW_UPDATE_FIELDS.startTime, timeZone) / 1000,
		);
	if (Object.keys(schedule).length) changes.schedule = schedule;
	if (fields.mappingVersion !== undefined)
		changes.mappingVersion = checkVersion(
			DATAFLOW_UPDATE_FIELDS.mappingVersion,
			fields.mappingVersion,
		);
	return changes;
}

/**
 * Changes name, description, schedule or mapping version with one JSON Patch under If-Match.
 * The dataflow is read first unless only name/description change and an ETag is given.
 */
export const execute: ItemOperation = async function (itemIndex, ctx) {
	const id = readFlowId.call(this, itemIndex);
	const fields = (this.getNodeParameter('updateFields', itemIndex, {}, { skipValidation: true }) ??
		{}) as IDataObject;
	const timeZone = workflowTimeZone.call(this);
	const changes = readChanges(fields, timeZone);
	const given = checkEtag(readParameter.call(this, ETAG_FIELD.field, itemIndex));
	checkSomeChange(changes);
	const sandboxName = readSandbox.call(this, itemIndex, ctx);

	const needsCurrent =
		given === undefined || changes.schedule !== undefined || changes.mappingVersion !== undefined;
	const current = needsCurrent
		? ((await flows.get.call(this, ctx, sandboxName, id, itemIndex)) as StoredFlowShape & {
				etag?: string;
			})
		: undefined;
	if (changes.schedule && current) checkScheduleChange(changes.schedule, current);
	const ops = buildFlowPatch(changes, current ?? {});
	const etag = given ?? (current?.etag as string);
	const result = await patchFlow.call(this, ctx, sandboxName, id, etag, ops, itemIndex);
	return {
		id: result.id ?? id,
		etag: result.etag,
		previousEtag: etag,
		sandboxName,
		updated: ops.map((op) => op.path.slice(1)),
		...(changes.schedule?.startTime !== undefined
			? timeOutput('startTime', changes.schedule.startTime, timeZone)
			: {}),
	};
};
