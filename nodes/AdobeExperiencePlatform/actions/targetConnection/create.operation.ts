import type { INodeProperties } from 'n8n-workflow';

import { DATASET_ID_PATTERN } from '../../../shared/api/datasets';
import { ensureTargetConnection } from '../../../shared/api/targetConnections';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { descriptionField, nameField } from '../../../shared/fields';
import { checkIfExists, ifExistsField } from '../../../shared/ifExists';
import { readParameter, readSandbox } from '../../../shared/parameters';
import { FIELDS } from '../fields';
import { datasetLocator } from '../locators';
import { readDescription, readName, readPickedId } from '../parameters';
import { targetConnectionOutput } from './output';
import type { ItemOperation, OperationOption } from '../../../shared/operations';

const IF_EXISTS_LABEL = 'If a Target Connection With This Name Exists';

const properties: INodeProperties[] = [
	nameField(
		FIELDS.targetConnectionName.label,
		FIELDS.targetConnectionName.field,
		'Redshift orders to Data Lake',
		'Name of the target connection in Experience Platform',
	),
	datasetLocator(
		'The dataset the data lands in. Its XDM schema (schemaRef) is read from it: no schema to type.',
	),
	descriptionField('target connection'),
	ifExistsField(IF_EXISTS_LABEL, 'target connection'),
];

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Create',
	description: 'Create a Data Lake target connection for a dataset, with its schema',
	action: 'Create a target connection',
};

const displayOptions = { show: { resource: ['targetConnection'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** A Data Lake target connection for a dataset, with the dataset's schema (see ensureTargetConnection). */
export const execute: ItemOperation = async function (itemIndex, ctx) {
	const name = readName.call(this, FIELDS.targetConnectionName, itemIndex);
	const dataSetId = readPickedId.call(
		this,
		FIELDS.datasetId,
		itemIndex,
		DATASET_ID_PATTERN,
		'5ba9452f7de80400007fc52a',
	);
	const description = readDescription.call(this, FIELDS.description, itemIndex);
	const ifExists = checkIfExists(IF_EXISTS_LABEL, readParameter.call(this, 'ifExists', itemIndex));
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	const { value, reused, dataset } = await ensureTargetConnection.call(
		this,
		ctx,
		sandboxName,
		{ name, dataSetId, description: description || undefined },
		ifExists,
		itemIndex,
	);
	return { ...targetConnectionOutput(value, sandboxName), datasetName: dataset.name, reused };
};
