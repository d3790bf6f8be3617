import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idMode, pickerOf } from '../../node/picker';
import { defineFields, LIMITS, readOptionalPickedId, pickedIdReader } from '../../node/readers';
import { DATASET_ID_PATTERN } from './api';

export const DATASET_FIELDS = defineFields({
	datasetId: 'Dataset',
	datasetName: { label: 'Dataset Name', maxLength: LIMITS.name },
	datasetFilter: { label: 'Dataset', path: 'filters.datasetId' },
});

/** A Catalog dataset ID as examples show it: 24 hexadecimal characters. */
export const DATASET_ID_EXAMPLE = '5ba9452f7de80400007fc52a';

/** The Dataset picker (searchDatasets): From List (the sandbox's datasets, by name) or By ID. */
export function datasetPicker(
	description = 'The Catalog dataset. To chain from another node, choose By ID and drag its ID here.',
): INodeProperties {
	const byId = idMode(
		DATASET_ID_EXAMPLE,
		DATASET_ID_PATTERN,
		`Not a dataset ID: expected 24 hexadecimal characters such as ${DATASET_ID_EXAMPLE}`,
	);
	return pickerOf(DATASET_FIELDS.datasetId, 'searchDatasets', 'dataset', byId, description);
}

/** The Dataset picker's ID (24 hexadecimal characters), checked. */
export const readDatasetId = pickedIdReader(
	DATASET_FIELDS.datasetId,
	DATASET_ID_PATTERN,
	DATASET_ID_EXAMPLE,
);

/** The optional Dataset filter's ID; undefined when empty. */
export function readDatasetFilter(this: IExecuteFunctions, itemIndex: number): string | undefined {
	const ref = DATASET_FIELDS.datasetFilter;
	return readOptionalPickedId.call(this, ref, itemIndex, DATASET_ID_PATTERN, DATASET_ID_EXAMPLE);
}
