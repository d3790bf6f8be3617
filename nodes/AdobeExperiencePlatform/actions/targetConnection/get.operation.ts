import { targetConnections } from '../../../shared/resources/targetConnection/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { pickedOperation } from '../../../shared/node/handlers';
import { simpleTargetConnection, simplifyField, withSimplify } from '../simplify';
import {
	readTargetConnectionId,
	targetConnectionPicker,
} from '../../../shared/resources/targetConnection/fields';

const displayOptions = { show: { resource: ['targetConnection'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [
	targetConnectionPicker(),
	simplifyField,
]);

/** The target connection as Flow Service returns it, with its sandbox; with Simplify (1.1), simpleTargetConnection's fields. */
export const execute = withSimplify(
	pickedOperation(readTargetConnectionId, targetConnections.get),
	simpleTargetConnection,
);
