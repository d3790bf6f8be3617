import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { CREDENTIAL_ICON, REDSHIFT_SIGN_IN_CREDENTIAL_TYPE } from '../nodes/shared/constants';

/**
 * The Redshift user that Experience Platform signs in as, kept encrypted by n8n instead of in the
 * workflow. Adobe Redshift Connection sends these values to Flow Service when it creates a base
 * connection or rotates its sign-in (Update); n8n itself never connects to Redshift.
 * Its Test checks the values' shape only (node method `redshiftSignInShape`).
 */
export class AepRedshiftSignInApi implements ICredentialType {
	name = REDSHIFT_SIGN_IN_CREDENTIAL_TYPE;

	// n8n's verification wants credential names to end in "API".
	displayName = 'Adobe Experience Platform Redshift Sign-In API';

	icon: Icon = CREDENTIAL_ICON;

	documentationUrl = 'https://experienceleague.adobe.com/en/docs/experience-platform/sources/api-tutorials/create/databases/redshift';

	properties: INodeProperties[] = [
		{
			displayName:
				'The Redshift user Adobe Experience Platform signs in as. n8n does not connect to Redshift: the Test checks the values\' form; Adobe signs in when a connection is created or tested.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Server',
			name: 'server',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
			description: 'Host name or IP address of the Redshift endpoint, without https:// or a port',
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 65535, numberPrecision: 0 },
			default: 5439,
			required: true,
			description: 'TCP port the Redshift endpoint listens on',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Sent to Adobe only; stored encrypted by n8n and never shown in output, errors or logs',
		},
		{
			displayName: 'Database',
			name: 'database',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'dev',
		},
	];
}
