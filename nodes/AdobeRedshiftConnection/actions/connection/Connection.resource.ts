import { defineResource } from '../../../shared/operations';
import * as create from './create.operation';
import * as deleteConnection from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getTableSchema from './getTableSchema.operation';
import * as listTables from './listTables.operation';
import * as test from './test.operation';
import * as update from './update.operation';

// The one list of operations, in dropdown (alphabetical) order; each module carries its option.
const OPERATIONS = {
	create,
	delete: deleteConnection,
	get,
	getAll,
	getTableSchema,
	listTables,
	test,
	update,
};

/** The values of the Operation parameter. */
export type BaseConnectionOperation = keyof typeof OPERATIONS;

/** The router's handlers (keyed by operation value) and the resource's fields, Operation dropdown first. */
export const { operations, description } = defineResource<BaseConnectionOperation>(
	'baseConnection',
	OPERATIONS,
	'create',
);
