import { defineResource } from '../../../shared/node/operations';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as retry from './retry.operation';
import * as runNow from './runNow.operation';

/** Flow Run (Flow Service `/runs`): its operations, in dropdown order. */
export const { operations, description } = defineResource(
	'flowRun',
	{
		get: {
			module: get,
			name: 'Get',
			description: 'Get a run: status, record counts, duration and errors',
			action: 'Get a flow run',
		},
		getAll: {
			module: getAll,
			name: 'Get Many',
			description: 'List the runs of a dataflow, by status and time window',
			action: 'Get many flow runs',
		},
		retry: {
			module: retry,
			name: 'Retry',
			description: 'Retry a failed run',
			action: 'Retry a flow run',
		},
		runNow: {
			module: runNow,
			name: 'Run Now',
			description: 'Start an on-demand run of a dataflow scheduled Once',
			action: 'Run a dataflow now',
		},
	},
	'get',
);
