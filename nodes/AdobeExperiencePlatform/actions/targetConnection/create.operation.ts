import { ensureTargetConnection } from '../../../shared/resources/targetConnection/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { withSandbox } from '../../../shared/node/handlers';
import { namedCreate } from '../namedCreate';
import { datasetPicker, readDatasetId } from '../../../shared/resources/dataset/fields';
import { TARGET_CONNECTION_FIELDS } from '../../../shared/resources/targetConnection/fields';

const targetConnection = namedCreate({
	thing: 'target connection',
	name: TARGET_CONNECTION_FIELDS.targetConnectionName,
	placeholder: 'Redshift orders to Data Lake',
	nameHelp: 'Name of the target connection in Experience Platform',
	description: true,
});

const properties = targetConnection.fields([
	datasetPicker(
		'The dataset the data lands in. Its XDM schema (schemaRef) is read from it: no schema to type.',
	),
]);

const displayOptions = { show: { resource: ['targetConnection'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** A Data Lake target connection for a dataset, with the dataset's schema (see ensureTargetConnection). */
export const execute = targetConnection.operation({
	readInput(itemIndex) {
		return { dataSetId: readDatasetId.call(this, itemIndex) };
	},
	ensure: ensureTargetConnection,
	output: (result, sandboxName) => ({
		...withSandbox(result.value, sandboxName),
		datasetName: result.dataset.name,
		reused: result.reused,
	}),
});
