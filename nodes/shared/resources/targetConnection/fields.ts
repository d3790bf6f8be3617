import type { IExecuteFunctions, INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { CONNECTION_ID_PATTERN } from '../../kernel/validation';
import { pickerFor, UUID_EXAMPLE, uuidMode } from '../../node/picker';
import { defineFields, LIMITS, readPickedId } from '../../node/readers';

export const TARGET_CONNECTION_FIELDS = defineFields({
	targetConnectionId: 'Target Connection',
	targetConnectionName: { label: 'Target Connection Name', maxLength: LIMITS.name },
});

/** The Target Connection picker (searchTargetConnections): the sandbox's Data Lake target connections, or By ID (a UUID). */
export function targetConnectionPicker(
	description = 'The Data Lake target connection. To chain from a Create node, choose By ID and drag its ID here.',
	byId: INodePropertyMode = uuidMode('target connection'),
): INodeProperties {
	const { field, label } = TARGET_CONNECTION_FIELDS.targetConnectionId;
	return pickerFor('searchTargetConnections', 'target connection', byId)(field, label, description);
}

/** The Target Connection picker's ID (a UUID), checked. */
export function readTargetConnectionId(this: IExecuteFunctions, itemIndex: number): string {
	const ref = TARGET_CONNECTION_FIELDS.targetConnectionId;
	return readPickedId.call(this, ref, itemIndex, CONNECTION_ID_PATTERN, UUID_EXAMPLE);
}
