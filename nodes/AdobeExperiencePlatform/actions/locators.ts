import type { INodeProperties } from 'n8n-workflow';

import { DATASET_ID_PATTERN } from '../../shared/api/datasets';
import { MAPPING_SET_ID_PATTERN } from '../../shared/api/mappingSets';
import { SCHEMA_ID_PATTERN } from '../../shared/api/schemas';
import { CONNECTION_ID_PATTERN } from '../../shared/validation';
import { idMode, picker } from '../../shared/locators';
import { FIELDS } from './fields';

/** The Dataset picker (list method searchDatasets): From List (the sandbox's datasets, searchable by name) or By ID. */
export function datasetLocator(description = 'The Catalog dataset. To chain from another node, choose By ID and drag its ID here.', name: string = FIELDS.datasetId.field): INodeProperties {
	return picker({
		displayName: FIELDS.datasetId.label,
		name,
		description,
		searchListMethod: 'searchDatasets',
		placeholder: 'Select a dataset...',
		modes: [idMode('5ba9452f7de80400007fc52a', DATASET_ID_PATTERN, 'Not a dataset ID: expected 24 hexadecimal characters such as 5ba9452f7de80400007fc52a')],
	});
}

/** The Schema picker (list method searchSchemas): From List (the tenant's XDM schemas, by title) or By ID ($id or meta:altId). */
export function schemaLocator(): INodeProperties {
	return picker({
		displayName: FIELDS.schemaId.label,
		name: FIELDS.schemaId.field,
		description: 'The XDM schema the dataset follows (Schema Registry, your tenant\'s schemas)',
		searchListMethod: 'searchSchemas',
		placeholder: 'Select a schema...',
		modes: [
			idMode(
				'https://ns.adobe.com/acme/schemas/0f1e2d3c4b5a69788796a5b4c3d2e1f0',
				SCHEMA_ID_PATTERN,
				'Not a schema ID: expected its $id (https://ns.adobe.com/...) or meta:altId (_tenant.schemas....)',
			),
		],
	});
}

/** The Target Connection picker (list method searchTargetConnections): the sandbox's Data Lake target connections, or By ID (a UUID). */
export function targetConnectionLocator(): INodeProperties {
	return picker({
		displayName: FIELDS.targetConnectionId.label,
		name: FIELDS.targetConnectionId.field,
		description: 'The Data Lake target connection. To chain from a Create node, choose By ID and drag its ID here.',
		searchListMethod: 'searchTargetConnections',
		placeholder: 'Select a target connection...',
		modes: [idMode('373e88fc-43da-4e3c-be88-fc43da3e3c0f', CONNECTION_ID_PATTERN, 'Not a target connection ID: expected a UUID such as 373e88fc-43da-4e3c-be88-fc43da3e3c0f')],
	});
}

/** The Source Connection picker (list method searchSourceConnections): the sandbox's Redshift source connections, or By ID (a UUID). */
export function sourceConnectionLocator(description: string): INodeProperties {
	return picker({
		displayName: FIELDS.sourceConnectionId.label,
		name: FIELDS.sourceConnectionId.field,
		description,
		searchListMethod: 'searchSourceConnections',
		placeholder: 'Select a source connection...',
		modes: [idMode('373e88fc-43da-4e3c-be88-fc43da3e3c0f', CONNECTION_ID_PATTERN, 'Not a source connection ID: expected a UUID such as 373e88fc-43da-4e3c-be88-fc43da3e3c0f')],
	});
}

/** The Mapping Set picker (list method searchMappingSets): the sandbox's mapping sets, or By ID (32 hexadecimal characters). */
export function mappingSetLocator(): INodeProperties {
	return picker({
		displayName: FIELDS.mappingSetId.label,
		name: FIELDS.mappingSetId.field,
		description: 'The Data Prep mapping set. To chain from a Create node, choose By ID and drag its ID here.',
		searchListMethod: 'searchMappingSets',
		placeholder: 'Select a mapping set...',
		modes: [idMode('0f1e2d3c4b5a69788796a5b4c3d2e1f0', MAPPING_SET_ID_PATTERN, 'Not a mapping set ID: expected 32 hexadecimal characters')],
	});
}
