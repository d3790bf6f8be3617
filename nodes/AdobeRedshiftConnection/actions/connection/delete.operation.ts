import { updateDisplayOptions } from '../../../shared/displayOptions';
import { idempotentRequest, toNodeApiError } from '../../../shared/transport';
import { connectionPath } from '../../../shared/api/connections';
import { connectionLocator } from '../locators';
import { readConnectionTarget } from '../parameters';
import type { ItemOperation, OperationOption } from '../../../shared/operations';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Delete',
	description: 'Delete a base connection',
	action: 'Delete a base connection',
};

const displayOptions = { show: { resource: ['baseConnection'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, [connectionLocator]);

export const execute: ItemOperation = async function (itemIndex, ctx) {
	const { id, sandboxName } = readConnectionTarget.call(this, itemIndex, ctx);
	const outcome = await idempotentRequest.call(this, ctx, {
		method: 'DELETE',
		path: connectionPath(id),
		sandboxName,
	});
	if (outcome.ok) return { id, deleted: true, alreadyAbsent: false, sandboxName };
	// A 404 on a retry after an interrupted attempt: that attempt may have deleted it, or the ID
	// never existed. Either way it is gone, but we cannot claim to have deleted it.
	if (outcome.afterAmbiguousAttempt === true && outcome.failure.facts.status === 404) {
		return {
			id,
			deleted: false,
			alreadyAbsent: true,
			sandboxName,
			note: 'The first attempt got no clear answer and the retry found no connection with this ID: an earlier attempt deleted it, or it did not exist.',
		};
	}
	throw toNodeApiError.call(this, outcome.failure, itemIndex);
};
