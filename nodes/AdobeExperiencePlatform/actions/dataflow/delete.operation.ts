import { deleteFlow } from '../../../shared/api/flows';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { pickedOperation } from '../../../shared/handlers';
import type { OperationOption } from '../../../shared/operations';
import { dataflowPicker, readFlowId } from './dataflow.fields';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Delete',
	description: 'Delete a dataflow',
	action: 'Delete a dataflow',
};

const displayOptions = { show: { resource: ['dataflow'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, [dataflowPicker()]);

/** `{id, deleted, alreadyAbsent, note?, sandboxName}` (see deleteFlow); its source and target connections stay (delete them apart). */
export const execute = pickedOperation(readFlowId, deleteFlow);
