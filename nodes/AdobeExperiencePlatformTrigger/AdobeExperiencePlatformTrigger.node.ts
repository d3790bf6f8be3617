import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { getSandboxes } from '../shared/methods/loadOptions';
import { searchDataflows } from '../shared/methods/listSearch';
import { platformNode } from '../shared/node/nodeDescription';
import { properties } from './description';
import { pollRuns } from './helpers/poll';

/** Polls Flow Service runs (`GET /runs`) and fires once per finished run matching the event (see helpers/cursor.ts). */
export class AdobeExperiencePlatformTrigger implements INodeType {
	description: INodeTypeDescription = {
		...platformNode('Adobe Experience Platform Trigger', 'adobeExperiencePlatformTrigger'),
		icon: {
			light: 'file:adobeExperiencePlatformTrigger.svg',
			dark: 'file:adobeExperiencePlatformTrigger.dark.svg',
		},
		group: ['trigger'],
		// 1.1: Watch defaults to All Dataflows in the Sandbox (version 1 nodes keep Selected Dataflows).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow when an Adobe Experience Platform dataflow run fails, succeeds or finishes',
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties,
	};

	methods = { loadOptions: { getSandboxes }, listSearch: { searchDataflows } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollRuns.call(this);
	}
}
