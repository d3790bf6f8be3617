import { defineResource, type OperationEntry } from '../../../shared/operations';
import * as create from './create.operation';
import * as deleteConnection from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getTableSchema from './getTableSchema.operation';
import * as listTables from './listTables.operation';
import * as test from './test.operation';
import * as update from './update.operation';

// n8n wants actions in sentence case, which would lower-case "Redshift"; the node name says it.
// The one list of operations, in dropdown (alphabetical) order: each entry is its dropdown option
// and its module, so an option without a handler does not compile.
const OPERATIONS = {
	create: { name: 'Create', description: 'Create a Flow Service base connection to Redshift', action: 'Create a base connection', module: create },
	delete: { name: 'Delete', description: 'Delete a base connection', action: 'Delete a base connection', module: deleteConnection },
	get: { name: 'Get', description: 'Get a base connection by ID (without secrets)', action: 'Get a base connection', module: get },
	getAll: { name: 'Get Many', description: 'List the Redshift base connections of the sandbox', action: 'Get many base connections', module: getAll },
	getTableSchema: { name: 'Get Table Schema', description: 'Get the columns of a Redshift table, ready for a source connection', action: 'Get the schema of a table', module: getTableSchema },
	listTables: { name: 'List Tables', description: 'List the Redshift tables the connection can read', action: 'List tables', module: listTables },
	test: { name: 'Test', description: 'Check that Adobe can sign in to Redshift with the connection', action: 'Test a base connection', module: test },
	update: { name: 'Update', description: 'Rename, describe or rotate credentials, with etag protection', action: 'Update a base connection', module: update },
} satisfies Record<string, OperationEntry>;

/** The values of the Operation parameter of the "Base Connection" resource. */
export type BaseConnectionOperation = keyof typeof OPERATIONS;

/** The router's handlers (keyed by operation value) and the resource's fields, Operation dropdown first. */
export const { operations, description } = defineResource<BaseConnectionOperation>('baseConnection', OPERATIONS, 'create');
