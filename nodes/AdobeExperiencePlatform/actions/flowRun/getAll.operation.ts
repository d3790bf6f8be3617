import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { listRuns } from '../../../shared/resources/flowRun/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { listOperation } from '../../../shared/node/handlers';
import {
	choiceFilter,
	filtersCollection,
	returnAllFields,
} from '../../../shared/node/commonFields';
import { InvalidFieldError, type FieldRef } from '../../../shared/kernel/validation';
import { RUN_STATUSES, runOutput } from '../../../shared/resources/flowRun/body';
import { dateToEpochMs } from '../../../shared/resources/dataflow/body';
import { workflowTimeZone } from '../../../shared/node/readers';
import { dataflowPicker, readFlowId } from '../../../shared/resources/dataflow/fields';
import { FLOW_RUN_FIELDS } from '../../../shared/resources/flowRun/fields';

const properties: INodeProperties[] = [
	dataflowPicker('The dataflow whose runs to list'),
	...returnAllFields(),
	filtersCollection([
		{
			displayName: 'Started After',
			name: 'startedAfter',
			type: 'dateTime',
			default: '',
			description:
				"Only runs that started at or after this time (in the workflow's time zone unless it has an offset)",
		},
		{
			displayName: 'Started Before',
			name: 'startedBefore',
			type: 'dateTime',
			default: '',
			description:
				"Only runs that started before this time (in the workflow's time zone unless it has an offset)",
		},
		choiceFilter(
			'Status',
			'status',
			{ Failed: 'failed', 'In Progress': 'inProgress', Scheduled: 'scheduled', Success: 'success' },
			'failed',
			"Only runs with this status (Adobe's metrics.statusSummary.status)",
		),
	]),
];

const displayOptions = { show: { resource: ['flowRun'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * A time filter: empty → none; else a date (offset-less: in `timeZone`, the workflow's), sent as
 * epoch ms (Adobe's startedAtUTC unit).
 */
function timeFilter(value: unknown, ref: FieldRef, timeZone: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let failure: unknown;
	try {
		return dateToEpochMs(value, ref, timeZone);
	} catch (error) {
		failure = error;
	}
	throw failure instanceof InvalidFieldError
		? new InvalidFieldError(failure.field, `${failure.message}; got ${JSON.stringify(value)}.`)
		: failure;
}

/** Runs of one dataflow, newest first, each summarised (status, records, durationMs, errors). */
export const execute = listOperation(
	function (itemIndex) {
		const flowId = readFlowId.call(this, itemIndex);
		const filters = (this.getNodeParameter('filters', itemIndex, {}, { skipValidation: true }) ??
			{}) as IDataObject;
		if (
			filters.status !== undefined &&
			!(RUN_STATUSES as readonly unknown[]).includes(filters.status)
		) {
			throw new InvalidFieldError(
				FLOW_RUN_FIELDS.status.field,
				`"${FLOW_RUN_FIELDS.status.label}" must be one of ${RUN_STATUSES.join(', ')}; got ${JSON.stringify(filters.status)}.`,
			);
		}
		const timeZone = workflowTimeZone.call(this);
		const startedAfterMs = timeFilter(filters.startedAfter, FLOW_RUN_FIELDS.startedAfter, timeZone);
		const startedBeforeMs = timeFilter(
			filters.startedBefore,
			FLOW_RUN_FIELDS.startedBefore,
			timeZone,
		);
		if (
			startedAfterMs !== undefined &&
			startedBeforeMs !== undefined &&
			startedBeforeMs <= startedAfterMs
		) {
			throw new InvalidFieldError(
				FLOW_RUN_FIELDS.startedBefore.field,
				`"${FLOW_RUN_FIELDS.startedBefore.label}" must be later than "${FLOW_RUN_FIELDS.startedAfter.label}".`,
			);
		}
		return {
			flowIds: [flowId],
			statuses: filters.status === undefined ? undefined : [filters.status as string],
			startedFrom: startedAfterMs,
			startedBefore: startedBeforeMs,
		};
	},
	listRuns,
	runOutput,
);
