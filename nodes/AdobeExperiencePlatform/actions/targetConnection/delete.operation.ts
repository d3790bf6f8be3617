import { deleteTargetConnection } from '../../../shared/api/targetConnections';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { readSandbox } from '../../../shared/parameters';
import { targetConnectionLocator } from '../locators';
import { readTargetConnectionId } from './get.operation';
import type { ItemOperation, OperationOption } from '../../../shared/operations';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Delete',
	description: 'Delete a target connection no dataflow uses',
	action: 'Delete a target connection',
};

const displayOptions = { show: { resource: ['targetConnection'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, [targetConnectionLocator()]);

/** Deletes a target connection; one still used by a dataflow fails with Adobe's 1418, decoded. */
export const execute: ItemOperation = async function (itemIndex, ctx) {
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
};
