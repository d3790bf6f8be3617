import type { IExecuteFunctions, INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { checkConnectionId, checkText } from '../../kernel/validation';
import { picker, pickerOf, uuidMode } from '../../node/picker';
import { defineFields, locatorValue, readParameter } from '../../node/readers';

export const SOURCE_CONNECTION_FIELDS = defineFields({
	tablePath: { label: 'Table', maxLength: 1024 },
	sourceConnectionId: { label: 'Source Connection' },
	sourceConnectionName: { label: 'Source Connection Name', maxLength: 256 },
	columns: { label: 'Columns' },
	sourceIfExists: { label: 'If It Exists' },
});

/** The Source Connection picker (searchSourceConnections): the sandbox's Redshift source connections, or By ID (a UUID). */
export function sourceConnectionPicker(
	description = 'The source connection. To chain from a Create node, choose By ID and drag the ID field of its output here.',
	byId: INodePropertyMode = uuidMode('source connection', '9e3a1f2c-5b7d-4e8f-a1b2-c3d4e5f6a7b8'),
): INodeProperties {
	return pickerOf(
		SOURCE_CONNECTION_FIELDS.sourceConnectionId,
		'searchSourceConnections',
		'source connection',
		byId,
		description,
	);
}

/** A checked source connection ID from the picker's stored value (From List, By ID or a plain string). */
export function checkSourceConnectionLocator(stored: unknown): string {
	const ref = SOURCE_CONNECTION_FIELDS.sourceConnectionId;
	return checkConnectionId(ref, locatorValue(ref, stored, ['list', 'id']));
}

/** The Source Connection picker's ID, checked (see checkSourceConnectionLocator). */
export function readSourceConnectionId(this: IExecuteFunctions, itemIndex: number): string {
	const { field } = SOURCE_CONNECTION_FIELDS.sourceConnectionId;
	return checkSourceConnectionLocator(readParameter.call(this, field, itemIndex));
}

/**
 * The Table picker (searchTables, which explores the base connection chosen in `connectionId`):
 * From List, or By Name (its path as List Tables returns it, e.g. public.orders).
 */
export const tablePicker = picker({
	displayName: SOURCE_CONNECTION_FIELDS.tablePath.label,
	name: SOURCE_CONNECTION_FIELDS.tablePath.name,
	description: 'The table, by its path as List Tables returns it (e.g. public.orders)',
	searchListMethod: 'searchTables',
	placeholder: 'Select a table...',
	modes: [{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'public.orders' }],
});

/** A checked table path from the Table picker's stored value (From List, By Name or a plain string). */
export function checkTableLocator(stored: unknown): string {
	const ref = SOURCE_CONNECTION_FIELDS.tablePath;
	return checkText(ref, locatorValue(ref, stored, ['list', 'name']), { required: true });
}

/** The Table picker's table path, checked. */
export function readTablePath(this: IExecuteFunctions, itemIndex: number): string {
	const { field } = SOURCE_CONNECTION_FIELDS.tablePath;
	return checkTableLocator(readParameter.call(this, field, itemIndex));
}
