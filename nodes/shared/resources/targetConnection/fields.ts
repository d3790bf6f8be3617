import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { CONNECTION_ID_PATTERN } from '../../kernel/validation';
import { pickerOf, UUID_EXAMPLE, uuidMode } from '../../node/picker';
import { defineFields, LIMITS, pickedIdReader } from '../../node/readers';

export const TARGET_CONNECTION_FIELDS = defineFields({
	targetConnectionId: 'Target Connection',
	targetConnectionName: { label: 'Target Connection Name', maxLength: LIMITS.name },
});

/** The Target Connection picker (searchTargetConnections): the sandbox's Data Lake target connections, or By ID (a UUID). */
export function targetConnectionPicker(
	description = 'The Data Lake target connection. To chain from a Create node, choose By ID and drag its ID here.',
	byId: INodePropertyMode = uuidMode('target connection'),
): INodeProperties {
	return pickerOf(
		TARGET_CONNECTION_FIELDS.targetConnectionId,
		'searchTargetConnections',
		'target connection',
		byId,
		description,
	);
}

/** The Target Connection picker's ID (a UUID), checked. */
export const readTargetConnectionId = pickedIdReader(
	TARGET_CONNECTION_FIELDS.targetConnectionId,
	CONNECTION_ID_PATTERN,
	UUID_EXAMPLE,
);
