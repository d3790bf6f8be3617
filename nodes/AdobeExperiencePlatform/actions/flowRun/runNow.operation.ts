import type { INodeProperties } from 'n8n-workflow';

import { runNow } from '../../../shared/resources/flowRun/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { readParameter, readSandbox, workflowTimeZone } from '../../../shared/node/readers';
import { buildRunNowBody } from '../../../shared/resources/flowRun/body';
import { checkText } from '../../../shared/kernel/validation';
import type { ItemOperation } from '../../../shared/node/operations';
import { dateOrNow } from '../../../shared/node/dateTime';
import { timeOutput } from '../../../shared/resources/dataflow/body';
import {
	DATAFLOW_FIELDS,
	dataflowPicker,
	readFlowId,
} from '../../../shared/resources/dataflow/fields';
import { FLOW_RUN_FIELDS } from '../../../shared/resources/flowRun/fields';

const properties: INodeProperties[] = [
	dataflowPicker('The dataflow to run. Only a dataflow with frequency Once can be run on demand.'),
	{
		displayName: 'Window Start',
		name: 'windowStart',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			"Rows changed from this time on are read; in the workflow's time zone unless it has an offset (sent in epoch seconds)",
	},
	{
		displayName: 'Window End',
		name: 'windowEnd',
		type: 'dateTime',
		default: '',
		description:
			"Rows changed before this time are read; in the workflow's time zone unless it has an offset. Empty: now.",
	},
	{
		displayName: 'Delta Column',
		name: 'deltaColumn',
		type: 'string',
		default: '',
		placeholder: 'updated_at',
		description:
			"The column the window applies to. Required on a dataflow's first on-demand run; later runs may leave it empty but cannot change it.",
	},
];

const displayOptions = { show: { resource: ['flowRun'], operation: ['runNow'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Starts an on-demand run of a `once` dataflow (`POST /runs`, times in epoch seconds):
 * `{id, etag?, flowId, windowStart, windowEnd (ISO 8601 in the workflow's time zone with its offset),
 * windowStartEpochSeconds, windowEndEpochSeconds (what Adobe got), timeZone, sandboxName}`. The run starts as
 * `scheduled`; follow it with Flow Run > Get.
 */
export const execute: ItemOperation = async function (itemIndex, ctx) {
	const flowId = readFlowId.call(this, itemIndex);
	const nowMs = Date.now();
	const timeZone = workflowTimeZone.call(this);
	const windowStart = readParameter.call(this, 'windowStart', itemIndex);
	const deltaColumn =
		checkText(DATAFLOW_FIELDS.deltaColumn, readParameter.call(this, 'deltaColumn', itemIndex), {
			maxLength: 256,
		}) || undefined;
	const body = buildRunNowBody(
		{
			flowId,
			windowStart,
			windowEnd: dateOrNow(readParameter.call(this, 'windowEnd', itemIndex), nowMs),
			nowMs,
			deltaColumn,
			timeZone,
		},
		FLOW_RUN_FIELDS,
	);
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	const started = await runNow.call(this, ctx, sandboxName, body, itemIndex);
	return {
		...started,
		flowId,
		...timeOutput('windowStart', body.params.windowStartTime, timeZone),
		...timeOutput('windowEnd', body.params.windowEndTime, timeZone),
		sandboxName,
	};
};
