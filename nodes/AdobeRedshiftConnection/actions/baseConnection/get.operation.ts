import { connections } from '../../../shared/resources/baseConnection/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { pickedOperation } from '../../../shared/node/handlers';
import { publicConnection } from '../../../shared/resources/baseConnection/output';
import * as fields from '../../../shared/resources/baseConnection/fields';

const displayOptions = { show: { resource: ['baseConnection'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [fields.connectionPicker()]);

/** The connection as Adobe returns it, without the password, plus `hosting` and `sandboxName` (see publicConnection). */
export const execute = pickedOperation(
	fields.readConnectionId,
	connections.get,
	(connection, picked) => publicConnection(connection, picked.sandboxName),
);
