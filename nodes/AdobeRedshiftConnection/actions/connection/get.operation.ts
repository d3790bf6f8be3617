import { updateDisplayOptions } from '../../../shared/displayOptions';
import { publicConnection } from '../../helpers/output';
import { getConnection } from '../../../shared/api/connections';
import { connectionLocator } from '../locators';
import { readConnectionTarget } from '../parameters';
import type { ItemOperation, OperationOption } from '../../../shared/operations';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Get',
	description: 'Get a base connection by ID (without secrets)',
	action: 'Get a base connection',
};

const displayOptions = { show: { resource: ['baseConnection'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [connectionLocator]);

export const execute: ItemOperation = async function (itemIndex, ctx) {
	const { id, sandboxName } = readConnectionTarget.call(this, itemIndex, ctx);
	const connection = await getConnection.call(this, ctx, sandboxName, id, itemIndex);
	return publicConnection(connection, sandboxName);
};
