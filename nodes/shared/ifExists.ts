/**
 * "If It Exists": what a create does when the object it would create is already there. One rule for
 * every create of the Experience Platform nodes (source connection, and the dataflow chain after it).
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import { InvalidFieldError } from './InvalidFieldError';
import type { FieldRef } from './validation';

/** `reuse`: return the existing object; `create`: create another; `error`: stop, naming the existing one. */
export type IfExists = 'reuse' | 'create' | 'error';

export const IF_EXISTS_VALUES: readonly IfExists[] = ['reuse', 'create', 'error'];

/**
 * The three dropdown options, in n8n's alphabetical order, for an object called `noun` (e.g.
 * "source connection"). Reuse It is the default every create should use: it makes re-runs safe.
 */
export function ifExistsOptions(noun: string): INodePropertyOptions[] {
	return [
		{ name: 'Create Another', value: 'create', description: `Always create a new ${noun} (Adobe allows duplicates)` },
		{ name: 'Reuse It', value: 'reuse', description: `Return the existing ${noun} and its current etag; the output says reused: true` },
		{ name: 'Stop With an Error', value: 'error', description: `Fail the item, naming the existing ${noun}'s ID` },
	];
}

/** The field's value, checked; `undefined` (not stored) gives `fallback`. Throws InvalidFieldError naming `ref`. */
export function checkIfExists(ref: FieldRef, value: unknown, fallback: IfExists = 'reuse'): IfExists {
	if (value === undefined || value === null || value === '') return fallback;
	if ((IF_EXISTS_VALUES as readonly unknown[]).includes(value)) return value as IfExists;
	throw new InvalidFieldError(ref.field, `"${ref.label}" must be "reuse" (Reuse It), "create" (Create Another) or "error" (Stop With an Error); got ${JSON.stringify(value)}.`);
}
