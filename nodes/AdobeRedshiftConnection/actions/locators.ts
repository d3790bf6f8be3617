import type { INodeProperties } from 'n8n-workflow';

import { idMode, modesOf, picker as sharedPicker, type PickerSpec } from '../../shared/locators';
import { locatorValue as readLocator } from '../../shared/parameters';
import { CONNECTION_ID_PATTERN, type FieldRef } from '../../shared/validation';
import { labelled, type FieldName } from '../helpers/fields';

/** A picker of this node: label and parameter name from the field table. */
function picker(name: FieldName, spec: Omit<PickerSpec, 'displayName' | 'name'>): INodeProperties {
	return sharedPicker({ ...labelled(name), ...spec });
}

/**
 * The Connection picker (list method searchConnections): From List (the sandbox's Redshift base connections, searchable by name)
 * or By ID. The parameter keeps its name `connectionId`, so workflows saved with a plain string
 * still run (see locatorValue).
 */
export const connectionLocator = picker('connectionId', {
	description:
		'The base connection. To chain from a Create node, choose By ID and drag the ID field of its output here.',
	searchListMethod: 'searchConnections',
	placeholder: 'Select a connection...',
	modes: [
		idMode(
			'373e88fc-43da-4e3c-be88-fc43da3e3c0f',
			CONNECTION_ID_PATTERN,
			'Not a connection ID: expected a UUID such as 373e88fc-43da-4e3c-be88-fc43da3e3c0f',
		),
	],
});

/** The Table picker of Get Table Schema (list method searchTables): From List (what explore lists for the chosen connection) or By Name (its path). */
export const tableLocator = picker('tablePath', {
	description: 'The table, by its path as List Tables returns it (e.g. public.orders)',
	searchListMethod: 'searchTables',
	placeholder: 'Select a table...',
	modes: [{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'public.orders' }],
});

/**
 * The Source Connection picker (list method searchSourceConnections): From List (the sandbox's
 * Redshift source connections, searchable by name) or By ID.
 */
export const sourceConnectionLocator = picker('sourceConnectionId', {
	description:
		'The source connection. To chain from a Create node, choose By ID and drag the ID field of its output here.',
	searchListMethod: 'searchSourceConnections',
	placeholder: 'Select a source connection...',
	modes: [
		idMode(
			'9e3a1f2c-5b7d-4e8f-a1b2-c3d4e5f6a7b8',
			CONNECTION_ID_PATTERN,
			'Not a source connection ID: expected a UUID such as 9e3a1f2c-5b7d-4e8f-a1b2-c3d4e5f6a7b8',
		),
	],
});

const PICKERS = [connectionLocator, tableLocator, sourceConnectionLocator];

/** The stored value of this node's Connection or Table picker (see the shared locatorValue). */
export function locatorValue(ref: FieldRef, stored: unknown): unknown {
	const field = PICKERS.find((entry) => entry.name === ref.field);
	return readLocator(ref, stored, field ? modesOf(field) : []);
}
