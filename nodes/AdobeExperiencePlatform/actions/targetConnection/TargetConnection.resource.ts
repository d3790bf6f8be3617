import { defineResource } from '../../../shared/operations';
import * as create from './create.operation';
import * as deleteTarget from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

/** Target Connection (Flow Service `/targetConnections`, Data Lake): the one list of its operations, in dropdown order. */
export const { operations, description } = defineResource(
	'targetConnection',
	{ create, delete: deleteTarget, get, getAll },
	'create',
);
