import { defineResource } from '../../../shared/node/operations';
import * as create from './create.operation';
import * as createFromTable from './createFromTable.operation';
import * as deleteFlow from './delete.operation';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

/** Dataflow (Flow Service `/flows`): its operations, in dropdown order. */
export const { operations, description } = defineResource(
	'dataflow',
	{
		create: {
			module: create,
			name: 'Create',
			description:
				'Create a dataflow from a source connection, a target connection and a mapping set',
			action: 'Create a dataflow',
		},
		createFromTable: {
			module: createFromTable,
			name: 'Create From Table (All Steps)',
			description:
				'Source connection, target connection, mapping set (auto-mapped) and dataflow in one step; re-runs reuse what exists',
			action: 'Create a dataflow from a table',
		},
		delete: {
			module: deleteFlow,
			name: 'Delete',
			description: 'Delete a dataflow',
			action: 'Delete a dataflow',
		},
		disable: {
			module: disable,
			name: 'Disable',
			description: "Stop a dataflow's schedule",
			action: 'Disable a dataflow',
		},
		enable: {
			module: enable,
			name: 'Enable',
			description: "Resume a dataflow's schedule",
			action: 'Enable a dataflow',
		},
		get: {
			module: get,
			name: 'Get',
			description: 'Get a dataflow by ID',
			action: 'Get a dataflow',
		},
		getAll: {
			module: getAll,
			name: 'Get Many',
			description: 'List dataflows, by source connection and state',
			action: 'Get many dataflows',
		},
		update: {
			module: update,
			name: 'Update',
			description: 'Change name, schedule or mapping version, with etag protection',
			action: 'Update a dataflow',
		},
	},
	'createFromTable',
);
