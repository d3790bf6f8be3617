import type { INodeProperties } from 'n8n-workflow';

import { dataflowPicker } from '../shared/resources/dataflow/fields';
import { sandboxOption } from '../shared/node/options';

/** The trigger's events: which finished runs fire. */
export const EVENTS = {
	runFailed: { name: 'Run Failed', outcomes: ['failed'] },
	runSucceeded: { name: 'Run Succeeded', outcomes: ['success'] },
	anyRunFinished: { name: 'Any Run Finished', outcomes: ['success', 'failed'] },
} as const;

export type TriggerEvent = keyof typeof EVENTS;

/** Which dataflows' runs are watched. */
export type Scope = 'selected' | 'all';

/** What a reactivation by the user does with the runs that finished while the workflow was inactive. */
export const AFTER_PAUSE = {
	catchUp: 'Catch Up',
	startFromNow: 'Start From Now',
} as const;

export type AfterPause = keyof typeof AFTER_PAUSE;

/** Parameter names, for reading and for the errors that name them. */
export const PARAM = {
	event: 'event',
	scope: 'scope',
	dataflows: 'dataflows',
	dataflowId: 'dataflowId',
	afterPause: 'afterPause',
	options: 'options',
} as const;

/** Watch, with the default of the node versions `versions` (n8n stores only values that differ from the default). */
function watchField(defaultScope: Scope, versions: number[]): INodeProperties {
	return {
		displayName: 'Watch',
		name: PARAM.scope,
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Selected Dataflows',
				value: 'selected',
				description: 'Runs of the dataflows chosen below',
			},
			{
				name: 'All Dataflows in the Sandbox',
				value: 'all',
				description: 'Runs of every dataflow of the sandbox, including dataflows created later',
			},
		],
		default: defaultScope,
		displayOptions: { show: { '@version': versions } },
	};
}

export const properties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: PARAM.event,
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: EVENTS.runFailed.name,
				value: 'runFailed',
				description: 'A dataflow run ended with status failed',
			},
			{
				name: EVENTS.runSucceeded.name,
				value: 'runSucceeded',
				description: 'A dataflow run ended with status success',
			},
			{
				name: EVENTS.anyRunFinished.name,
				value: 'anyRunFinished',
				description:
					'A dataflow run ended: failed, successful, or another end state Adobe marks with a completion time',
			},
		],
		default: 'runFailed',
		description: 'Which finished runs start the workflow. Each run starts it once.',
	},
	// 1.1: a new trigger watches every dataflow of the sandbox, so its defaults activate (Selected
	// Dataflows with none chosen cannot); version 1 nodes keep Selected Dataflows as saved.
	watchField('selected', [1]),
	watchField('all', [1.1]),
	{
		displayName: 'Dataflows',
		name: PARAM.dataflows,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Dataflow',
		default: {},
		displayOptions: { show: { [PARAM.scope]: ['selected'] } },
		options: [
			{
				displayName: 'Dataflow',
				name: 'items',
				values: [dataflowPicker('A dataflow whose runs are watched', PARAM.dataflowId)],
			},
		],
	},
	{
		displayName: 'After a Pause',
		name: PARAM.afterPause,
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: AFTER_PAUSE.catchUp,
				value: 'catchUp',
				description:
					'Fire once for each matching run that finished while the workflow was inactive (runs started up to 7 days before)',
			},
			{
				name: AFTER_PAUSE.startFromNow,
				value: 'startFromNow',
				description: 'Skip the runs that finished while the workflow was inactive',
			},
		],
		default: 'catchUp',
		description:
			'What activating the workflow again does with runs that finished while it was inactive. A restart of n8n or saving the active workflow always continues where the trigger stopped.',
	},
	{
		displayName:
			'First activation starts from now: runs that finished before are not replayed. Activating again after a pause catches up: each matching run that finished meanwhile (started up to 7 days before) fires once. Runs in progress fire when they finish. Fetch Test Event shows the latest matching run.',
		name: 'catchUpNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { [PARAM.afterPause]: ['catchUp'] } },
	},
	{
		displayName:
			'Every activation starts from now: runs that finished before, also while the workflow was inactive, are not replayed. Runs in progress at activation fire when they finish. Fetch Test Event shows the latest matching run.',
		name: 'startFromNowNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { [PARAM.afterPause]: ['startFromNow'] } },
	},
	{
		displayName: 'Options',
		name: PARAM.options,
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [sandboxOption()],
	},
];
