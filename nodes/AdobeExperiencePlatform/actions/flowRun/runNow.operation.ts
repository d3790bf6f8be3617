import type { INodeProperties } from 'n8n-workflow';

import { runNow } from '../../../shared/resources/flowRun/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { readParameter, readSandbox, workflowTimeZone } from '../../../shared/node/readers';
import { buildRunNowBody } from '../../../shared/resources/flowRun/body';
import { FLOW_RUN_FIELDS } from '../../../shared/resources/flowRun/fields';
import { checkText } from '../../../shared/kernel/validation';
import type { ItemOperation } from '../../../shared/node/operations';
import { MAX_WAIT_SECONDS, checkMaxWaitSeconds } from '../../../shared/kernel/runWait';
import { waitForRun } from './waitForRun';
import { dateOrNow } from '../../../shared/node/dateTime';
import { timeOutput } from '../../../shared/resources/dataflow/body';
import {
	DATAFLOW_FIELDS,
	dataflowPicker,
	readFlowId,
} from '../../../shared/resources/dataflow/fields';

/** Run Now's own fields: parameter name and the label the editor shows. */
const WAIT_FIELDS = {
	waitForFinish: { field: 'waitForFinish', label: 'Wait for Run to Finish' },
	maxWaitSeconds: { field: 'maxWaitSeconds', label: 'Max Wait (Seconds)' },
} as const;

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
		placeholder: 'e.g. updated_at',
		description:
			"The column the window applies to. Required on a dataflow's first on-demand run; later runs may leave it empty but cannot change it.",
	},
	{
		displayName: WAIT_FIELDS.waitForFinish.label,
		name: WAIT_FIELDS.waitForFinish.field,
		type: 'boolean',
		default: false,
		description:
			'Whether to check the run until it succeeds or fails, then output its status, record counts and errors. Checks start 5 seconds apart and spread out to one a minute.',
	},
	{
		displayName: WAIT_FIELDS.maxWaitSeconds.label,
		name: WAIT_FIELDS.maxWaitSeconds.field,
		type: 'number',
		typeOptions: {
			minValue: MAX_WAIT_SECONDS.min,
			maxValue: MAX_WAIT_SECONDS.max,
			numberPrecision: 0,
		},
		default: 600,
		description:
			'How long to wait for the run, in seconds (1 to 43200, i.e. 12 hours). When it passes, the output has the run as last seen and wait.deadlinePassed true.',
		displayOptions: { show: { [WAIT_FIELDS.waitForFinish.field]: [true] } },
	},
];

const displayOptions = { show: { resource: ['flowRun'], operation: ['runNow'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Starts an on-demand run of a `once` dataflow (`POST /runs`, epoch seconds); the run starts
 * `scheduled`. With Wait for Run to Finish the output adds the finished run and `wait`.
 */
export const execute: ItemOperation = async function (itemIndex, ctx) {
	const flowId = readFlowId.call(this, itemIndex);
	const wait = this.getNodeParameter(WAIT_FIELDS.waitForFinish.field, itemIndex, false) === true;
	const maxWaitSeconds = wait
		? checkMaxWaitSeconds(
				WAIT_FIELDS.maxWaitSeconds,
				readParameter.call(this, WAIT_FIELDS.maxWaitSeconds.field, itemIndex),
			)
		: undefined;
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
	const finished =
		maxWaitSeconds === undefined
			? {}
			: await waitForRun.call(this, ctx, sandboxName, started.id, maxWaitSeconds, itemIndex);
	return {
		...started,
		flowId,
		...timeOutput('windowStart', body.params.windowStartTime, timeZone),
		...timeOutput('windowEnd', body.params.windowEndTime, timeZone),
		...finished,
		sandboxName,
	};
};
