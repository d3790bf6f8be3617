import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as create from './create.operation';

/** The operations of the "Base Connection" resource; the router dispatches on these keys. */
export const operations: Record<string, OperationModule> = { create };

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['connection'] } },
	options: [
		{
			name: 'Create Base Connection',
			value: 'create',
			description: 'Create a Flow Service base connection to Redshift',
			action: 'Create a Redshift base connection',
		},
	],
	default: 'create',
};

export const description: INodeProperties[] = [operationField, ...create.description];
