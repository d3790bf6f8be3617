import { connectionPath } from '../../../shared/api/connections';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { deletedOutput, pickedOperation, type Deletion } from '../../../shared/handlers';
import type { OperationOption } from '../../../shared/operations';
import { idempotentRequest, toNodeApiError } from '../../../shared/transport';
import { connectionLocator } from '../locators';
import { readConnectionId } from '../parameters';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Delete',
	description: 'Delete a base connection',
	action: 'Delete a base connection',
};

const displayOptions = { show: { resource: ['baseConnection'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, [connectionLocator]);

/**
 * `DELETE /connections/{id}`: `{id, deleted, alreadyAbsent, sandboxName, note?}`. A connection still
 * used by dataflows fails with Adobe's FLOW-1418-400.
 */
export const execute = pickedOperation(
	readConnectionId,
	async function (ctx, sandboxName, id, itemIndex): Promise<Deletion> {
		const outcome = await idempotentRequest.call(this, ctx, {
			method: 'DELETE',
			path: connectionPath(id),
			sandboxName,
		});
		if (outcome.ok) return { deleted: true, alreadyAbsent: false };
		// A 404 on a retry after an interrupted attempt: that attempt may have deleted it, or the ID
		// never existed. Either way it is gone, but we cannot claim to have deleted it.
		if (outcome.afterAmbiguousAttempt === true && outcome.failure.facts.status === 404)
			return { deleted: false, alreadyAbsent: true };
		throw toNodeApiError.call(this, outcome.failure, itemIndex);
	},
	deletedOutput('connection'),
);
