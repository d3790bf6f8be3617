import { flows } from '../../../shared/resources/dataflow/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { pickedOperation } from '../../../shared/node/handlers';
import { dataflowPicker, readFlowId } from '../../../shared/resources/dataflow/fields';

const displayOptions = { show: { resource: ['dataflow'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [dataflowPicker()]);

/** The dataflow as Adobe returns it (state, schedule, transformations, last run…), plus the sandbox. */
export const execute = pickedOperation(readFlowId, flows.get);
