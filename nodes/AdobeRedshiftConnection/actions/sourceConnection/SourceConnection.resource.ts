import { defineResource } from '../../../shared/operations';
import * as create from './create.operation';
import * as deleteSource from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

/** Source Connection (Flow Service `/sourceConnections`, Redshift tables): the one list of its operations, in dropdown order. */
export const { operations, description } = defineResource(
	'sourceConnection',
	{ create, delete: deleteSource, get, getAll },
	'create',
);
