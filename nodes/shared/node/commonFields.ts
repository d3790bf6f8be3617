import type { INodeProperties } from 'n8n-workflow';

import { ETAG_FIELD } from '../kernel/validation';
import { labelled, type NodeField } from './readers';

/**
 * Return All and Limit of a Get Many (read with readLimit, shared/node/readers.ts); shown where the
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

/** The Filters collection of a Get Many (`filters.<name>`), with these filters. */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options,
	};
}

/** A Filters collection whose one entry is "Name" (`filters.name`), plus any `extra` filters first. */
export function nameFilters(
	nameDescription: string,
	extra: INodeProperties[] = [],
	placeholder?: string,
): INodeProperties {
	return filtersCollection([
		...extra,
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: placeholder && `e.g. ${placeholder}`,
			description: nameDescription,
		},
	]);
}

/** A filter that picks one of Adobe's values (a state, a status), `values` being name -> value. */
export function choiceFilter(
	displayName: string,
	name: string,
	values: Record<string, string>,
	defaultValue: string,
	description: string,
): INodeProperties {
	const options = Object.entries(values).map(([optionName, value]) => ({
		name: optionName,
		value,
	}));
	return { displayName, name, type: 'options', options, default: defaultValue, description };
}

/**
 * The required name of the object a create makes.
 * @param displayName the field's label; `name` its parameter name
 * @param placeholder an example name (shown after "e.g.", as n8n's UX guidelines write placeholders)
 */
export function nameField(
	displayName: string,
	name: string,
	placeholder: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		required: true,
		placeholder: `e.g. ${placeholder}`,
		description,
	};
}

/** The optional Description of a create (two rows). */
export function descriptionField(thing: string): INodeProperties {
	return {
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		typeOptions: { rows: 2 },
		description: `Optional description of the ${thing}`,
	};
}

/**
 * The optional ETag field of an Update, sent as `If-Match`; empty means fetch the current one first.
 * @param outputBy the operations whose output has the etag, e.g. "Create or Get"
 */
export function etagField(thing: string, outputBy: string): INodeProperties {
	return {
		displayName: ETAG_FIELD.label,
		name: ETAG_FIELD.field,
		type: 'string',
		default: '',
		placeholder: 'e.g. "1700ce7b-0000-0200-0000-5e3b405e0000"',
		description: `ETag of the version you expect to change, quotes included, as output by ${outputBy}. Leave empty to fetch the current one. Adobe refuses the update if the ${thing} changed since.`,
	};
}

/** A collection field (Options, Filters, Update Fields): `options` are the fields one can add. */
export function collection(
	ref: NodeField,
	placeholder: string,
	options: INodeProperties[],
): INodeProperties {
	return { ...labelled(ref), type: 'collection', placeholder, default: {}, options };
}
