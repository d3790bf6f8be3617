import { connections } from '../../../shared/resources/baseConnection/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { deletedOutput, pickedOperation } from '../../../shared/node/handlers';
import {
	readConnectionId,
	connectionPicker,
} from '../../../shared/resources/baseConnection/fields';

const displayOptions = { show: { resource: ['baseConnection'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, [connectionPicker()]);

/**
 * `DELETE /connections/{id}`: `{id, deleted, alreadyAbsent, sandboxName, note?}`. A connection still
 * used by dataflows fails with Adobe's FLOW-1418-400.
 */
export const execute = pickedOperation(
	readConnectionId,
	connections.remove,
	deletedOutput('connection'),
);
