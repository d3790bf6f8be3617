import type { INodeProperties } from 'n8n-workflow';

import { datasets } from '../../../shared/resources/dataset/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { listOperation } from '../../../shared/node/handlers';
import { nameFilters, returnAllFields } from '../../../shared/node/commonFields';
import { readNameFilter } from '../../../shared/node/readers';

const properties: INodeProperties[] = [
	...returnAllFields(),
	nameFilters(
		'Only datasets with this name, as Catalog filters it: * matches any text, a comma separates alternatives',
		[],
		'Orders*',
	),
];

const displayOptions = { show: { resource: ['dataset'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Catalog datasets of the sandbox, newest first, paged with start/limit (100 per request). */
export const execute = listOperation(function (itemIndex) {
	return { name: readNameFilter.call(this, itemIndex) };
}, datasets.list);
