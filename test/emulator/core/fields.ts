/** Checks of JSON body fields shared by every emulated resource; messages name fields, never values. */
import { REDSHIFT_CONNECTION_SPEC_VERSION } from './defaults';
import { flow } from './errors';
import { isPlainObject } from './http';

/** The request body as a JSON object with only `allowed` keys (else FLOW-1301-400, naming `where`). */
export function bodyObject(
	body: unknown,
	allowed: string[],
	where: string,
): Record<string, unknown> {
	if (!isPlainObject(body)) throw flow.invalid('The request body must be a JSON object');
	onlyKeys(body, allowed, where);
	return body;
}

export function onlyKeys(obj: Record<string, unknown>, allowed: string[], where: string): void {
	const unknown = Object.keys(obj).filter((k) => !allowed.includes(k));
	if (unknown.length > 0) throw flow.invalid(`Unknown field(s) in ${where}: ${unknown.join(', ')}`);
}

/** A required JSON object; with `allowed`, only those keys (else FLOW-1301-400, naming `field`). */
export function requireObject(
	value: unknown,
	field: string,
	allowed?: string[],
): Record<string, unknown> {
	if (value === undefined || value === null) throw flow.mandatory(field);
	if (!isPlainObject(value)) throw flow.invalid(`'${field}' must be an object`);
	if (allowed) onlyKeys(value, allowed, field);
	return value;
}

/** A required string: absent or blank is "mandatory field not provided", another type is invalid. */
export function requireString(value: unknown, field: string): string {
	if (value === undefined || value === null) throw flow.mandatory(field);
	if (typeof value !== 'string') throw flow.invalid(`'${field}' must be a string`);
	if (value.trim() === '') throw flow.mandatory(field);
	return value;
}

export function optionalString(value: unknown, field: string): string | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'string') throw flow.invalid(`'${field}' must be a string`);
	return value;
}

/** An integer, or its digits as a string (Adobe's examples send both). */
export function wholeNumber(value: unknown, field: string): number {
	if (value === undefined || value === null || value === '') throw flow.mandatory(field);
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
	if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
	throw flow.invalid(`'${field}' must be a whole number`);
}

/** A non-empty list of distinct ID strings. */
export function nonEmptyIdList(value: unknown, field: string): string[] {
	if (value === undefined || value === null) throw flow.mandatory(field);
	if (!Array.isArray(value)) throw flow.invalid(`'${field}' must be an array of IDs`);
	if (value.length === 0) throw flow.mandatory(field);
	const ids = value.map((v, i) => requireString(v, `${field}[${i}]`));
	if (new Set(ids).size !== ids.length) throw flow.invalid(`'${field}' lists an ID more than once`);
	return ids;
}

/**
 * `{id, version}`, both required, nothing else; the ID must be `specId` (else FLOW-1439-404) and
 * the version "1.0", as for every connection spec the emulator knows.
 */
export function connectionSpec(value: unknown, specId: string): { id: string; version: string } {
	const spec = requireObject(value, 'connectionSpec', ['id', 'version']);
	const id = requireString(spec.id, 'connectionSpec.id');
	const version = requireString(spec.version, 'connectionSpec.version');
	if (id !== specId) throw flow.notFound('Connection spec');
	if (version !== REDSHIFT_CONNECTION_SPEC_VERSION)
		throw flow.invalid(`'connectionSpec.version' must be "1.0"`);
	return { id, version };
}

/**
 * What a source and a target connection body share: only the six documented keys, a `name`, an
 * optional `description` and the base connection's ID (a source needs one; a Data Lake target may
 * omit it). `data`, `params` and `connectionSpec` are the caller's to check.
 */
export function dataflowConnectionBody(
	input: unknown,
	where: string,
	baseConnection: 'required' | 'optional',
): {
	body: Record<string, unknown>;
	name: string;
	description?: string;
	baseConnectionId?: string;
} {
	const body = bodyObject(
		input,
		['name', 'description', 'baseConnectionId', 'data', 'params', 'connectionSpec'],
		where,
	);
	const name = requireString(body.name, 'name');
	const description = optionalString(body.description, 'description');
	const baseConnectionId =
		baseConnection === 'required'
			? requireString(body.baseConnectionId, 'baseConnectionId')
			: optionalString(body.baseConnectionId, 'baseConnectionId');
	return {
		body,
		name,
		...(description !== undefined ? { description } : {}),
		...(baseConnectionId !== undefined ? { baseConnectionId } : {}),
	};
}
