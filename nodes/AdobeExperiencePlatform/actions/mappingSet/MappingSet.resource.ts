import { defineResource, type OperationEntry } from '../../../shared/operations';
import * as create from './create.operation';
import * as get from './get.operation';
import * as validate from './validate.operation';

// The one list of operations, in dropdown (alphabetical) order.
const OPERATIONS = {
	create: { name: 'Create', description: 'Create a Data Prep mapping set, auto-mapped to the dataset\'s schema and validated first', action: 'Create a mapping set', module: create },
	get: { name: 'Get', description: 'Get a mapping set by ID', action: 'Get a mapping set', module: get },
	validate: { name: 'Validate', description: 'Check the mapping Create would make, without creating it', action: 'Validate a mapping', module: validate },
} satisfies Record<string, OperationEntry>;

/** The values of the Operation parameter of the "Mapping Set" resource. */
export type MappingSetOperation = keyof typeof OPERATIONS;

export const { operations, description } = defineResource<MappingSetOperation>('mappingSet', OPERATIONS, 'create');
