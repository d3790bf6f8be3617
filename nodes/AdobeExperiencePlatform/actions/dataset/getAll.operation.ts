import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listDatasets } from '../../../shared/api/datasets';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { nameFilters, returnAllFields } from '../../../shared/fields';
import { readLimit, readParameter, readSandbox } from '../../../shared/parameters';
import type { PlatformContext } from '../../../shared/transport';
import { checkText } from '../../../shared/validation';
import { FIELDS, LIMITS } from '../fields';
import { datasetOutput } from './output';

const properties: INodeProperties[] = [
	...returnAllFields(),
	nameFilters('Only datasets with this name, as Catalog filters it: * matches any text, a comma separates alternatives', [], 'Orders*'),
];

export const description = updateDisplayOptions({ show: { resource: ['dataset'], operation: ['getAll'] } }, properties);

/** Catalog datasets of the sandbox, newest first, paged with start/limit (100 per request). */
export async function execute(this: IExecuteFunctions, itemIndex: number, ctx: PlatformContext): Promise<IDataObject[]> {
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	const limit = readLimit.call(this, itemIndex);
	const name = checkText(FIELDS.nameFilter, readParameter.call(this, FIELDS.nameFilter.field, itemIndex), { maxLength: LIMITS.name }) || undefined;
	const datasets = await listDatasets.call(this, ctx, sandboxName, { name, limit }, itemIndex);
	return datasets.map((dataset) => datasetOutput(dataset, sandboxName));
}
