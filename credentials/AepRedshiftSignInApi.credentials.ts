import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import {
	CREDENTIAL_ICON,
	REDSHIFT_SIGN_IN_CREDENTIAL_TYPE,
} from '../nodes/shared/kernel/constants';
import { redshiftSignInFields } from '../nodes/shared/resources/baseConnection/signIn';

const NOTICE: INodeProperties = {
	displayName:
		"The Redshift user Adobe Experience Platform signs in as, kept encrypted by n8n and never shown in output, errors or logs. n8n does not connect to Redshift: the Test checks the values' form; Adobe signs in when a connection is created or tested.",
	name: 'notice',
	type: 'notice',
	default: '',
};

/**
 * The Redshift user Experience Platform signs in as, kept encrypted by n8n; sent to Flow Service on
 * base connection create/update (n8n never connects to Redshift). Test checks shape only.
 */
export class AepRedshiftSignInApi implements ICredentialType {
	name = REDSHIFT_SIGN_IN_CREDENTIAL_TYPE;

	// n8n's verification wants credential names to end in "API".
	displayName = 'Adobe Experience Platform Redshift Sign-In API';

	icon: Icon = CREDENTIAL_ICON;

	documentationUrl =
		'https://experienceleague.adobe.com/en/docs/experience-platform/sources/api-tutorials/create/databases/redshift';

	// The same fields as the node's sign-in fields, so the two never drift apart.
	properties: INodeProperties[] = [NOTICE, ...redshiftSignInFields(true)];
}
