import { connections } from '../../../shared/resources/baseConnection/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { pickedOperation } from '../../../shared/node/handlers';
import { publicConnection } from '../../../shared/resources/baseConnection/output';
import { connectionLocator } from '../locators';
import { readConnectionId } from '../parameters';

const displayOptions = { show: { resource: ['baseConnection'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [connectionLocator]);

/** The connection as Adobe returns it, without the password, plus `hosting` and `sandboxName` (see publicConnection). */
export const execute = pickedOperation(readConnectionId, connections.get, (connection, picked) =>
	publicConnection(connection, picked.sandboxName),
);
