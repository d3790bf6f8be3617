import type { INodeProperties } from 'n8n-workflow';

import { ensureDataset } from '../../../shared/api/datasets';
import { SCHEMA_ID_PATTERN, getSchemaSummary } from '../../../shared/api/schemas';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { descriptionField, nameField } from '../../../shared/fields';
import { checkIfExists, ifExistsField } from '../../../shared/ifExists';
import { readParameter, readSandbox } from '../../../shared/parameters';
import { FIELDS } from '../fields';
import { schemaLocator } from '../locators';
import { readDescription, readName, readPickedId } from '../parameters';
import { datasetOutput } from './output';
import type { ItemOperation, OperationOption } from '../../../shared/operations';

const IF_EXISTS_LABEL = 'If a Dataset With This Name Exists';

const properties: INodeProperties[] = [
	nameField(
		FIELDS.datasetName.label,
		FIELDS.datasetName.field,
		'Redshift orders',
		'Name of the dataset in Experience Platform',
	),
	schemaLocator(),
	descriptionField('dataset'),
	ifExistsField(IF_EXISTS_LABEL, 'dataset'),
];

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Create',
	description: 'Create a Catalog dataset from an XDM schema',
	action: 'Create a dataset',
};

const displayOptions = { show: { resource: ['dataset'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * A Catalog dataset from an XDM schema. The schema is looked up first (its `$id`, also when
 * chosen by `meta:altId`); a same-name dataset is reused only when it has that schema.
 */
export const execute: ItemOperation = async function (itemIndex, ctx) {
	const name = readName.call(this, FIELDS.datasetName, itemIndex);
	const schemaId = readPickedId.call(
		this,
		FIELDS.schemaId,
		itemIndex,
		SCHEMA_ID_PATTERN,
		'https://ns.adobe.com/acme/schemas/0f1e2d3c4b5a69788796a5b4c3d2e1f0',
	);
	const description = readDescription.call(this, FIELDS.description, itemIndex);
	const ifExists = checkIfExists(IF_EXISTS_LABEL, readParameter.call(this, 'ifExists', itemIndex));
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	const schema = await getSchemaSummary.call(this, ctx, sandboxName, schemaId, itemIndex);
	const { value, reused } = await ensureDataset.call(
		this,
		ctx,
		sandboxName,
		{ name, schemaId: schema.$id, description: description || undefined },
		ifExists,
		itemIndex,
	);
	return { ...datasetOutput(value, sandboxName), reused };
};
