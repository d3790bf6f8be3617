import { updateDisplayOptions } from '../../../shared/displayOptions';
import { platformRequest } from '../../../shared/transport';
import { connectionPath } from '../../../shared/api/connections';
import { connectionLocator } from '../locators';
import { readConnectionTarget } from '../parameters';
import type { ItemOperation, OperationOption } from '../../../shared/operations';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Test',
	description: 'Check that Adobe can sign in to Redshift with the connection',
	action: 'Test a base connection',
};

const displayOptions = { show: { resource: ['baseConnection'], operation: ['test'] } };

export const description = updateDisplayOptions(displayOptions, [connectionLocator]);

/** Asks Adobe to sign in to Redshift with the stored values; a failed sign-in is ok: false, not an error. */
export const execute: ItemOperation = async function (itemIndex, ctx) {
	const { id, sandboxName } = readConnectionTarget.call(this, itemIndex, ctx);
	const answer = (await platformRequest.call(
		this,
		ctx,
		{ method: 'GET', path: connectionPath(id, '/test'), sandboxName },
		itemIndex,
	)) as {
		result?: unknown;
	};
	return { id, ok: answer?.result === true, sandboxName };
};
