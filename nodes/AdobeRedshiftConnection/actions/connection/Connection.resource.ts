import { defineResource } from '../../../shared/operations';
import * as create from './create.operation';
import * as deleteConnection from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getTableSchema from './getTableSchema.operation';
import * as listTables from './listTables.operation';
import * as test from './test.operation';
import * as update from './update.operation';

/** Base Connection (Flow Service `/connections`, Redshift): the one list of its operations, in dropdown order. */
export const { operations, description } = defineResource(
	'baseConnection',
	{
		create,
		delete: deleteConnection,
		get,
		getAll,
		getTableSchema,
		listTables,
		test,
		update,
	},
	'create',
);

/** The values of the Operation parameter. */
export type BaseConnectionOperation = keyof typeof operations;
