import { deleteTargetConnection } from '../../../shared/api/targetConnections';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { deletedOutput, pickedOperation } from '../../../shared/handlers';
import type { OperationOption } from '../../../shared/operations';
import { targetConnectionLocator } from '../locators';
import { readTargetConnectionId } from '../parameters';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Delete',
	description: 'Delete a target connection no dataflow uses',
	action: 'Delete a target connection',
};

const displayOptions = { show: { resource: ['targetConnection'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, [targetConnectionLocator()]);

/** Deletes a target connection; one still used by a dataflow fails with Adobe's 1418, decoded. */
export const execute = pickedOperation(
	readTargetConnectionId,
	deleteTargetConnection,
	deletedOutput('target connection'),
);
