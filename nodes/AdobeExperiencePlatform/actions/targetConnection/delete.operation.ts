import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { deleteTargetConnection } from '../../../shared/api/targetConnections';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { readSandbox } from '../../../shared/parameters';
import type { PlatformContext } from '../../../shared/transport';
import { targetConnectionLocator } from '../locators';
import { readTargetConnectionId } from './get.operation';
import type { OperationOption } from '../../../shared/operations';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Delete',
	description: 'Delete a target connection no dataflow uses',
	action: 'Delete a target connection',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['targetConnection'], operation: ['delete'] } },
	[targetConnectionLocator()],
);

/** Deletes a target connection; one still used by a dataflow fails with Adobe's 1418, decoded. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: PlatformContext,
): Promise<IDataObject> {
	const id = readTargetConnectionId.call(this, itemIndex);
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	const { deleted, alreadyAbsent } = await deleteTargetConnection.call(
		this,
		ctx,
		sandboxName,
		id,
		itemIndex,
	);
	return {
		id,
		deleted,
		alreadyAbsent,
		sandboxName,
		...(alreadyAbsent
			? {
					note: 'The first attempt got no clear answer and the retry found no target connection with this ID: an earlier attempt deleted it, or it did not exist.',
				}
			: {}),
	};
}
