import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { deleteFlow } from '../../../shared/api/flows';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { readSandbox } from '../../../shared/parameters';
import type { PlatformContext } from '../../../shared/transport';
import { FLOW_FIELDS, dataflowPicker, readUuidPicker } from './dataflow.fields';
import type { OperationOption } from '../../../shared/operations';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Delete',
	description: 'Delete a dataflow',
	action: 'Delete a dataflow',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['dataflow'], operation: ['delete'] } },
	[dataflowPicker()],
);

/** `{id, deleted, alreadyAbsent, sandboxName}`; its source and target connections stay (delete them apart). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: PlatformContext,
): Promise<IDataObject> {
	const id = readUuidPicker.call(this, FLOW_FIELDS.flowId, itemIndex);
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	return { ...(await deleteFlow.call(this, ctx, sandboxName, id, itemIndex)), sandboxName };
}
