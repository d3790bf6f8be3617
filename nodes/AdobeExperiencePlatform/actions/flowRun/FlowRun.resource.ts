import { defineResource } from '../../../shared/operations';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as retry from './retry.operation';
import * as runNow from './runNow.operation';

/** Flow Run (Flow Service `/runs`): the one list of its operations, in dropdown order. */
export const { operations, description } = defineResource(
	'flowRun',
	{ get, getAll, retry, runNow },
	'get',
);
