import type { IExecuteFunctions } from 'n8n-workflow';

import { DATASET_ID_PATTERN, getDataset } from '../../../shared/api/datasets';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { readSandbox } from '../../../shared/parameters';
import { FIELDS } from '../fields';
import { datasetLocator } from '../locators';
import { readPickedId } from '../parameters';
import { datasetOutput } from './output';
import type { ItemOperation, OperationOption } from '../../../shared/operations';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Get',
	description: 'Get a dataset and its schema ref',
	action: 'Get a dataset',
};

const displayOptions = { show: { resource: ['dataset'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [datasetLocator()]);

/** The dataset's ID, checked as the Dataset picker's By ID mode checks it. */
export function readDatasetId(this: IExecuteFunctions, itemIndex: number): string {
	return readPickedId.call(
		this,
		FIELDS.datasetId,
		itemIndex,
		DATASET_ID_PATTERN,
		'5ba9452f7de80400007fc52a',
	);
}

/** One dataset with its schema ref (`schemaRef.id` is what a target connection and a mapping set need). */
export const execute: ItemOperation = async function (itemIndex, ctx) {
	const id = readDatasetId.call(this, itemIndex);
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	return datasetOutput(await getDataset.call(this, ctx, sandboxName, id, itemIndex), sandboxName);
};
