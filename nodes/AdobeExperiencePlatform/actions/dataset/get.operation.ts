import { getDataset } from '../../../shared/resources/dataset/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { pickedOperation } from '../../../shared/node/handlers';
import { datasetLocator } from '../locators';
import { readDatasetId } from '../parameters';

const displayOptions = { show: { resource: ['dataset'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [datasetLocator()]);

/**
 * One dataset as Catalog returns it (name, description, schemaRef, created, updated, tags), its ID
 * and sandbox; `schemaRef.id` is what a target connection and a mapping set need.
 */
export const execute = pickedOperation(readDatasetId, getDataset);
