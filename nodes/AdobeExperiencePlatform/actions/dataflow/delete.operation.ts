import { deleteFlow } from '../../../shared/api/flows';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { readSandbox } from '../../../shared/parameters';
import { FLOW_FIELDS, dataflowPicker, readUuidPicker } from './dataflow.fields';
import type { ItemOperation, OperationOption } from '../../../shared/operations';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Delete',
	description: 'Delete a dataflow',
	action: 'Delete a dataflow',
};

const displayOptions = { show: { resource: ['dataflow'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, [dataflowPicker()]);

/** `{id, deleted, alreadyAbsent, sandboxName}`; its source and target connections stay (delete them apart). */
export const execute: ItemOperation = async function (itemIndex, ctx) {
	const id = readUuidPicker.call(this, FLOW_FIELDS.flowId, itemIndex);
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	return { ...(await deleteFlow.call(this, ctx, sandboxName, id, itemIndex)), sandboxName };
};
