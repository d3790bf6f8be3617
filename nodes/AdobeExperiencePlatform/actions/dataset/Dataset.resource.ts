import { defineResource, type OperationEntry } from '../../../shared/operations';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

// The one list of operations, in dropdown (alphabetical) order.
const OPERATIONS = {
	create: { name: 'Create', description: 'Create a Catalog dataset from an XDM schema', action: 'Create a dataset', module: create },
	get: { name: 'Get', description: 'Get a dataset and its schema ref', action: 'Get a dataset', module: get },
	getAll: { name: 'Get Many', description: 'List the datasets of the sandbox', action: 'Get many datasets', module: getAll },
} satisfies Record<string, OperationEntry>;

/** The values of the Operation parameter of the "Dataset" resource. */
export type DatasetOperation = keyof typeof OPERATIONS;

export const { operations, description } = defineResource<DatasetOperation>('dataset', OPERATIONS, 'getAll');
