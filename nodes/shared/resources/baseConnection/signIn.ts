/** The Redshift sign-in: its fields (also the Sign-In credential's), where it comes from, and its reading. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { REDSHIFT_SIGN_IN_CREDENTIAL_TYPE } from '../../kernel/constants';
import { InvalidFieldError } from '../../kernel/validation';
import { labelled } from '../../node/readers';
import { BASE_CONNECTION_FIELDS, DEFAULT_PORT, KEEP_HINT } from './fields';
import { schemaField } from './hosting';

export type SignInFrom = 'credential' | 'fields';

export const SIGN_IN_FROM = BASE_CONNECTION_FIELDS.redshiftSignInFrom.name;

/** Where the Redshift sign-in comes from: Fields for version 1 nodes, the credential from 1.1 (defaults are per version). */
export function signInFromFields(): INodeProperties[] {
	const field = (defaultValue: SignInFrom, versions: number[]): INodeProperties => ({
		...labelled(BASE_CONNECTION_FIELDS.redshiftSignInFrom),
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Credential',
				value: 'credential',
				description: 'A Redshift Sign-In credential, stored encrypted by n8n (recommended)',
			},
			{
				name: 'Fields',
				value: 'fields',
				description:
					'Fields of this node, e.g. expressions reading upstream data; typed values are stored in the workflow',
			},
		],
		default: defaultValue,
		description: 'Where the Redshift server, port, username, password and database come from',
		displayOptions: { show: { '@version': versions } },
	});
	return [
		field('fields', [1]),
		field('credential', [1.1]),
		{
			displayName:
				'Values typed in these fields are stored in the workflow: its JSON, exports and the copy kept with every execution. Use a Redshift Sign-In credential instead (encrypted by n8n), or an expression that reads a secret store.',
			name: 'signInFieldsNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { [SIGN_IN_FROM]: ['fields'] } },
		},
	];
}

/**
 * The Redshift sign-in fields (server, port, username, password, database), also the fields of the
 * Redshift Sign-In credential. `required` is false for Update, where empty means "keep".
 */
export function redshiftSignInFields(required: boolean): INodeProperties[] {
	// Update's "keep" rule is a hint under the field, so each description stays one literal that n8n's linter checks.
	const keep = required ? undefined : KEEP_HINT;
	const portDefault = required ? DEFAULT_PORT : 0;
	return [
		{
			...labelled(BASE_CONNECTION_FIELDS.server),
			type: 'string',
			default: '',
			required,
			placeholder: 'e.g. examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
			description: 'Host name or IP address of the Redshift endpoint, without https:// or a port',
			hint: keep,
		},
		{
			...labelled(BASE_CONNECTION_FIELDS.port),
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 65535, numberPrecision: 0 },
			default: portDefault,
			required,
			description: 'TCP port the Redshift endpoint listens on (5439 by default)',
			hint: required ? undefined : '0 keeps the current value',
		},
		{
			...labelled(BASE_CONNECTION_FIELDS.username),
			type: 'string',
			default: '',
			required,
			description: 'Redshift user that Experience Platform signs in as',
			hint: keep,
		},
		{
			...labelled(BASE_CONNECTION_FIELDS.password),
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required,
			description:
				'Password of that Redshift user. It is sent to Adobe only and never appears in the output.',
			hint: keep,
		},
		{
			...labelled(BASE_CONNECTION_FIELDS.database),
			type: 'string',
			default: '',
			required,
			placeholder: 'e.g. dev',
			description: 'Redshift database to read data from',
			hint: keep,
		},
	];
}

/** The node's sign-in fields (shown when the sign-in comes from Fields) and Schema; `required` as above. */
export function redshiftAuthFields(required: boolean): INodeProperties[] {
	const fieldsMode = { show: { [SIGN_IN_FROM]: ['fields'] } };
	return [
		...redshiftSignInFields(required).map((field) => ({ ...field, displayOptions: fieldsMode })),
		schemaField(required),
	];
}

/** The Redshift sign-in values (server, port, username, password, database) as given, before validation. */
export interface RedshiftSignInInput {
	server: unknown;
	port: unknown;
	username: unknown;
	password: unknown;
	database: unknown;
}

const SIGN_IN_KEYS = ['server', 'port', 'username', 'password', 'database'] as const;

/** Where this item's Redshift sign-in comes from; version 1 nodes default to Fields (see signInFromFields). */
function readSignInFrom(this: IExecuteFunctions, itemIndex: number): SignInFrom {
	const value = this.getNodeParameter(SIGN_IN_FROM, itemIndex, 'fields') as unknown;
	if (value === 'credential' || value === 'fields') return value;
	throw new InvalidFieldError(
		BASE_CONNECTION_FIELDS.redshiftSignInFrom.field,
		`"${BASE_CONNECTION_FIELDS.redshiftSignInFrom.label}" must be "credential" or "fields"; got ${JSON.stringify(value)}.`,
	);
}

/** The sign-in from the credential or the node's fields; a bad credential value names the credential. */
export async function readRedshiftSignIn(
	this: IExecuteFunctions,
	itemIndex: number,
	read: (name: (typeof SIGN_IN_KEYS)[number]) => unknown,
): Promise<{ from: SignInFrom; input: RedshiftSignInInput }> {
	const from = readSignInFrom.call(this, itemIndex);
	if (from === 'fields') {
		return {
			from,
			input: Object.fromEntries(
				SIGN_IN_KEYS.map((key) => [key, read(key)]),
			) as unknown as RedshiftSignInInput,
		};
	}
	const data = (await this.getCredentials(
		REDSHIFT_SIGN_IN_CREDENTIAL_TYPE,
		itemIndex,
	)) as IDataObject;
	return {
		from,
		input: Object.fromEntries(
			SIGN_IN_KEYS.map((key) => [key, data[key]]),
		) as unknown as RedshiftSignInInput,
	};
}

/** Validates sign-in values; in Credential mode a problem names the credential, not a node field. */
export function checkSignIn<T>(from: SignInFrom, check: () => T): T {
	let failure: unknown;
	try {
		return check();
	} catch (error) {
		failure = error;
	}
	if (
		from === 'credential' &&
		failure instanceof InvalidFieldError &&
		(SIGN_IN_KEYS as readonly string[]).includes(failure.field)
	) {
		throw new InvalidFieldError(
			`credential.${failure.field}`,
			`Redshift Sign-In credential: ${failure.message}`,
		);
	}
	throw failure;
}
