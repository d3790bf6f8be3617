import { targetConnections } from '../../../shared/api/targetConnections';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { pickedOperation } from '../../../shared/handlers';
import { targetConnectionLocator } from '../locators';
import { readTargetConnectionId } from '../parameters';
import { simpleTargetConnection, simplifyField, withSimplify } from '../simplify';

const displayOptions = { show: { resource: ['targetConnection'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [
	targetConnectionLocator(),
	simplifyField,
]);

/** The target connection as Flow Service returns it, with its sandbox; with Simplify (1.1), simpleTargetConnection's fields. */
export const execute = withSimplify(
	pickedOperation(readTargetConnectionId, targetConnections.get),
	simpleTargetConnection,
);
