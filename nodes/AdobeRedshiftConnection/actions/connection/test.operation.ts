import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/displayOptions';
import { platformRequest, type PlatformContext } from '../../../shared/transport';
import { connectionPath } from '../../../shared/api/connections';
import { connectionLocator } from '../locators';
import { readConnectionTarget } from '../parameters';
import type { OperationOption } from '../../../shared/operations';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Test',
	description: 'Check that Adobe can sign in to Redshift with the connection',
	action: 'Test a base connection',
};

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['baseConnection'], operation: ['test'] } },
	[connectionLocator],
);

/** Asks Adobe to sign in to Redshift with the stored values; a failed sign-in is ok: false, not an error. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: PlatformContext,
): Promise<IDataObject> {
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
}
