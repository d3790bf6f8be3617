import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_PORT } from '../helpers/fields';

export type Shown = {
	resource: string[];
	operation: string[];
};

function show(where: Shown, extra: Record<string, Array<string | number>> = {}): INodeProperties['displayOptions'] {
	return { show: { resource: where.resource, operation: where.operation, ...extra } };
}

/** Where Experience Platform runs decides the payload (schema on AWS only). */
export function platformField(where: Shown): INodeProperties {
	return {
		displayName: 'Experience Platform Hosting',
		name: 'hosting',
		type: 'options',
		noDataExpression: false,
		options: [
			{ name: 'Experience Platform on Azure', value: 'azure', description: 'Most organizations; no schema is sent' },
			{ name: 'Experience Platform on AWS', value: 'aws', description: 'Platform hosted on Amazon Web Services; a schema is required' },
		],
		default: 'azure',
		description:
			'Where your Adobe Experience Platform instance runs, not where Redshift runs. Ask your Adobe admin if unsure; most organizations are on Azure.',
		displayOptions: show(where),
	};
}

export type SignInFrom = 'credential' | 'fields';

export const SIGN_IN_FROM = 'redshiftSignInFrom';

/**
 * Where the Redshift sign-in comes from. Version 1 nodes (saved before the credential existed)
 * have no stored value and default to Fields, as they behaved; new nodes (version 1.1) default to
 * the encrypted credential. n8n stores only non-default values, so the default is per version.
 */
export function signInFromFields(where: Shown): INodeProperties[] {
	const field = (defaultValue: SignInFrom, versions: number[]): INodeProperties => ({
		displayName: 'Redshift Sign-In From',
		name: SIGN_IN_FROM,
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Credential', value: 'credential', description: 'A Redshift Sign-In credential, stored encrypted by n8n (recommended)' },
			{ name: 'Fields', value: 'fields', description: 'Fields of this node, e.g. expressions reading upstream data; typed values are stored in the workflow' },
		],
		default: defaultValue,
		description: 'Where the Redshift server, port, username, password and database come from',
		displayOptions: show(where, { '@version': versions }),
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
			displayOptions: show(where, { [SIGN_IN_FROM]: ['fields'] }),
		},
	];
}

/** The Redshift sign-in fields; `required` is false for Update, where empty means "keep". */
export function redshiftAuthFields(where: Shown, required: boolean): INodeProperties[] {
	// Update's "keep" rule is a hint under the field, so each description stays one literal that n8n's linter checks.
	const keep = required ? undefined : 'Leave empty to keep the current value';
	const portDefault = required ? DEFAULT_PORT : 0;
	const fieldsMode = { [SIGN_IN_FROM]: ['fields'] };
	return [
		{
			displayName: 'Server',
			name: 'server',
			type: 'string',
			default: '',
			required,
			placeholder: 'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
			description: 'Host name or IP address of the Redshift endpoint, without https:// or a port',
			hint: keep,
			displayOptions: show(where, fieldsMode),
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 65535, numberPrecision: 0 },
			default: portDefault,
			required,
			description: 'TCP port the Redshift endpoint listens on (5439 by default)',
			hint: required ? undefined : '0 keeps the current value',
			displayOptions: show(where, fieldsMode),
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required,
			description: 'Redshift user that Experience Platform signs in as',
			hint: keep,
			displayOptions: show(where, fieldsMode),
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required,
			description: 'Password of that Redshift user. It is sent to Adobe only and never appears in the output.',
			hint: keep,
			displayOptions: show(where, fieldsMode),
		},
		{
			displayName: 'Database',
			name: 'database',
			type: 'string',
			default: '',
			required,
			placeholder: 'dev',
			description: 'Redshift database to read data from',
			hint: keep,
			displayOptions: show(where, fieldsMode),
		},
		{
			displayName: 'Schema',
			name: 'schema',
			type: 'string',
			default: '',
			required,
			placeholder: 'public',
			description: 'Redshift schema to read from; the user must have access to it. Only used by Experience Platform on AWS.',
			hint: keep,
			displayOptions: show(where, { hosting: ['aws'] }),
		},
	];
}
