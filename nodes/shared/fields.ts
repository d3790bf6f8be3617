import type { INodeProperties } from 'n8n-workflow';

/**
 * Return All and Limit of a Get Many (read with readLimit, shared/parameters.ts); shown where the
 * operation's updateDisplayOptions puts them.
 */
export function returnAllFields(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}
