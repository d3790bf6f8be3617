import { deleteSourceConnection } from '../../../shared/api/sourceConnections';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { deletedOutput, pickedOperation } from '../../../shared/handlers';
import type { OperationOption } from '../../../shared/operations';
import { sourceConnectionLocator } from '../locators';
import { readSourceConnectionId } from '../parameters';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Delete',
	description: 'Delete a source connection',
	action: 'Delete a source connection',
};

const displayOptions = { show: { resource: ['sourceConnection'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, [sourceConnectionLocator]);

/**
 * `{id, deleted, alreadyAbsent, sandboxName}`: a source connection that is already gone is not an
 * error (`alreadyAbsent: true`); one a dataflow uses fails naming that dataflow.
 */
export const execute = pickedOperation(
	readSourceConnectionId,
	deleteSourceConnection,
	deletedOutput(),
);
