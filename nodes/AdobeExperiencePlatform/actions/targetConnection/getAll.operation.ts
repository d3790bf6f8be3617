import type { INodeProperties } from 'n8n-workflow';

import { DATASET_ID_PATTERN } from '../../../shared/api/datasets';
import { targetConnections } from '../../../shared/api/targetConnections';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { listOperation } from '../../../shared/handlers';
import { nameFilters, returnAllFields } from '../../../shared/fields';
import { FIELDS } from '../fields';
import { DATASET_ID_EXAMPLE, datasetLocator } from '../locators';
import { readNameFilter, readOptionalPickedId } from '../parameters';
import { simpleTargetConnection, simplifyField, withSimplify } from '../simplify';

const properties: INodeProperties[] = [
	...returnAllFields(),
	simplifyField,
	nameFilters('Only target connections with exactly this name', [
		{ ...datasetLocator('Only target connections writing to this dataset'), required: false },
	]),
];

const displayOptions = { show: { resource: ['targetConnection'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Data Lake target connections of the sandbox, newest first (Flow Service continuation paging). */
export const execute = withSimplify(
	listOperation(function (itemIndex) {
		const name = readNameFilter.call(this, itemIndex);
		const dataSetId = readOptionalPickedId.call(
			this,
			FIELDS.datasetFilter,
			itemIndex,
			DATASET_ID_PATTERN,
			DATASET_ID_EXAMPLE,
		);
		return { name, dataSetId };
	}, targetConnections.list),
	simpleTargetConnection,
);
