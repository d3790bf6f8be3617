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

/** A Filters collection whose one entry is "Name" (`filters.name`), plus any `extra` filters first. */
export function nameFilters(nameDescription: string, extra: INodeProperties[] = [], placeholder?: string): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [...extra, { displayName: 'Name', name: 'name', type: 'string', default: '', placeholder, description: nameDescription }],
	};
}

/** The optional Description of a create (two rows). */
export function descriptionField(thing: string): INodeProperties {
	return { displayName: 'Description', name: 'description', type: 'string', default: '', typeOptions: { rows: 2 }, description: `Optional description of the ${thing}` };
}
