import { defineResource } from '../../../shared/operations';
import * as create from './create.operation';
import * as get from './get.operation';
import * as validate from './validate.operation';

/** Mapping Set (Data Prep `/mappingSets`): the one list of its operations, in dropdown order. */
export const { operations, description } = defineResource(
	'mappingSet',
	{ create, get, validate },
	'create',
);
