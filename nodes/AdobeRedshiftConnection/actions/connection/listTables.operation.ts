import type { IDataObject } from 'n8n-workflow';

import { connectionPath } from '../../../shared/api/connections';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { pickedOperation } from '../../../shared/handlers';
import type { OperationOption } from '../../../shared/operations';
import { platformRequest } from '../../../shared/transport';
import { connectionLocator } from '../locators';
import { readConnectionId } from '../parameters';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'List Tables',
	description: 'List the Redshift tables the connection can read',
	action: 'List tables',
};

const displayOptions = { show: { resource: ['baseConnection'], operation: ['listTables'] } };

export const description = updateDisplayOptions(displayOptions, [connectionLocator]);

/** One output item per table (`GET /connections/{id}/explore?objectType=root`), so the next node can pick or loop over them. */
export const execute = pickedOperation(
	readConnectionId,
	async function (ctx, sandboxName, id, itemIndex) {
		const request = {
			method: 'GET' as const,
			path: connectionPath(id, '/explore'),
			qs: { objectType: 'root' },
			sandboxName,
		};
		const tables = await platformRequest.call(this, ctx, request, itemIndex);
		return (Array.isArray(tables) ? tables : []) as IDataObject[];
	},
	(tables, { id }) =>
		tables.map((table) => ({
			connectionId: id,
			name: table.name,
			path: table.path,
			type: table.type,
			canPreview: table.canPreview,
			canFetchSchema: table.canFetchSchema,
		})),
);
