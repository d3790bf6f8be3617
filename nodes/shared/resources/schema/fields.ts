import type { INodeProperties } from 'n8n-workflow';

import { idMode, pickerFor } from '../../node/picker';
import { defineFields, pickedIdReader } from '../../node/readers';
import { SCHEMA_ID_PATTERN } from './api';

export const SCHEMA_FIELDS = defineFields({ schemaId: 'Schema' });

const EXAMPLE = 'https://ns.adobe.com/acme/schemas/0f1e2d3c4b5a69788796a5b4c3d2e1f0';

/** The Schema picker (searchSchemas): From List (the tenant's XDM schemas, by title) or By ID ($id or meta:altId). */
export function schemaPicker(): INodeProperties {
	const byId = idMode(
		EXAMPLE,
		SCHEMA_ID_PATTERN,
		'Not a schema ID: expected its $id (https://ns.adobe.com/...) or meta:altId (_tenant.schemas....)',
	);
	const { field, label } = SCHEMA_FIELDS.schemaId;
	return pickerFor('searchSchemas', 'schema', byId)(
		field,
		label,
		"The XDM schema the dataset follows (Schema Registry, your tenant's schemas)",
	);
}

/** The Schema picker's ID ($id or meta:altId), checked. */
export const readSchemaId = pickedIdReader(SCHEMA_FIELDS.schemaId, SCHEMA_ID_PATTERN, EXAMPLE);
