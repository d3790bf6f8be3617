import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { REDSHIFT_SIGN_IN_CREDENTIAL_TYPE } from '../shared/kernel/constants';
import { actionPorts, platformNode } from '../shared/node/nodeDescription';
import { optionsField } from '../shared/node/options';
import { getSandboxes } from '../shared/methods/loadOptions';
import * as connection from './actions/baseConnection/Connection.resource';
import { router } from './actions/resources';
import * as sourceConnection from './actions/sourceConnection/SourceConnection.resource';
import { redshiftSignInShape } from './methods/credentialTest';
import { searchConnections, searchSourceConnections } from '../shared/methods/listSearch';
import { searchTables } from '../shared/methods/searchTables';
import { SIGN_IN_FROM } from '../shared/resources/baseConnection/signIn';
import { credentialsFirst } from './actions/credentialsSlot';

export class AdobeRedshiftConnection implements INodeType {
	description: INodeTypeDescription = {
		...platformNode('Adobe Redshift Connection', 'adobeRedshiftConnection', [
			{
				name: REDSHIFT_SIGN_IN_CREDENTIAL_TYPE,
				required: true,
				// Base connections only: a source connection's Create never signs in to Redshift itself.
				displayOptions: {
					show: {
						resource: ['baseConnection'],
						operation: ['create', 'update'],
						[SIGN_IN_FROM]: ['credential'],
					},
				},
				testedBy: 'redshiftSignInShape',
			},
		]),
		...actionPorts(),
		icon: {
			light: 'file:adobeRedshiftConnection.svg',
			dark: 'file:adobeRedshiftConnection.dark.svg',
		},
		// 1.1: Redshift sign-in from a credential by default (version 1 nodes keep Fields), and
		// "If a Connection With This Name Exists" defaults to Reuse It (version 1 keeps Create Another).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Connect AWS Redshift to Adobe Experience Platform: create and manage base connections and source connections',
		usableAsTool: true,
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Base Connection', value: 'baseConnection' },
					{ name: 'Source Connection', value: 'sourceConnection' },
				],
				default: 'baseConnection',
			},
			...credentialsFirst([...connection.description, ...sourceConnection.description]),
			optionsField,
		],
	};

	methods = {
		loadOptions: { getSandboxes },
		listSearch: { searchConnections, searchSourceConnections, searchTables },
		credentialTest: { redshiftSignInShape },
	};

	execute: INodeType['execute'] = router;
}
