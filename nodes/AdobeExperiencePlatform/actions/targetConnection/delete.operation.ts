import { targetConnections } from '../../../shared/resources/targetConnection/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { deletedOutput, pickedOperation } from '../../../shared/node/handlers';
import {
	readTargetConnectionId,
	targetConnectionPicker,
} from '../../../shared/resources/targetConnection/fields';

const displayOptions = { show: { resource: ['targetConnection'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, [targetConnectionPicker()]);

/** Deletes a target connection; one still used by a dataflow fails with Adobe's 1418, decoded. */
export const execute = pickedOperation(
	readTargetConnectionId,
	targetConnections.remove,
	deletedOutput('target connection'),
);
