import { ensureDataset } from '../../../shared/resources/dataset/api';
import { SCHEMA_ID_PATTERN, getSchemaSummary } from '../../../shared/resources/schema/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { ensuredOutput } from '../../../shared/node/handlers';
import { namedCreate } from '../namedCreate';
import { readPickedId } from '../../../shared/node/readers';
import { schemaPicker, SCHEMA_FIELDS } from '../../../shared/resources/schema/fields';
import { DATASET_FIELDS } from '../../../shared/resources/dataset/fields';

const dataset = namedCreate({
	thing: 'dataset',
	name: DATASET_FIELDS.datasetName,
	placeholder: 'Redshift orders',
	nameHelp: 'Name of the dataset in Experience Platform',
	description: true,
});

const properties = dataset.fields([schemaPicker()]);

const displayOptions = { show: { resource: ['dataset'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * A Catalog dataset from an XDM schema. The schema is looked up first (its `$id`, also when
 * chosen by `meta:altId`); a same-name dataset is reused only when it has that schema.
 */
export const execute = dataset.operation({
	readInput(itemIndex) {
		const schemaId = readPickedId.call(
			this,
			SCHEMA_FIELDS.schemaId,
			itemIndex,
			SCHEMA_ID_PATTERN,
			'https://ns.adobe.com/acme/schemas/0f1e2d3c4b5a69788796a5b4c3d2e1f0',
		);
		return { schemaId };
	},
	async ensure(ctx, sandboxName, input, ifExists, itemIndex) {
		const schema = await getSchemaSummary.call(this, ctx, sandboxName, input.schemaId, itemIndex);
		const dataset = { ...input, schemaId: schema.$id };
		return await ensureDataset.call(this, ctx, sandboxName, dataset, ifExists, itemIndex);
	},
	output: ensuredOutput,
});
