import type { INodeProperties } from 'n8n-workflow';

import { targetConnections } from '../../../shared/resources/targetConnection/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { listOperation } from '../../../shared/node/handlers';
import { nameFilters, returnAllFields } from '../../../shared/node/commonFields';
import { simpleTargetConnection, simplifyField, withSimplify } from '../simplify';
import { readNameFilter } from '../../../shared/node/readers';
import { datasetPicker, readDatasetFilter } from '../../../shared/resources/dataset/fields';

const properties: INodeProperties[] = [
	...returnAllFields(),
	simplifyField,
	nameFilters('Only target connections with exactly this name', [
		{ ...datasetPicker('Only target connections writing to this dataset'), required: false },
	]),
];

const displayOptions = { show: { resource: ['targetConnection'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Data Lake target connections of the sandbox, newest first (Flow Service continuation paging). */
export const execute = withSimplify(
	listOperation(function (itemIndex) {
		const name = readNameFilter.call(this, itemIndex);
		const dataSetId = readDatasetFilter.call(this, itemIndex);
		return { name, dataSetId };
	}, targetConnections.list),
	simpleTargetConnection,
);
