import { defineResource } from '../../../shared/node/operations';
import * as create from './create.operation';
import * as deleteTarget from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

/** Target Connection (Flow Service `/targetConnections`, Data Lake): its operations, in dropdown order. */
export const { operations, description } = defineResource(
	'targetConnection',
	{
		create: {
			module: create,
			name: 'Create',
			description: 'Create a Data Lake target connection for a dataset, with its schema',
			action: 'Create a target connection',
		},
		delete: {
			module: deleteTarget,
			name: 'Delete',
			description: 'Delete a target connection no dataflow uses',
			action: 'Delete a target connection',
		},
		get: {
			module: get,
			name: 'Get',
			description: 'Get a target connection by ID',
			action: 'Get a target connection',
		},
		getAll: {
			module: getAll,
			name: 'Get Many',
			description: 'List the Data Lake target connections of the sandbox',
			action: 'Get many target connections',
		},
	},
	'create',
);
