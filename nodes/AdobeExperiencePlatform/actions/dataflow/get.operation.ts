import { getFlow } from '../../../shared/api/flows';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { pickedOperation } from '../../../shared/handlers';
import type { OperationOption } from '../../../shared/operations';
import { dataflowPicker, readFlowId } from './dataflow.fields';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Get',
	description: 'Get a dataflow by ID',
	action: 'Get a dataflow',
};

const displayOptions = { show: { resource: ['dataflow'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [dataflowPicker()]);

/** The dataflow as Adobe returns it (state, schedule, transformations, last run…), plus the sandbox. */
export const execute = pickedOperation(readFlowId, getFlow);
