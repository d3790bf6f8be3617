import { defineResource } from '../../../shared/operations';
import * as create from './create.operation';
import * as createFromTable from './createFromTable.operation';
import * as deleteFlow from './delete.operation';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

/** Dataflow (Flow Service `/flows`): the one list of its operations, in dropdown order. */
export const { operations, description } = defineResource(
	'dataflow',
	{ create, createFromTable, delete: deleteFlow, disable, enable, get, getAll, update },
	'createFromTable',
);
