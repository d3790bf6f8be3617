import type { INodeProperties } from 'n8n-workflow';

import { DATASET_ID_PATTERN } from '../../../shared/api/datasets';
import { listTargetConnections } from '../../../shared/api/targetConnections';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { nameFilters, returnAllFields } from '../../../shared/fields';
import { readLimit, readSandbox } from '../../../shared/parameters';
import { FIELDS } from '../fields';
import { datasetLocator } from '../locators';
import { readNameFilter, readOptionalPickedId } from '../parameters';
import { targetConnectionOutput } from './output';
import type { ItemOperation, OperationOption } from '../../../shared/operations';

const properties: INodeProperties[] = [
	...returnAllFields(),
	nameFilters('Only target connections with exactly this name', [
		{ ...datasetLocator('Only target connections writing to this dataset'), required: false },
	]),
];

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Get Many',
	description: 'List the Data Lake target connections of the sandbox',
	action: 'Get many target connections',
};

const displayOptions = { show: { resource: ['targetConnection'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Data Lake target connections of the sandbox, newest first (Flow Service continuation paging). */
export const execute: ItemOperation = async function (itemIndex, ctx) {
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	const limit = readLimit.call(this, itemIndex);
	const name = readNameFilter.call(this, itemIndex);
	const dataSetId = readOptionalPickedId.call(
		this,
		FIELDS.datasetFilter,
		itemIndex,
		DATASET_ID_PATTERN,
		'5ba9452f7de80400007fc52a',
	);
	const targets = await listTargetConnections.call(
		this,
		ctx,
		sandboxName,
		{ name, dataSetId, limit },
		itemIndex,
	);
	return targets.map((target) => targetConnectionOutput(target, sandboxName));
};
