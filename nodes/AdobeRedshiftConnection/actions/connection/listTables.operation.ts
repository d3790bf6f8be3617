import type { IDataObject } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/displayOptions';
import { platformRequest } from '../../../shared/transport';
import { connectionPath } from '../../../shared/api/connections';
import { connectionLocator } from '../locators';
import { readConnectionTarget } from '../parameters';
import type { ItemOperation, OperationOption } from '../../../shared/operations';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'List Tables',
	description: 'List the Redshift tables the connection can read',
	action: 'List tables',
};

const displayOptions = { show: { resource: ['baseConnection'], operation: ['listTables'] } };

export const description = updateDisplayOptions(displayOptions, [connectionLocator]);

/** One output item per table, so the next node can pick or loop over them. */
export const execute: ItemOperation = async function (itemIndex, ctx) {
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
};
