import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { getSandboxes } from '../shared/methods/loadOptions';
import { searchFlowRuns } from '../shared/methods/searchFlowRuns';
import { actionPorts, platformNode } from '../shared/node/nodeDescription';
import {
	searchConnections,
	searchDataflows,
	searchDatasets,
	searchMappingSets,
	searchSchemas,
	searchSourceConnections,
	searchTargetConnections,
} from '../shared/methods/listSearch';
import { searchTables } from '../shared/methods/searchTables';
import { optionsField } from '../shared/node/options';
import { resourceField, resourceFields, router } from './actions/resources';

export class AdobeExperiencePlatform implements INodeType {
	description: INodeTypeDescription = {
		...platformNode('Adobe Experience Platform', 'adobeExperiencePlatform'),
		...actionPorts(),
		icon: {
			light: 'file:adobeExperiencePlatform.svg',
			dark: 'file:adobeExperiencePlatform.dark.svg',
		},
		// 1.1: Dataflow > Get Many's Source Connection filter is a picker (version 1 keeps its text
		// field); Dataflow and Target Connection Get / Get Many have Simplify, on by default (version 1
		// nodes keep the full answer).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Build and run dataflows in Adobe Experience Platform: datasets, target connections, mapping sets, dataflows (incl. Create From Table) and flow runs',
		usableAsTool: true,
		properties: [resourceField, ...resourceFields, optionsField],
	};

	methods = {
		loadOptions: { getSandboxes },
		listSearch: {
			searchConnections,
			searchDataflows,
			searchDatasets,
			searchFlowRuns,
			searchMappingSets,
			searchSchemas,
			searchSourceConnections,
			searchTables,
			searchTargetConnections,
		},
	};

	execute: INodeType['execute'] = router;
}
