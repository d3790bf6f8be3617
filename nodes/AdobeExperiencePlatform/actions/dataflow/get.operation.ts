import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getFlow } from '../../../shared/api/flows';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { readSandbox } from '../../../shared/parameters';
import type { PlatformContext } from '../../../shared/transport';
import { FLOW_FIELDS, dataflowPicker, readUuidPicker } from './dataflow.fields';
import { dataflowOutput } from './dataflow.output';
import type { OperationOption } from '../../../shared/operations';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Get',
	description: 'Get a dataflow by ID',
	action: 'Get a dataflow',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['dataflow'], operation: ['get'] } },
	[dataflowPicker()],
);

/** The dataflow as Adobe returns it (state, schedule, transformations, last run…), plus the sandbox. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: PlatformContext,
): Promise<IDataObject> {
	const id = readUuidPicker.call(this, FLOW_FIELDS.flowId, itemIndex);
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	return dataflowOutput(await getFlow.call(this, ctx, sandboxName, id, itemIndex), sandboxName);
}
