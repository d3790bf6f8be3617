import { defineResource } from '../../../shared/node/operations';
import * as create from './create.operation';
import * as deleteSource from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

/** Source Connection (Flow Service `/sourceConnections`, Redshift tables): its operations, in dropdown order. */
export const { operations, description } = defineResource(
	'sourceConnection',
	{
		create: {
			module: create,
			name: 'Create',
			description: 'Create a source connection for a Redshift table, or reuse the existing one',
			action: 'Create a source connection',
		},
		delete: {
			module: deleteSource,
			name: 'Delete',
			description: 'Delete a source connection',
			action: 'Delete a source connection',
		},
		get: {
			module: get,
			name: 'Get',
			description: 'Get a source connection by ID',
			action: 'Get a source connection',
		},
		getAll: {
			module: getAll,
			name: 'Get Many',
			description: 'List the Redshift source connections of the sandbox or of one base connection',
			action: 'Get many source connections',
		},
	},
	'create',
);
