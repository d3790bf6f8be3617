import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_PORT } from '../helpers/fields';

export type Shown = {
	resource: string[];
	operation: string[];
};

function show(where: Shown, extra: Record<string, string[]> = {}): INodeProperties['displayOptions'] {
	return { show: { resource: where.resource, operation: where.operation, ...extra } };
}

/** Where Experience Platform runs decides the payload (schema on AWS only). */
export function platformField(where: Shown): INodeProperties {
	return {
		displayName: 'Experience Platform Hosting',
		name: 'platform',
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

/** The Redshift sign-in fields; `required` is false for Update, where empty means "keep". */
export function redshiftAuthFields(where: Shown, required: boolean): INodeProperties[] {
	// Update's "keep" rule is a hint under the field, so each description stays one literal that n8n's linter checks.
	const keep = required ? undefined : 'Leave empty to keep the current value';
	const portDefault = required ? DEFAULT_PORT : 0;
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
			displayOptions: show(where),
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
			displayOptions: show(where),
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required,
			description: 'Redshift user that Experience Platform signs in as',
			hint: keep,
			displayOptions: show(where),
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
			displayOptions: show(where),
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
			displayOptions: show(where),
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
			displayOptions: show(where, { platform: ['aws'] }),
		},
	];
}

export function sandboxOption(): INodeProperties {
	return {
		displayName: 'Sandbox Name or ID',
		name: 'sandboxName',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSandboxes' },
		default: '',
		description:
			'Sandbox for this node, overriding the credential\'s; its ID is the technical (lower-case) name. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	};
}

export function connectionIdField(where: Shown): INodeProperties {
	return {
		displayName: 'Connection ID',
		name: 'connectionId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '373e88fc-43da-4e3c-be88-fc43da3e3c0f',
		description: 'ID of the base connection. To chain from a Create node, drag the ID field of its output here.',
		displayOptions: show(where),
	};
}
