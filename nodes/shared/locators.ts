import type { INodeProperties } from 'n8n-workflow';

/** What a picker field (resourceLocator with From List and By ID) needs to know. */
export interface PickerSpec {
	displayName: string;
	/** Parameter name, e.g. `datasetId`. */
	name: string;
	/** The listSearch method of the From List mode. */
	searchListMethod: string;
	/** e.g. "Select a dataset..." */
	listPlaceholder: string;
	/** An example ID for the By ID mode. */
	idPlaceholder: string;
	/** The By ID mode's check (a regex source) and the message the editor shows when it fails. */
	idPattern: string;
	idError: string;
	description: string;
	required?: boolean;
}

/** The modes every picker made by `picker` stores. */
export const PICKER_MODES = ['list', 'id'] as const;

/**
 * A picker: resourceLocator with From List (a searchable list method) and By ID (checked with a
 * regex in the editor; the node checks again at run time, as expressions bypass the editor).
 */
export function picker(spec: PickerSpec): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: spec.required ?? true,
		description: spec.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: spec.listPlaceholder,
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: spec.idPlaceholder,
				validation: [{ type: 'regex', properties: { regex: spec.idPattern, errorMessage: spec.idError } }],
			},
		],
	};
}
