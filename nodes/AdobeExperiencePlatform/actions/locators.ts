import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { DATASET_ID_PATTERN } from '../../shared/api/datasets';
import { MAPPING_SET_ID_PATTERN } from '../../shared/api/mappingSets';
import { SCHEMA_ID_PATTERN } from '../../shared/api/schemas';
import { idMode, picker, uuidMode } from '../../shared/locators';
import { FIELDS } from './fields';

/**
 * A picker of this node: From List through `searchListMethod` (placeholder "Select a <thing>..."), then `mode`.
 * @param label the field's label (FIELDS)
 * @param name the parameter name
 */
function locator(
	label: string,
	name: string,
	description: string,
	searchListMethod: string,
	thing: string,
	mode: INodePropertyMode,
): INodeProperties {
	return picker({
		displayName: label,
		name,
		description,
		searchListMethod,
		placeholder: `Select a ${thing}...`,
		modes: [mode],
	});
}

/** The Dataset picker (list method searchDatasets): From List (the sandbox's datasets, searchable by name) or By ID. */
export function datasetLocator(
	description = 'The Catalog dataset. To chain from another node, choose By ID and drag its ID here.',
	name: string = FIELDS.datasetId.field,
): INodeProperties {
	const byId = idMode(
		'5ba9452f7de80400007fc52a',
		DATASET_ID_PATTERN,
		'Not a dataset ID: expected 24 hexadecimal characters such as 5ba9452f7de80400007fc52a',
	);
	return locator(FIELDS.datasetId.label, name, description, 'searchDatasets', 'dataset', byId);
}

/** The Schema picker (list method searchSchemas): From List (the tenant's XDM schemas, by title) or By ID ($id or meta:altId). */
export function schemaLocator(): INodeProperties {
	const byId = idMode(
		'https://ns.adobe.com/acme/schemas/0f1e2d3c4b5a69788796a5b4c3d2e1f0',
		SCHEMA_ID_PATTERN,
		'Not a schema ID: expected its $id (https://ns.adobe.com/...) or meta:altId (_tenant.schemas....)',
	);
	const description = "The XDM schema the dataset follows (Schema Registry, your tenant's schemas)";
	return locator(
		FIELDS.schemaId.label,
		FIELDS.schemaId.field,
		description,
		'searchSchemas',
		'schema',
		byId,
	);
}

/** The Target Connection picker (list method searchTargetConnections): the sandbox's Data Lake target connections, or By ID (a UUID). */
export function targetConnectionLocator(): INodeProperties {
	const description =
		'The Data Lake target connection. To chain from a Create node, choose By ID and drag its ID here.';
	return locator(
		FIELDS.targetConnectionId.label,
		FIELDS.targetConnectionId.field,
		description,
		'searchTargetConnections',
		'target connection',
		uuidMode('target connection'),
	);
}

/** The Source Connection picker (list method searchSourceConnections): the sandbox's Redshift source connections, or By ID (a UUID). */
export function sourceConnectionLocator(description: string): INodeProperties {
	return locator(
		FIELDS.sourceConnectionId.label,
		FIELDS.sourceConnectionId.field,
		description,
		'searchSourceConnections',
		'source connection',
		uuidMode('source connection'),
	);
}

/** The Mapping Set picker (list method searchMappingSets): the sandbox's mapping sets, or By ID (32 hexadecimal characters). */
export function mappingSetLocator(): INodeProperties {
	const byId = idMode(
		'0f1e2d3c4b5a69788796a5b4c3d2e1f0',
		MAPPING_SET_ID_PATTERN,
		'Not a mapping set ID: expected 32 hexadecimal characters',
	);
	const description =
		'The Data Prep mapping set. To chain from a Create node, choose By ID and drag its ID here.';
	return locator(
		FIELDS.mappingSetId.label,
		FIELDS.mappingSetId.field,
		description,
		'searchMappingSets',
		'mapping set',
		byId,
	);
}
