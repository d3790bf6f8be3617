/**
 * Validation of a base connection body against the Redshift auth spec. Strict on purpose: whatever
 * passes here must be something Adobe accepts. Messages name fields, never values.
 */
import {
	REDSHIFT_AUTH_SPEC_NAME,
	REDSHIFT_CONNECTION_SPEC_ID,
	REDSHIFT_CONNECTION_SPEC_VERSION,
} from './defaults';
import { flow } from './errors';
import { isPlainObject } from './http';
import { paramRules } from './spec';
import type { Hosting } from './types';

export interface ConnectionFields {
	name: string;
	description?: string;
	auth: { specName: string; params: Record<string, string> };
	connectionSpec: { id: string; version: string };
}

export function onlyKeys(obj: Record<string, unknown>, allowed: string[], where: string): void {
	const unknown = Object.keys(obj).filter((k) => !allowed.includes(k));
	if (unknown.length > 0) throw flow.invalid(`Unknown field(s) in ${where}: ${unknown.join(', ')}`);
}

export function requireObject(value: unknown, field: string): Record<string, unknown> {
	if (value === undefined || value === null) throw flow.mandatory(field);
	if (!isPlainObject(value)) throw flow.invalid(`'${field}' must be an object`);
	return value;
}

/** A required string: absent or blank is "mandatory field not provided", another type is invalid. */
export function requireString(value: unknown, field: string): string {
	if (value === undefined || value === null) throw flow.mandatory(field);
	if (typeof value !== 'string') throw flow.invalid(`'${field}' must be a string`);
	if (value.trim() === '') throw flow.mandatory(field);
	return value;
}

export function validateAuthParams(value: unknown, hosting: Hosting): Record<string, string> {
	const params = requireObject(value, 'auth.params');
	const { allowed, required } = paramRules(hosting);
	onlyKeys(params, allowed, 'auth.params');
	for (const name of required) requireString(params[name], `auth.params.${name}`);
	for (const [name, v] of Object.entries(params)) {
		if (typeof v !== 'string') throw flow.invalid(`'auth.params.${name}' must be a string`);
	}
	const port = params.port as string;
	// Redshift ports are TCP ports; the spec types them as strings ("5439").
	if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
		throw flow.invalid("'auth.params.port' must be a TCP port number written as a string, e.g. \"5439\"");
	}
	return params as Record<string, string>;
}

export function validateConnectionBody(body: unknown, hosting: Hosting): ConnectionFields {
	if (!isPlainObject(body)) throw flow.invalid('The request body must be a JSON object');
	onlyKeys(body, ['name', 'description', 'auth', 'connectionSpec'], 'the connection');

	const name = requireString(body.name, 'name');
	if (body.description !== undefined && typeof body.description !== 'string') {
		throw flow.invalid("'description' must be a string");
	}

	const spec = requireObject(body.connectionSpec, 'connectionSpec');
	onlyKeys(spec, ['id', 'version'], 'connectionSpec');
	const specId = requireString(spec.id, 'connectionSpec.id');
	const version = requireString(spec.version, 'connectionSpec.version');
	if (specId !== REDSHIFT_CONNECTION_SPEC_ID) throw flow.notFound('Connection spec');
	if (version !== REDSHIFT_CONNECTION_SPEC_VERSION) throw flow.invalid("'connectionSpec.version' must be \"1.0\"");

	const auth = requireObject(body.auth, 'auth');
	onlyKeys(auth, ['specName', 'params'], 'auth');
	const specName = requireString(auth.specName, 'auth.specName');
	if (specName !== REDSHIFT_AUTH_SPEC_NAME) throw flow.authSpecNotFound();
	const params = validateAuthParams(auth.params, hosting);

	return {
		name,
		...(body.description !== undefined ? { description: body.description as string } : {}),
		auth: { specName, params },
		connectionSpec: { id: specId, version },
	};
}
