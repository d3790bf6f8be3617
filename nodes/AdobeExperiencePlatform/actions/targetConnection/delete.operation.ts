import { targetConnections } from '../../../shared/resources/targetConnection/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { deletedOutput, pickedOperation } from '../../../shared/node/handlers';
import { targetConnectionLocator } from '../locators';
import { readTargetConnectionId } from '../parameters';

const displayOptions = { show: { resource: ['targetConnection'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, [targetConnectionLocator()]);

/** Deletes a target connection; one still used by a dataflow fails with Adobe's 1418, decoded. */
export const execute = pickedOperation(
	readTargetConnectionId,
	targetConnections.remove,
	deletedOutput('target connection'),
);
