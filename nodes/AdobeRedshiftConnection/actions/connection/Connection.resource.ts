import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as create from './create.operation';
import * as deleteConnection from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getTableSchema from './getTableSchema.operation';
import * as listTables from './listTables.operation';
import * as test from './test.operation';
import * as update from './update.operation';

/** The operations of the "Base Connection" resource; the router dispatches on these keys. */
export const operations: Record<string, OperationModule> = {
	create,
	get,
	getAll,
	update,
	delete: deleteConnection,
	test,
	listTables,
	getTableSchema,
};

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['baseConnection'] } },
	// n8n wants actions in sentence case, which would lower-case "Redshift"; the node name says it.
	options: [
		{ name: 'Create', value: 'create', description: 'Create a Flow Service base connection to Redshift', action: 'Create a base connection' },
		{ name: 'Delete', value: 'delete', description: 'Delete a base connection', action: 'Delete a base connection' },
		{ name: 'Get', value: 'get', description: 'Get a base connection by ID (without secrets)', action: 'Get a base connection' },
		{ name: 'Get Many', value: 'getAll', description: 'List the Redshift base connections of the sandbox', action: 'Get many base connections' },
		{ name: 'Get Table Schema', value: 'getTableSchema', description: 'Get the columns of a Redshift table, ready for a source connection', action: 'Get the schema of a table' },
		{ name: 'List Tables', value: 'listTables', description: 'List the Redshift tables the connection can read', action: 'List tables' },
		{ name: 'Test', value: 'test', description: 'Check that Adobe can sign in to Redshift with the connection', action: 'Test a base connection' },
		{ name: 'Update', value: 'update', description: 'Rename, describe or rotate credentials, with etag protection', action: 'Update a base connection' },
	],
	default: 'create',
};

export const description: INodeProperties[] = [
	operationField,
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...deleteConnection.description,
	...test.description,
	...listTables.description,
	...getTableSchema.description,
];
