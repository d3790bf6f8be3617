import { defineResource } from '../../../shared/operations';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

/** Dataset (Catalog `/dataSets`): the one list of its operations, in dropdown order. */
export const { operations, description } = defineResource(
	'dataset',
	{ create, get, getAll },
	'getAll',
);
