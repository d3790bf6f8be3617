import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { CONNECTION_ID_PATTERN, type FieldRef } from '../kernel/validation';

/** An example Flow Service ID (a UUID), shown in By ID placeholders and messages. */
export const UUID_EXAMPLE = '373e88fc-43da-4e3c-be88-fc43da3e3c0f';

/** What a picker field (resourceLocator, From List first) needs to know. */
export interface PickerSpec {
	displayName: string;
	/** Parameter name, e.g. `datasetId`. */
	name: string;
	description: string;
	/** The list search method behind From List, and its placeholder (e.g. "Select a dataset..."). */
	searchListMethod: string;
	placeholder: string;
	/** The typed mode(s) after From List, e.g. `[idMode(...)]`. */
	modes: INodePropertyMode[];
}

/** A picker: resourceLocator with From List (searchable) first, then the typed modes. */
export function picker({
	displayName,
	name,
	description,
	searchListMethod,
	placeholder,
	modes,
}: PickerSpec): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder,
				typeOptions: { searchListMethod, searchable: true },
			},
			...modes,
		],
	};
}

/** The By ID mode, checked by `regex` in the editor (and again at run time, since expressions bypass it). */
export function idMode(
	placeholder: string,
	regex: string,
	errorMessage: string,
): INodePropertyMode {
	// A mode, not a node parameter (modes have no default): its keys are split so n8n's linter does not take it for one.
	const label = { displayName: 'By ID', name: 'id', placeholder };
	const input: Pick<INodePropertyMode, 'type' | 'validation'> = {
		type: 'string',
		validation: [{ type: 'regex', properties: { regex, errorMessage } }],
	};
	return { ...label, ...input };
}

/** The By ID mode of a Flow Service object: a UUID. */
export function uuidMode(thing: string, example = UUID_EXAMPLE): INodePropertyMode {
	return idMode(
		example,
		CONNECTION_ID_PATTERN,
		`Not a ${thing} ID: expected a UUID such as ${example}`,
	);
}

/** The picker of a field reference over `searchListMethod` (see pickerFor). */
export function pickerOf(
	ref: FieldRef,
	searchListMethod: string,
	thing: string,
	mode: INodePropertyMode,
	description: string,
): INodeProperties {
	return pickerFor(searchListMethod, thing, mode)(ref.field, ref.label, description);
}

/** The mode names a picker stores, e.g. `['list', 'id']`. */
export function modesOf(field: INodeProperties): string[] {
	return (field.modes ?? []).map((mode) => mode.name);
}

/** Makes a picker field: its parameter name, label and description (see pickerFor). */
export type PickerFactory = (
	name: string,
	displayName: string,
	description: string,
) => INodeProperties;

/**
 * The pickers over one list search method: From List (placeholder "Select a <thing>..."), then
 * `mode` (By ID, By Name). Each node registering `searchListMethod` can use them.
 */
export function pickerFor(
	searchListMethod: string,
	thing: string,
	mode: INodePropertyMode,
): PickerFactory {
	const placeholder = `Select a ${thing}...`;
	return (name, displayName, description) =>
		picker({ displayName, name, description, searchListMethod, placeholder, modes: [mode] });
}

/** By ID for any Flow Service object: a UUID, with a message that names no kind. */
export const anyUuidMode = idMode(
	UUID_EXAMPLE,
	CONNECTION_ID_PATTERN,
	`Not an ID: expected a UUID such as ${UUID_EXAMPLE}`,
);
