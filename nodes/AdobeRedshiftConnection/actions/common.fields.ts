import type { INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_PORT,
	FIELDS,
	KEEP_HINT,
	labelled,
	type FieldName,
} from '../../shared/resources/baseConnection/fields';
import { schemaField } from '../../shared/resources/baseConnection/hosting';

/** A collection field (Options, Filters, Update Fields): `options` are the fields one can add. */
export function collection(
	name: FieldName,
	placeholder: string,
	options: INodeProperties[],
): INodeProperties {
	return { ...labelled(name), type: 'collection', placeholder, default: {}, options };
}

export type SignInFrom = 'credential' | 'fields';

export const SIGN_IN_FROM = FIELDS.redshiftSignInFrom.name;

/**
 * Where the Redshift sign-in comes from. Version 1 nodes (saved before the credential existed)
 * have no stored value and default to Fields, as they behaved; new nodes (version 1.1) default to
 * the encrypted credential. n8n stores only non-default values, so the default is per version.
 */
export function signInFromFields(): INodeProperties[] {
	const field = (defaultValue: SignInFrom, versions: number[]): INodeProperties => ({
		...labelled('redshiftSignInFrom'),
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
			...labelled('server'),
			type: 'string',
			default: '',
			required,
			placeholder: 'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
			description: 'Host name or IP address of the Redshift endpoint, without https:// or a port',
			hint: keep,
		},
		{
			...labelled('port'),
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 65535, numberPrecision: 0 },
			default: portDefault,
			required,
			description: 'TCP port the Redshift endpoint listens on (5439 by default)',
			hint: required ? undefined : '0 keeps the current value',
		},
		{
			...labelled('username'),
			type: 'string',
			default: '',
			required,
			description: 'Redshift user that Experience Platform signs in as',
			hint: keep,
		},
		{
			...labelled('password'),
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required,
			description:
				'Password of that Redshift user. It is sent to Adobe only and never appears in the output.',
			hint: keep,
		},
		{
			...labelled('database'),
			type: 'string',
			default: '',
			required,
			placeholder: 'dev',
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
