import { flows } from '../../../shared/api/flows';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { pickedOperation } from '../../../shared/handlers';
import { simpleDataflow, simplifyField, withSimplify } from '../simplify';
import { dataflowPicker, readFlowId } from './dataflow.fields';

const displayOptions = { show: { resource: ['dataflow'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [dataflowPicker(), simplifyField]);

/**
 * The dataflow as Adobe returns it (state, schedule, transformations, last run…), plus the sandbox;
 * with Simplify (version 1.1), the 10 fields of simpleDataflow.
 */
export const execute = withSimplify(pickedOperation(readFlowId, flows.get), simpleDataflow);
