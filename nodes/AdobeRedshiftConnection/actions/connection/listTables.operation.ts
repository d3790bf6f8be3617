import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/displayOptions';
import { platformRequest, type PlatformContext } from '../../../shared/transport';
import { connectionPath } from '../../../shared/api/connections';
import { connectionLocator } from '../locators';
import { readConnectionTarget } from '../parameters';
import type { OperationOption } from '../../../shared/operations';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'List Tables',
	description: 'List the Redshift tables the connection can read',
	action: 'List tables',
};

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['baseConnection'], operation: ['listTables'] } },
	[connectionLocator],
);

/** One output item per table, so the next node can pick or loop over them. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: PlatformContext,
): Promise<IDataObject[]> {
	const { id, sandboxName } = readConnectionTarget.call(this, itemIndex, ctx);
	const tables = (await platformRequest.call(
		this,
		ctx,
		{
			method: 'GET',
			path: connectionPath(id, '/explore'),
			qs: { objectType: 'root' },
			sandboxName,
		},
		itemIndex,
	)) as IDataObject[];
	return (Array.isArray(tables) ? tables : []).map((table) => ({
		connectionId: id,
		name: table.name,
		path: table.path,
		type: table.type,
		canPreview: table.canPreview,
		canFetchSchema: table.canFetchSchema,
	}));
}
