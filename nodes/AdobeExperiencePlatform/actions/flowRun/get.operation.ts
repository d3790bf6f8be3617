import { getRun } from '../../../shared/api/runs';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { readSandbox } from '../../../shared/parameters';
import { FLOW_FIELDS, readUuidPicker, runPicker } from '../dataflow/dataflow.fields';
import { runOutput } from '../dataflow/dataflow.output';
import type { ItemOperation, OperationOption } from '../../../shared/operations';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Get',
	description: 'Get a run: status, record counts, duration and errors',
	action: 'Get a flow run',
};

const displayOptions = { show: { resource: ['flowRun'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [runPicker()]);

/** One run, summarised: status, records, durationMs, errors (see runOutput). */
export const execute: ItemOperation = async function (itemIndex, ctx) {
	const id = readUuidPicker.call(this, FLOW_FIELDS.runId, itemIndex);
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	return runOutput(await getRun.call(this, ctx, sandboxName, id, itemIndex), sandboxName);
};
