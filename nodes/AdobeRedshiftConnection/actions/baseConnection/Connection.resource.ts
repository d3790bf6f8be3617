import { defineResource } from '../../../shared/node/operations';
import * as create from './create.operation';
import * as deleteConnection from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getTableSchema from './getTableSchema.operation';
import * as listTables from './listTables.operation';
import * as test from './test.operation';
import * as update from './update.operation';

/** Base Connection (Flow Service `/connections`, Redshift): its operations, in dropdown order. */
export const { operations, description } = defineResource(
	'baseConnection',
	{
		create: {
			module: create,
			name: 'Create',
			description: 'Create a Flow Service base connection to Redshift',
			action: 'Create a base connection',
		},
		delete: {
			module: deleteConnection,
			name: 'Delete',
			description: 'Delete a base connection',
			action: 'Delete a base connection',
		},
		get: {
			module: get,
			name: 'Get',
			description: 'Get a base connection by ID (without secrets)',
			action: 'Get a base connection',
		},
		getAll: {
			module: getAll,
			name: 'Get Many',
			description: 'List the Redshift base connections of the sandbox',
			action: 'Get many base connections',
		},
		getTableSchema: {
			module: getTableSchema,
			name: 'Get Table Schema',
			description: 'Get the columns of a Redshift table, ready for a source connection',
			action: 'Get the schema of a table',
		},
		listTables: {
			module: listTables,
			name: 'List Tables',
			description: 'List the Redshift tables the connection can read',
			action: 'List tables',
		},
		test: {
			module: test,
			name: 'Test',
			description: 'Check that Adobe can sign in to Redshift with the connection',
			action: 'Test a base connection',
		},
		update: {
			module: update,
			name: 'Update',
			description: 'Rename, describe or rotate credentials, with etag protection',
			action: 'Update a base connection',
		},
	},
	'create',
);

/** The values of the Operation parameter. */
export type BaseConnectionOperation = keyof typeof operations;
