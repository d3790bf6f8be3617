import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
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
} satisfies Record<string, { name: string; description: string; action: string; module: OperationModule }>;

/** The values of the Operation parameter of the "Source Connection" resource. */
export type SourceConnectionOperation = keyof typeof OPERATIONS;

const entries = Object.entries(OPERATIONS) as Array<[SourceConnectionOperation, (typeof OPERATIONS)[SourceConnectionOperation]]>;

/** The router's handlers, keyed by operation value. */
export const operations = Object.fromEntries(entries.map(([value, entry]) => [value, entry.module])) as Record<SourceConnectionOperation, OperationModule>;

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['sourceConnection'] } },
	options: entries.map(([value, { name, description, action }]) => ({ name, value, description, action })),
	default: 'create',
};

export const description: INodeProperties[] = [operationField, ...entries.flatMap(([, entry]) => entry.module.description)];
