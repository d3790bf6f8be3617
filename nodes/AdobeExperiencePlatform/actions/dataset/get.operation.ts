import { getDataset } from '../../../shared/resources/dataset/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { pickedOperation } from '../../../shared/node/handlers';
import { datasetPicker, readDatasetId } from '../../../shared/resources/dataset/fields';

const displayOptions = { show: { resource: ['dataset'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [datasetPicker()]);

/**
 * One dataset as Catalog returns it (name, description, schemaRef, created, updated, tags), its ID
 * and sandbox; `schemaRef.id` is what a target connection and a mapping set need.
 */
export const execute = pickedOperation(readDatasetId, getDataset);
