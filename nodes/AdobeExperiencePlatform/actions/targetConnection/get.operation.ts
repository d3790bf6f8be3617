import { targetConnections } from '../../../shared/resources/targetConnection/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { pickedOperation } from '../../../shared/node/handlers';
import { targetConnectionLocator } from '../locators';
import { readTargetConnectionId } from '../parameters';

const displayOptions = { show: { resource: ['targetConnection'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [targetConnectionLocator()]);

/** The target connection as Flow Service returns it, with its sandbox. */
export const execute = pickedOperation(readTargetConnectionId, targetConnections.get);
