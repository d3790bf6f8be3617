import type { INodeProperties } from 'n8n-workflow';

import { ensureDataset } from '../../../shared/api/datasets';
import { SCHEMA_ID_PATTERN, getSchemaSummary } from '../../../shared/api/schemas';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { descriptionField, nameField } from '../../../shared/fields';
import { createOperation, ensuredOutput } from '../../../shared/handlers';
import { ifExistsField } from '../../../shared/ifExists';
import { FIELDS } from '../fields';
import { schemaLocator } from '../locators';
import { readDescription, readName, readPickedId } from '../parameters';

const IF_EXISTS = { field: 'ifExists', label: 'If a Dataset With This Name Exists' };

const properties: INodeProperties[] = [
	nameField(
		FIELDS.datasetName.label,
		FIELDS.datasetName.field,
		'Redshift orders',
		'Name of the dataset in Experience Platform',
	),
	schemaLocator(),
	descriptionField('dataset'),
	ifExistsField(IF_EXISTS.label, 'dataset'),
];

const displayOptions = { show: { resource: ['dataset'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * A Catalog dataset from an XDM schema. The schema is looked up first (its `$id`, also when
 * chosen by `meta:altId`); a same-name dataset is reused only when it has that schema.
 */
export const execute = createOperation({
	ifExists: IF_EXISTS,
	readInput(itemIndex) {
		const name = readName.call(this, FIELDS.datasetName, itemIndex);
		const schemaId = readPickedId.call(
			this,
			FIELDS.schemaId,
			itemIndex,
			SCHEMA_ID_PATTERN,
			'https://ns.adobe.com/acme/schemas/0f1e2d3c4b5a69788796a5b4c3d2e1f0',
		);
		const description = readDescription.call(this, FIELDS.description, itemIndex) || undefined;
		return { name, schemaId, description };
	},
	async ensure(ctx, sandboxName, input, ifExists, itemIndex) {
		const schema = await getSchemaSummary.call(this, ctx, sandboxName, input.schemaId, itemIndex);
		const dataset = { ...input, schemaId: schema.$id };
		return await ensureDataset.call(this, ctx, sandboxName, dataset, ifExists, itemIndex);
	},
	output: ensuredOutput,
});
