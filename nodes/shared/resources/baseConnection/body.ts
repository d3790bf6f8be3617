import { BASIC_AUTH_SPEC_NAME, REDSHIFT_CONNECTION_SPEC } from '../../kernel/constants';
import { hostingParams } from './hosting';
import type { ConnectionChanges, CreateConnection, RedshiftAuth } from './validation';

export interface RedshiftAuthParams {
	server: string;
	/** Adobe's tutorial sends the port as a JSON string. */
	port: string;
	username: string;
	password: string;
	database: string;
	schema?: string;
}

export interface CreateConnectionBody {
	name: string;
	description?: string;
	auth: { specName: string; params: RedshiftAuthParams };
	connectionSpec: { id: string; version: string };
}

function buildAuthParams(auth: RedshiftAuth): RedshiftAuthParams {
	return {
		server: auth.server,
		port: String(auth.port),
		username: auth.username,
		password: auth.password,
		database: auth.database,
		...hostingParams(auth.hosting, auth.schema),
	};
}

/** The POST /connections body, exactly as Adobe documents it; serialised by JSON.stringify only. */
export function buildCreateConnectionBody(input: CreateConnection): CreateConnectionBody {
	return {
		name: input.name,
		...(input.description ? { description: input.description } : {}),
		auth: { specName: BASIC_AUTH_SPEC_NAME, params: buildAuthParams(input.auth) },
		connectionSpec: { id: REDSHIFT_CONNECTION_SPEC.id, version: REDSHIFT_CONNECTION_SPEC.version },
	};
}

export interface JsonPatchOperation {
	op: 'add' | 'replace';
	path: string;
	value: string;
}

/**
 * JSON Patch for an update. Each auth parameter is replaced on its own path so that rotating one
 * value (say the password) does not need the others, which Adobe returns masked.
 */
export function buildUpdatePatch(changes: ConnectionChanges): JsonPatchOperation[] {
	const patch: JsonPatchOperation[] = [];
	if (changes.name !== undefined) patch.push({ op: 'replace', path: '/name', value: changes.name });
	// "add" also replaces an existing member (RFC 6902), and works when there was no description.
	if (changes.description !== undefined)
		patch.push({ op: 'add', path: '/description', value: changes.description });
	for (const key of ['server', 'port', 'username', 'password', 'database', 'schema'] as const) {
		const value = changes.params[key];
		if (value !== undefined)
			patch.push({ op: 'replace', path: `/auth/params/${key}`, value: String(value) });
	}
	return patch;
}
