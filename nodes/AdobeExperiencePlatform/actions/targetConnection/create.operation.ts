import type { INodeProperties } from 'n8n-workflow';

import { ensureTargetConnection } from '../../../shared/api/targetConnections';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { descriptionField, nameField } from '../../../shared/fields';
import { createOperation, withSandbox } from '../../../shared/handlers';
import { ifExistsField } from '../../../shared/ifExists';
import { FIELDS } from '../fields';
import { datasetLocator } from '../locators';
import { readDatasetId, readDescription, readName } from '../parameters';

const IF_EXISTS = { field: 'ifExists', label: 'If a Target Connection With This Name Exists' };

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
	ifExistsField(IF_EXISTS.label, 'target connection'),
];

const displayOptions = { show: { resource: ['targetConnection'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** A Data Lake target connection for a dataset, with the dataset's schema (see ensureTargetConnection). */
export const execute = createOperation({
	ifExists: IF_EXISTS,
	readInput(itemIndex) {
		const name = readName.call(this, FIELDS.targetConnectionName, itemIndex);
		const dataSetId = readDatasetId.call(this, itemIndex);
		const description = readDescription.call(this, FIELDS.description, itemIndex) || undefined;
		return { name, dataSetId, description };
	},
	ensure: ensureTargetConnection,
	output: (result, sandboxName) => ({
		...withSandbox(result.value, sandboxName),
		datasetName: result.dataset.name,
		reused: result.reused,
	}),
});
