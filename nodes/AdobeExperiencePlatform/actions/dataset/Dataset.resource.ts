import { defineResource } from '../../../shared/node/operations';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

/** Dataset (Catalog `/dataSets`): its operations, in dropdown order. */
export const { operations, description } = defineResource(
	'dataset',
	{
		create: {
			module: create,
			name: 'Create',
			description: 'Create a Catalog dataset from an XDM schema',
			action: 'Create a dataset',
		},
		get: {
			module: get,
			name: 'Get',
			description: 'Get a dataset and its schema ref',
			action: 'Get a dataset',
		},
		getAll: {
			module: getAll,
			name: 'Get Many',
			description: 'List the datasets of the sandbox',
			action: 'Get many datasets',
		},
	},
	'getAll',
);
