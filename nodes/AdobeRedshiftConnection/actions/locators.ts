import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { InvalidFieldError } from '../../shared/InvalidFieldError';
import { CONNECTION_ID_PATTERN, type FieldRef } from '../../shared/validation';
import { labelled, type FieldName } from '../helpers/fields';

interface PickerSpec {
	description: string;
	/** The list search method behind From List, and its placeholder. */
	searchListMethod: string;
	placeholder: string;
	/** The typed mode(s) after From List. */
	modes: INodePropertyMode[];
}

/** A picker: From List (searchable) first, then the typed modes. */
function picker(name: FieldName, { description, searchListMethod, placeholder, modes }: PickerSpec): INodeProperties {
	return {
		...labelled(name),
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [{ displayName: 'From List', name: 'list', type: 'list', placeholder, typeOptions: { searchListMethod, searchable: true } }, ...modes],
	};
}

/**
 * The Connection picker (list method searchConnections): From List (the sandbox's Redshift base connections, searchable by name)
 * or By ID. The parameter keeps its name `connectionId`, so workflows saved with a plain string
 * still run (see locatorValue).
 */
export const connectionLocator = picker('connectionId', {
	description: 'The base connection. To chain from a Create node, choose By ID and drag the ID field of its output here.',
	searchListMethod: 'searchConnections',
	placeholder: 'Select a connection...',
	modes: [
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '373e88fc-43da-4e3c-be88-fc43da3e3c0f',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: CONNECTION_ID_PATTERN,
						errorMessage: 'Not a connection ID: expected a UUID such as 373e88fc-43da-4e3c-be88-fc43da3e3c0f',
					},
				},
			],
		},
	],
});

/** The Table picker of Get Table Schema (list method searchTables): From List (what explore lists for the chosen connection) or By Name (its path). */
export const tableLocator = picker('tablePath', {
	description: 'The table, by its path as List Tables returns it (e.g. public.orders)',
	searchListMethod: 'searchTables',
	placeholder: 'Select a table...',
	modes: [{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'public.orders' }],
});

const PICKERS = [connectionLocator, tableLocator];

/**
 * The value of a picker parameter as stored: a resource locator `{ __rl: true, mode, value }`
 * (mode checked against the picker's modes), or a plain value from a workflow saved before the
 * field was a picker, returned as is. Anything else is refused, naming the field.
 */
export function locatorValue(ref: FieldRef, stored: unknown): unknown {
	if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return stored;
	const { mode, value } = stored as { mode?: unknown; value?: unknown };
	const modes = (PICKERS.find((field) => field.name === ref.field)?.modes ?? []).map((entry) => entry.name);
	if (typeof mode !== 'string' || !modes.includes(mode)) {
		throw new InvalidFieldError(ref.field, `"${ref.label}" has mode ${JSON.stringify(mode)}; allowed: ${modes.map((m) => `"${m}"`).join(', ')}.`);
	}
	return value;
}
