import { getDataset } from '../../../shared/api/datasets';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { pickedOperation } from '../../../shared/handlers';
import type { OperationOption } from '../../../shared/operations';
import { datasetLocator } from '../locators';
import { readDatasetId } from '../parameters';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Get',
	description: 'Get a dataset and its schema ref',
	action: 'Get a dataset',
};

const displayOptions = { show: { resource: ['dataset'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [datasetLocator()]);

/**
 * One dataset as Catalog returns it (name, description, schemaRef, created, updated, tags), its ID
 * and sandbox; `schemaRef.id` is what a target connection and a mapping set need.
 */
export const execute = pickedOperation(readDatasetId, getDataset);
