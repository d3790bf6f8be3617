import type { INodeProperties } from 'n8n-workflow';

import { locatorValue as readLocator } from '../../shared/parameters';
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

const MODES: Record<string, readonly string[]> = { connectionId: ['list', 'id'], tablePath: ['list', 'name'] };

/** The stored value of this node's Connection or Table picker (see shared locatorValue). */
export function locatorValue(ref: FieldRef, stored: unknown): unknown {
	return readLocator(ref, stored, MODES[ref.field] ?? []);
}
