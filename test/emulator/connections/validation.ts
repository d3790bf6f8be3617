/**
 * Validation of a base connection body against the Redshift auth spec. Strict on purpose: whatever
 * passes here must be something Adobe accepts. Messages name fields, never values.
 */
import { REDSHIFT_AUTH_SPEC_NAME, REDSHIFT_CONNECTION_SPEC_ID } from '../core/defaults';
import { flow } from '../core/errors';
import { bodyObject, connectionSpec, onlyKeys, requireObject, requireString } from '../core/fields';
import type { Hosting } from '../core/types';
import { paramRules } from './spec';

export interface ConnectionFields {
	name: string;
	description?: string;
	auth: { specName: string; params: Record<string, string> };
	connectionSpec: { id: string; version: string };
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
		throw flow.invalid(
			'\'auth.params.port\' must be a TCP port number written as a string, e.g. "5439"',
		);
	}
	return params as Record<string, string>;
}

export function validateConnectionBody(input: unknown, hosting: Hosting): ConnectionFields {
	const body = bodyObject(
		input,
		['name', 'description', 'auth', 'connectionSpec'],
		'the connection',
	);

	const name = requireString(body.name, 'name');
	if (body.description !== undefined && typeof body.description !== 'string') {
		throw flow.invalid("'description' must be a string");
	}

	const spec = connectionSpec(body.connectionSpec, REDSHIFT_CONNECTION_SPEC_ID);

	const auth = requireObject(body.auth, 'auth', ['specName', 'params']);
	const specName = requireString(auth.specName, 'auth.specName');
	if (specName !== REDSHIFT_AUTH_SPEC_NAME) throw flow.authSpecNotFound();
	const params = validateAuthParams(auth.params, hosting);

	return {
		name,
		...(body.description !== undefined ? { description: body.description as string } : {}),
		auth: { specName, params },
		connectionSpec: spec,
	};
}
