import { defineResource, type OperationEntry } from '../../../shared/operations';
import * as create from './create.operation';
import * as deleteSource from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

// The one list of operations, in dropdown (alphabetical) order: each entry is its dropdown option
// and its module, so an option without a handler does not compile.
const OPERATIONS = {
	create: { name: 'Create', description: 'Create a source connection for a Redshift table, or reuse the existing one', action: 'Create a source connection', module: create },
	delete: { name: 'Delete', description: 'Delete a source connection', action: 'Delete a source connection', module: deleteSource },
	get: { name: 'Get', description: 'Get a source connection by ID', action: 'Get a source connection', module: get },
	getAll: { name: 'Get Many', description: 'List the Redshift source connections of the sandbox or of one base connection', action: 'Get many source connections', module: getAll },
} satisfies Record<string, OperationEntry>;

/** The values of the Operation parameter of the "Source Connection" resource. */
export type SourceConnectionOperation = keyof typeof OPERATIONS;

/** The router's handlers (keyed by operation value) and the resource's fields, Operation dropdown first. */
export const { operations, description } = defineResource<SourceConnectionOperation>('sourceConnection', OPERATIONS, 'create');
