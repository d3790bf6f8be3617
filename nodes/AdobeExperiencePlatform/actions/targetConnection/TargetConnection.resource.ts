import { defineResource, type OperationEntry } from '../../../shared/operations';
import * as create from './create.operation';
import * as deleteTarget from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

// The one list of operations, in dropdown (alphabetical) order.
const OPERATIONS = {
	create: { name: 'Create', description: 'Create a Data Lake target connection for a dataset, with its schema', action: 'Create a target connection', module: create },
	delete: { name: 'Delete', description: 'Delete a target connection no dataflow uses', action: 'Delete a target connection', module: deleteTarget },
	get: { name: 'Get', description: 'Get a target connection by ID', action: 'Get a target connection', module: get },
	getAll: { name: 'Get Many', description: 'List the Data Lake target connections of the sandbox', action: 'Get many target connections', module: getAll },
} satisfies Record<string, OperationEntry>;

/** The values of the Operation parameter of the "Target Connection" resource. */
export type TargetConnectionOperation = keyof typeof OPERATIONS;

export const { operations, description } = defineResource<TargetConnectionOperation>('targetConnection', OPERATIONS, 'create');
