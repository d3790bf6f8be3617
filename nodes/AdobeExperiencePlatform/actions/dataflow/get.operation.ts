import { flows } from '../../../shared/resources/dataflow/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { pickedOperation } from '../../../shared/node/handlers';
import { simpleDataflow, simplifyField, withSimplify } from '../simplify';
import { dataflowPicker, readFlowId } from '../../../shared/resources/dataflow/fields';

const displayOptions = { show: { resource: ['dataflow'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [dataflowPicker(), simplifyField]);

/**
 * The dataflow as Adobe returns it (state, schedule, transformations, last run…), plus the sandbox;
 * with Simplify (version 1.1), the 10 fields of simpleDataflow.
 */
export const execute = withSimplify(pickedOperation(readFlowId, flows.get), simpleDataflow);
