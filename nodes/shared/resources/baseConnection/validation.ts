import { InvalidFieldError, checkText } from '../../kernel/validation';
import { checkHosting, checkSchema, type Hosting } from './hosting';
import { NODE_FIELDS } from '../../node/readers';
import { BASE_CONNECTION_FIELDS } from './fields';

const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-f:]+(?:\d+\.\d+\.\d+\.\d+)?$/i;
const SERVER_EXAMPLE = 'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com';

function isHostName(value: string): boolean {
	const labels = value.replace(/\.$/, '').split('.');
	return (
		labels.every((label) => HOST_LABEL.test(label)) && !/^\d+$/.test(labels[labels.length - 1])
	);
}

function isIpv6(value: string): boolean {
	const bare = value.replace(/^\[(.*)\]$/, '$1');
	return bare.includes(':') && IPV6.test(bare) && (bare.match(/::/g) ?? []).length <= 1;
}

/** The Redshift endpoint host: a host name or IP address only, the way Adobe's "server" expects it. */
export function checkServer(value: unknown): string {
	const { field, label } = BASE_CONNECTION_FIELDS.server;
	const server = checkText(BASE_CONNECTION_FIELDS.server, value, { required: true });
	const hint = `Enter only the host name or IP address of the Redshift endpoint, e.g. ${SERVER_EXAMPLE}.`;
	if (/^[a-z][a-z0-9+.:-]*:\/\//i.test(server)) {
		throw new InvalidFieldError(
			field,
			`"${label}" is a URL ("${server}"); remove the scheme (such as https:// or jdbc:redshift://). ${hint}`,
		);
	}
	if (/\s/.test(server)) {
		throw new InvalidFieldError(field, `"${label}" contains spaces. ${hint}`);
	}
	if (server.includes('/')) {
		throw new InvalidFieldError(
			field,
			`"${label}" contains a path ("${server}"); remove everything from the first "/". ${hint}`,
		);
	}
	if (IPV4.test(server) || isIpv6(server)) return server;
	if (/^[^:]+:\d+$/.test(server)) {
		throw new InvalidFieldError(
			field,
			`"${label}" contains a port ("${server}"); put the port in the Port field. ${hint}`,
		);
	}
	if (!isHostName(server)) {
		throw new InvalidFieldError(
			field,
			`"${label}" "${server}" is not a valid host name or IP address (letters, digits, hyphens and dots only). ${hint}`,
		);
	}
	return server;
}

/** A TCP port: a whole number 1-65535, given as a number or as digits (expressions yield text). */
export function checkPort(value: unknown): number {
	const { field, label } = BASE_CONNECTION_FIELDS.port;
	const allowed = 'a whole number from 1 to 65535 (Redshift listens on 5439 by default)';
	let port: number;
	if (typeof value === 'number') {
		port = value;
	} else if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) {
		port = Number(value.trim());
	} else if (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '')
	) {
		throw new InvalidFieldError(field, `"${label}" is required: enter ${allowed}.`);
	} else {
		const shown =
			typeof value === 'string'
				? `"${value}"`
				: `a value of type ${Array.isArray(value) ? 'list' : typeof value}`;
		throw new InvalidFieldError(field, `"${label}" must be ${allowed}; got ${shown}.`);
	}
	if (!Number.isInteger(port) || port < 1 || port > 65535) {
		throw new InvalidFieldError(field, `"${label}" must be ${allowed}; got ${port}.`);
	}
	return port;
}

/** The Redshift sign-in fields, raw from the node (after expression resolution). */
export interface RedshiftAuthInput {
	hosting: unknown;
	server: unknown;
	port: unknown;
	username: unknown;
	password: unknown;
	database: unknown;
	schema?: unknown;
}

export interface RedshiftAuth {
	hosting: Hosting;
	server: string;
	port: number;
	username: string;
	password: string;
	database: string;
	/** Only for Experience Platform on AWS. */
	schema?: string;
}

export function checkRedshiftAuth(input: RedshiftAuthInput): RedshiftAuth {
	const hosting = checkHosting(input.hosting);
	const auth: RedshiftAuth = {
		hosting,
		server: checkServer(input.server),
		port: checkPort(input.port),
		username: checkText(BASE_CONNECTION_FIELDS.username, input.username, { required: true }),
		password: checkText(BASE_CONNECTION_FIELDS.password, input.password, {
			required: true,
			keepSpaces: true,
		}),
		database: checkText(BASE_CONNECTION_FIELDS.database, input.database, { required: true }),
	};
	const schema = checkSchema(hosting, input.schema);
	if (schema !== undefined) auth.schema = schema;
	return auth;
}

export interface CreateConnectionInput extends RedshiftAuthInput {
	name: unknown;
	description: unknown;
}

export interface CreateConnection {
	name: string;
	description: string;
	auth: RedshiftAuth;
}

export function checkCreateConnection(input: CreateConnectionInput): CreateConnection {
	return {
		name: checkText(BASE_CONNECTION_FIELDS.name, input.name, { required: true }),
		description: checkText(NODE_FIELDS.description, input.description, { allowLineBreaks: true }),
		auth: checkRedshiftAuth(input),
	};
}

/** Update: every field optional (empty = keep), but at least one change. */
export interface UpdateConnectionInput {
	name: unknown;
	description: unknown;
	server: unknown;
	port: unknown;
	username: unknown;
	password: unknown;
	database: unknown;
	schema: unknown;
}

export interface ConnectionChanges {
	name?: string;
	description?: string;
	params: Partial<Omit<RedshiftAuth, 'hosting'>>;
}

function isBlank(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		value === 0
	);
}

export function checkConnectionChanges(input: UpdateConnectionInput): ConnectionChanges {
	const changes: ConnectionChanges = { params: {} };
	if (!isBlank(input.name))
		changes.name = checkText(BASE_CONNECTION_FIELDS.name, input.name, { required: true });
	if (!isBlank(input.description))
		changes.description = checkText(NODE_FIELDS.description, input.description, {
			allowLineBreaks: true,
		});
	if (!isBlank(input.server)) changes.params.server = checkServer(input.server);
	if (!isBlank(input.port)) changes.params.port = checkPort(input.port);
	for (const key of ['username', 'password', 'database', 'schema'] as const) {
		if (!isBlank(input[key]))
			changes.params[key] = checkText(BASE_CONNECTION_FIELDS[key], input[key], {
				required: true,
				keepSpaces: key === 'password',
			});
	}
	if (
		changes.name === undefined &&
		changes.description === undefined &&
		Object.keys(changes.params).length === 0
	) {
		const { field, label } = BASE_CONNECTION_FIELDS.updateFields;
		throw new InvalidFieldError(
			field,
			`"${label}" is empty: add at least one field to change (name, description, server, port, username, password, database or schema).`,
		);
	}
	return changes;
}

/** The ETag field's check (shared by every node's Update). */
export { checkEtag } from '../../kernel/validation';
