import type { INodeProperties } from 'n8n-workflow';

import { DATASET_ID_PATTERN } from '../../shared/resources/dataset/api';
import { MAPPING_SET_ID_PATTERN } from '../../shared/resources/mappingSet/api';
import { SCHEMA_ID_PATTERN } from '../../shared/resources/schema/api';
import { idMode, pickerFor, uuidMode } from '../../shared/node/picker';
import { FIELDS } from './fields';

const targetConnectionPicker = pickerFor(
	'searchTargetConnections',
	'target connection',
	uuidMode('target connection'),
);

const sourceConnectionPicker = pickerFor(
	'searchSourceConnections',
	'source connection',
	uuidMode('source connection'),
);

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
	return pickerFor('searchDatasets', 'dataset', byId)(name, FIELDS.datasetId.label, description);
}

/** The Schema picker (list method searchSchemas): From List (the tenant's XDM schemas, by title) or By ID ($id or meta:altId). */
export function schemaLocator(): INodeProperties {
	const byId = idMode(
		'https://ns.adobe.com/acme/schemas/0f1e2d3c4b5a69788796a5b4c3d2e1f0',
		SCHEMA_ID_PATTERN,
		'Not a schema ID: expected its $id (https://ns.adobe.com/...) or meta:altId (_tenant.schemas....)',
	);
	const description = "The XDM schema the dataset follows (Schema Registry, your tenant's schemas)";
	return pickerFor('searchSchemas', 'schema', byId)(
		FIELDS.schemaId.field,
		FIELDS.schemaId.label,
		description,
	);
}

/** The Target Connection picker (list method searchTargetConnections): the sandbox's Data Lake target connections, or By ID (a UUID). */
export function targetConnectionLocator(): INodeProperties {
	const description =
		'The Data Lake target connection. To chain from a Create node, choose By ID and drag its ID here.';
	return targetConnectionPicker(
		FIELDS.targetConnectionId.field,
		FIELDS.targetConnectionId.label,
		description,
	);
}

/** The Source Connection picker (list method searchSourceConnections): the sandbox's Redshift source connections, or By ID (a UUID). */
export function sourceConnectionLocator(description: string): INodeProperties {
	return sourceConnectionPicker(
		FIELDS.sourceConnectionId.field,
		FIELDS.sourceConnectionId.label,
		description,
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
	return pickerFor('searchMappingSets', 'mapping set', byId)(
		FIELDS.mappingSetId.field,
		FIELDS.mappingSetId.label,
		description,
	);
}
