import type { INodeProperties } from 'n8n-workflow';

import { DATASET_ID_PATTERN } from '../../shared/api/datasets';
import { SCHEMA_ID_PATTERN } from '../../shared/api/schemas';
import { picker } from '../../shared/locators';

/** The Dataset picker (list method searchDatasets): From List (the sandbox's datasets, searchable by name) or By ID. */
export function datasetLocator(description = 'The Catalog dataset. To chain from another node, choose By ID and drag its ID here.'): INodeProperties {
	return picker({
		displayName: 'Dataset',
		name: 'datasetId',
		searchListMethod: 'searchDatasets',
		listPlaceholder: 'Select a dataset...',
		idPlaceholder: '5ba9452f7de80400007fc52a',
		idPattern: DATASET_ID_PATTERN,
		idError: 'Not a dataset ID: expected 24 hexadecimal characters such as 5ba9452f7de80400007fc52a',
		description,
	});
}

/** The Schema picker (list method searchSchemas): From List (the tenant's XDM schemas, by title) or By ID ($id or meta:altId). */
export function schemaLocator(): INodeProperties {
	return picker({
		displayName: 'Schema',
		name: 'schemaId',
		searchListMethod: 'searchSchemas',
		listPlaceholder: 'Select a schema...',
		idPlaceholder: 'https://ns.adobe.com/acme/schemas/0f1e2d3c4b5a69788796a5b4c3d2e1f0',
		idPattern: SCHEMA_ID_PATTERN,
		idError: 'Not a schema ID: expected its $id (https://ns.adobe.com/...) or meta:altId (_tenant.schemas....)',
		description: 'The XDM schema the dataset follows (Schema Registry, your tenant\'s schemas)',
	});
}
