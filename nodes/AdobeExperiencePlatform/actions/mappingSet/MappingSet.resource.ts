import { defineResource } from '../../../shared/node/operations';
import * as create from './create.operation';
import * as get from './get.operation';
import * as validate from './validate.operation';

/** Mapping Set (Data Prep `/mappingSets`): its operations, in dropdown order. */
export const { operations, description } = defineResource(
	'mappingSet',
	{
		create: {
			module: create,
			name: 'Create',
			description:
				"Create a Data Prep mapping set, auto-mapped to the dataset's schema and validated first",
			action: 'Create a mapping set',
		},
		get: {
			module: get,
			name: 'Get',
			description: 'Get a mapping set by ID',
			action: 'Get a mapping set',
		},
		validate: {
			module: validate,
			name: 'Validate',
			description: 'Check the mapping Create would make, without creating it',
			action: 'Validate a mapping',
		},
	},
	'create',
);
