import { targetConnections } from '../../../shared/resources/targetConnection/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { deleteOperation } from '../../../shared/node/handlers';
import * as fields from '../../../shared/resources/targetConnection/fields';

const displayOptions = { show: { resource: ['targetConnection'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, [fields.targetConnectionPicker()]);

/** Deletes a target connection; one still used by a dataflow fails with Adobe's 1418, decoded. */
export const execute = deleteOperation(
	fields.readTargetConnectionId,
	targetConnections.remove,
	'target connection',
);
