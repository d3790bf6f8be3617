import { defineResource } from '../../../shared/operations';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

// The one list of operations, in dropdown (alphabetical) order; each module carries its option.
const OPERATIONS = { create, get, getAll };

/** The values of the Operation parameter. */
export type DatasetOperation = keyof typeof OPERATIONS;

/** The router's handlers (keyed by operation value) and the resource's fields, Operation dropdown first. */
export const { operations, description } = defineResource<DatasetOperation>(
	'dataset',
	OPERATIONS,
	'getAll',
);
