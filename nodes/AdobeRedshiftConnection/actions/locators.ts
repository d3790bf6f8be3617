import type { INodeProperties } from 'n8n-workflow';

import { InvalidFieldError } from '../../shared/InvalidFieldError';
import { CONNECTION_ID_PATTERN, type FieldRef } from '../../shared/validation';
import type { Shown } from './common.fields';

/**
 * The Connection picker (list method searchConnections): From List (the sandbox's Redshift base connections, searchable by name)
 * or By ID. The parameter keeps its name `connectionId`, so workflows saved with a plain string
 * still run (see locatorValue).
 */
export function connectionLocator(where: Shown): INodeProperties {
	return {
		displayName: 'Connection',
		name: 'connectionId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The base connection. To chain from a Create node, choose By ID and drag the ID field of its output here.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a connection...',
				typeOptions: { searchListMethod: 'searchConnections', searchable: true },
			},
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
		displayOptions: { show: { resource: where.resource, operation: where.operation } },
	};
}

/** The Table picker of Get Table Schema (list method searchTables): From List (what explore lists for the chosen connection) or By Name (its path). */
export function tableLocator(where: Shown): INodeProperties {
	return {
		displayName: 'Table',
		name: 'tablePath',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The table, by its path as List Tables returns it (e.g. public.orders)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a table...',
				typeOptions: { searchListMethod: 'searchTables', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'public.orders',
			},
		],
		displayOptions: { show: { resource: where.resource, operation: where.operation } },
	};
}

/**
 * The Source Connection picker (list method searchSourceConnections): From List (the sandbox's
 * Redshift source connections, searchable by name) or By ID. Visibility is set by the operation file.
 */
export const sourceConnectionLocator: INodeProperties = {
	displayName: 'Source Connection',
	name: 'sourceConnectionId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The source connection. To chain from a Create node, choose By ID and drag the ID field of its output here.',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a source connection...',
			typeOptions: { searchListMethod: 'searchSourceConnections', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '9e3a1f2c-5b7d-4e8f-a1b2-c3d4e5f6a7b8',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: CONNECTION_ID_PATTERN,
						errorMessage: 'Not a source connection ID: expected a UUID such as 9e3a1f2c-5b7d-4e8f-a1b2-c3d4e5f6a7b8',
					},
				},
			],
		},
	],
};

const MODES: Record<string, readonly string[]> = { connectionId: ['list', 'id'], tablePath: ['list', 'name'], sourceConnectionId: ['list', 'id'] };

/**
 * The value of a picker parameter as stored: a resource locator `{ __rl: true, mode, value }`
 * (mode checked against the field's modes), or a plain value from a workflow saved before the
 * field was a picker, returned as is. Anything else is refused, naming the field.
 */
export function locatorValue(ref: FieldRef, stored: unknown): unknown {
	if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return stored;
	const { mode, value } = stored as { mode?: unknown; value?: unknown };
	const modes = MODES[ref.field] ?? [];
	if (typeof mode !== 'string' || !modes.includes(mode)) {
		throw new InvalidFieldError(ref.field, `"${ref.label}" has mode ${JSON.stringify(mode)}; allowed: ${modes.map((m) => `"${m}"`).join(', ')}.`);
	}
	return value;
}
