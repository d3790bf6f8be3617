import { deleteFlow } from '../../../shared/resources/dataflow/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { pickedOperation } from '../../../shared/node/handlers';
import { dataflowPicker, readFlowId } from '../../../shared/resources/dataflow/fields';

const displayOptions = { show: { resource: ['dataflow'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, [dataflowPicker()]);

/** `{id, deleted, alreadyAbsent, note?, sandboxName}` (see deleteFlow); its source and target connections stay (delete them apart). */
export const execute = pickedOperation(readFlowId, deleteFlow);
