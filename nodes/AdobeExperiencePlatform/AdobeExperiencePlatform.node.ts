import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/constants';
import { getSandboxes } from '../shared/methods/loadOptions';
import { searchDataflows } from '../shared/methods/searchDataflows';
import { searchFlowRuns } from '../shared/methods/searchFlowRuns';
import { searchConnections, searchSourceConnections, searchTables } from '../shared/methods/redshiftPickers';
import { optionsField } from '../shared/options';
import { resourceField, resourceFields, router } from './actions/resources';
import { searchDatasets, searchSchemas } from './methods/listSearch';

export class AdobeExperiencePlatform implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Adobe Experience Platform',
		name: 'adobeExperiencePlatform',
		icon: { light: 'file:adobeExperiencePlatform.svg', dark: 'file:adobeExperiencePlatform.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Build the dataflow from a source to a dataset in Adobe Experience Platform: datasets, target connections, mapping sets',
		defaults: { name: 'Adobe Experience Platform' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [resourceField, ...resourceFields, optionsField],
	};

	methods = { loadOptions: { getSandboxes }, listSearch: { searchConnections, searchDataflows, searchDatasets, searchFlowRuns, searchSchemas, searchSourceConnections, searchTables } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
