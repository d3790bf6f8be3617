import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { CONNECTION_ID_PATTERN } from '../kernel/validation';

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

/**
 * The By ID mode: checked with a regex in the editor (the node checks again at run time, since
 * expressions bypass the editor).
 * @param placeholder an example ID
 * @param regex the ID's pattern (a regex source)
 * @param errorMessage what the editor shows when the pattern fails
 */
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

/**
 * The By ID mode of a Flow Service object (base or source or target connection, dataflow): a UUID.
 * @param thing what the ID names, for the editor's error ("Not a <thing> ID: ...")
 * @param example the placeholder, quoted in the error too
 */
export function uuidMode(
	thing: string,
	example = '373e88fc-43da-4e3c-be88-fc43da3e3c0f',
): INodePropertyMode {
	return idMode(
		example,
		CONNECTION_ID_PATTERN,
		`Not a ${thing} ID: expected a UUID such as ${example}`,
	);
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

/** A Dataflow picker (searchDataflows, shared/methods/listSearch.ts): From List or By ID (a UUID). */
export const dataflowPicker = pickerFor(
	'searchDataflows',
	'dataflow',
	uuidMode('dataflow', '993f908f-3342-4d9c-9f3b-b9a3a9123d4e'),
);

/** A Redshift base connection picker (searchConnections, shared/methods/listSearch.ts): From List or By ID (a UUID). */
export const baseConnectionPicker = pickerFor(
	'searchConnections',
	'connection',
	uuidMode('connection'),
);

/**
 * A Redshift table picker (searchTables, which explores the base connection chosen in
 * `connectionId`): From List, or By Name (its path as List Tables returns it, e.g. public.orders).
 */
export function tablePicker(name: string, displayName: string): INodeProperties {
	return picker({
		displayName,
		name,
		description: 'The table, by its path as List Tables returns it (e.g. public.orders)',
		searchListMethod: 'searchTables',
		placeholder: 'Select a table...',
		modes: [{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'public.orders' }],
	});
}
