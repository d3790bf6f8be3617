import type { INodeProperties } from 'n8n-workflow';

import { DATASET_ID_PATTERN } from '../../../shared/resources/dataset/api';
import { targetConnections } from '../../../shared/resources/targetConnection/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { listOperation } from '../../../shared/node/handlers';
import { nameFilters, returnAllFields } from '../../../shared/node/commonFields';
import { readNameFilter, readOptionalPickedId } from '../../../shared/node/readers';
import { datasetPicker, DATASET_FIELDS } from '../../../shared/resources/dataset/fields';

const properties: INodeProperties[] = [
	...returnAllFields(),
	nameFilters('Only target connections with exactly this name', [
		{ ...datasetPicker('Only target connections writing to this dataset'), required: false },
	]),
];

const displayOptions = { show: { resource: ['targetConnection'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Data Lake target connections of the sandbox, newest first (Flow Service continuation paging). */
export const execute = listOperation(function (itemIndex) {
	const name = readNameFilter.call(this, itemIndex);
	const dataSetId = readOptionalPickedId.call(
		this,
		DATASET_FIELDS.datasetFilter,
		itemIndex,
		DATASET_ID_PATTERN,
		'5ba9452f7de80400007fc52a',
	);
	return { name, dataSetId };
}, targetConnections.list);
