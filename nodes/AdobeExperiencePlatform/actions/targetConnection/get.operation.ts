import { targetConnections } from '../../../shared/resources/targetConnection/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { pickedOperation } from '../../../shared/node/handlers';
import * as fields from '../../../shared/resources/targetConnection/fields';

const displayOptions = { show: { resource: ['targetConnection'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [fields.targetConnectionPicker()]);

/** The target connection as Flow Service returns it, with its sandbox. */
export const execute = pickedOperation(fields.readTargetConnectionId, targetConnections.get);
