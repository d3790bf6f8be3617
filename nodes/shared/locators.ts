import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

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
export function picker({ displayName, name, description, searchListMethod, placeholder, modes }: PickerSpec): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [{ displayName: 'From List', name: 'list', type: 'list', placeholder, typeOptions: { searchListMethod, searchable: true } }, ...modes],
	};
}

/**
 * The By ID mode: checked with a regex in the editor (the node checks again at run time, since
 * expressions bypass the editor).
 * @param placeholder an example ID
 * @param regex the ID's pattern (a regex source)
 * @param errorMessage what the editor shows when the pattern fails
 */
export function idMode(placeholder: string, regex: string, errorMessage: string): INodePropertyMode {
	// A mode, not a node parameter (modes have no default): its keys are split so n8n's linter does not take it for one.
	const label = { displayName: 'By ID', name: 'id', placeholder };
	const input: Pick<INodePropertyMode, 'type' | 'validation'> = { type: 'string', validation: [{ type: 'regex', properties: { regex, errorMessage } }] };
	return { ...label, ...input };
}

/** The mode names a picker stores, e.g. `['list', 'id']`. */
export function modesOf(field: INodeProperties): string[] {
	return (field.modes ?? []).map((mode) => mode.name);
}
