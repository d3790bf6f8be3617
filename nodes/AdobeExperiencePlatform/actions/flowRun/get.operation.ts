import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getRun } from '../../../shared/api/runs';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { readSandbox } from '../../../shared/parameters';
import type { PlatformContext } from '../../../shared/transport';
import { FLOW_FIELDS, readUuidPicker, runPicker } from '../dataflow/dataflow.fields';
import { runOutput } from '../dataflow/dataflow.output';
import type { OperationOption } from '../../../shared/operations';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Get',
	description: 'Get a run: status, record counts, duration and errors',
	action: 'Get a flow run',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['flowRun'], operation: ['get'] } },
	[runPicker()],
);

/** One run, summarised: status, records, durationMs, errors (see runOutput). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: PlatformContext,
): Promise<IDataObject> {
	const id = readUuidPicker.call(this, FLOW_FIELDS.runId, itemIndex);
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	return runOutput(await getRun.call(this, ctx, sandboxName, id, itemIndex), sandboxName);
}
