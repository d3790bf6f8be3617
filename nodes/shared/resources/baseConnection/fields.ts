import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkConnectionId } from '../../kernel/validation';
import { pickerFor, uuidMode } from '../../node/picker';
import { defineFields, locatorValue, readParameter, type NodeField } from '../../node/readers';

/** The Redshift base connection's fields, in editor order; collection fields share the top-level label. */
export const BASE_CONNECTION_FIELDS = defineFields({
	hosting: { label: 'Experience Platform Hosting' },
	name: { label: 'Connection Name', maxLength: 256 },
	redshiftSignInFrom: { label: 'Redshift Sign-In From' },
	server: { label: 'Server', maxLength: 253 },
	port: { label: 'Port' },
	username: { label: 'Username', maxLength: 128 },
	password: { label: 'Password', maxLength: 1024 },
	database: { label: 'Database', maxLength: 127 },
	schema: { label: 'Schema', maxLength: 127 },
	ifExists: { label: 'If a Connection With This Name Exists' },
	connectionId: { label: 'Connection' },
	updateFields: { label: 'Update Fields' },
});

export const DEFAULT_PORT = 5439;

/** Hint under an Update field, where empty means "keep". */
export const KEEP_HINT = 'Leave empty to keep the current value';

/** The base connection picker (searchConnections): From List or By ID (a UUID). */
export function connectionPicker(
	description = 'The base connection. To chain from a Create node, choose By ID and drag the ID field of its output here.',
	ref: NodeField = BASE_CONNECTION_FIELDS.connectionId,
): INodeProperties {
	return pickerFor('searchConnections', 'connection', uuidMode('connection'))(
		ref.field,
		ref.label,
		description,
	);
}

/**
 * A checked connection ID from the picker's stored value: a resource locator (From List or By ID)
 * or a plain string from a workflow saved before the picker.
 */
export function checkConnectionLocator(
	stored: unknown,
	ref: NodeField = BASE_CONNECTION_FIELDS.connectionId,
): string {
	return checkConnectionId(ref, locatorValue(ref, stored, ['list', 'id']));
}

/** The base connection picker's ID, checked (see checkConnectionLocator). */
export function readConnectionId(
	this: IExecuteFunctions,
	itemIndex: number,
	ref: NodeField = BASE_CONNECTION_FIELDS.connectionId,
): string {
	return checkConnectionLocator(readParameter.call(this, ref.field, itemIndex), ref);
}
