import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/displayOptions';
import type { PlatformContext } from '../../../shared/transport';
import { publicConnection } from '../../helpers/output';
import { getConnection } from '../../../shared/api/connections';
import { connectionLocator } from '../locators';
import { readConnectionTarget } from '../parameters';
import type { OperationOption } from '../../../shared/operations';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Get',
	description: 'Get a base connection by ID (without secrets)',
	action: 'Get a base connection',
};

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['baseConnection'], operation: ['get'] } },
	[connectionLocator],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: PlatformContext,
): Promise<IDataObject> {
	const { id, sandboxName } = readConnectionTarget.call(this, itemIndex, ctx);
	const connection = await getConnection.call(this, ctx, sandboxName, id, itemIndex);
	return publicConnection(connection, sandboxName);
}
