import { getFlow } from '../../../shared/api/flows';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { readSandbox } from '../../../shared/parameters';
import { FLOW_FIELDS, dataflowPicker, readUuidPicker } from './dataflow.fields';
import { dataflowOutput } from './dataflow.output';
import type { ItemOperation, OperationOption } from '../../../shared/operations';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Get',
	description: 'Get a dataflow by ID',
	action: 'Get a dataflow',
};

const displayOptions = { show: { resource: ['dataflow'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [dataflowPicker()]);

/** The dataflow as Adobe returns it (state, schedule, transformations, last run…), plus the sandbox. */
export const execute: ItemOperation = async function (itemIndex, ctx) {
	const id = readUuidPicker.call(this, FLOW_FIELDS.flowId, itemIndex);
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	return dataflowOutput(await getFlow.call(this, ctx, sandboxName, id, itemIndex), sandboxName);
};
