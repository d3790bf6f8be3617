import type { INodeProperties } from 'n8n-workflow';

import { InvalidFieldError } from '../kernel/validation';

/** What a create does when its object exists already: Reuse It, Create Another, Stop With an Error. */
export type IfExists = 'reuse' | 'create' | 'error';

const IF_EXISTS_VALUES: readonly IfExists[] = ['reuse', 'create', 'error'];

/**
 * The "If a <Thing> With This Name Exists" field (`ifExists`, default Reuse It, so re-runs never duplicate).
 * @param thing lower-case noun, e.g. "dataset"
 */
export function ifExistsField(
	label: string,
	thing: string,
	wording: Partial<Record<IfExists | 'field', string>> = {},
): INodeProperties {
	return {
		displayName: label,
		name: 'ifExists',
		type: 'options',
		options: [
			{
				name: 'Create Another',
				value: 'create',
				description: `Always create a new ${thing} (Adobe allows duplicate names)`,
			},
			{
				name: 'Reuse It',
				value: 'reuse',
				description:
					wording.reuse ??
					`Return the existing ${thing} instead of creating one; the output says reused: true`,
			},
			{
				name: 'Stop With an Error',
				value: 'error',
				description: wording.error ?? `Fail the item, naming the existing ${thing}'s ID`,
			},
		],
		default: 'reuse',
		description:
			wording.field ??
			`What to do when a ${thing} with the same name already exists in the sandbox. Reuse It makes re-runs safe.`,
	};
}

/**
 * The checked value of an `ifExists` field; undefined (an older node) means `fallback`.
 * @param field the parameter name errors point at, when the field is not named `ifExists`
 */
export function checkIfExists(
	label: string,
	value: unknown,
	fallback: IfExists = 'reuse',
	field = 'ifExists',
): IfExists {
	if (value === undefined) return fallback;
	if (IF_EXISTS_VALUES.includes(value as IfExists)) return value as IfExists;
	throw new InvalidFieldError(
		field,
		`"${label}" must be "reuse", "create" or "error"; got ${JSON.stringify(value)}.`,
	);
}
