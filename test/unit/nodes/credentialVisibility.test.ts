/**
 * Which credentials n8n's editor asks for, per resource and operation: the node description's
 * credential displayOptions, evaluated with n8n's own displayParameter.
 */
import { NodeHelpers, type INodeParameters } from 'n8n-workflow';

import { AdobeRedshiftConnection } from '../../../nodes/AdobeRedshiftConnection/AdobeRedshiftConnection.node';

const { description } = new AdobeRedshiftConnection();
const signIn = description.credentials?.find(
	(credential) => credential.name === 'aepRedshiftSignInApi',
);
const shown = (parameters: INodeParameters) =>
	NodeHelpers.displayParameter(parameters, signIn!, { typeVersion: 1.1 }, description);

describe('the Redshift Sign-In credential', () => {
	it('is asked for by base connection Create and Update in Credential mode', () => {
		for (const operation of ['create', 'update'])
			expect(
				shown({ resource: 'baseConnection', operation, redshiftSignInFrom: 'credential' }),
			).toBe(true);
		expect(
			shown({ resource: 'baseConnection', operation: 'create', redshiftSignInFrom: 'fields' }),
		).toBe(false);
		expect(
			shown({ resource: 'baseConnection', operation: 'get', redshiftSignInFrom: 'credential' }),
		).toBe(false);
	});

	it('is never asked for by the Source Connection resource, whose Create shares the operation name', () => {
		// A node switched from Base Connection > Create keeps its stored redshiftSignInFrom value.
		expect(
			shown({
				resource: 'sourceConnection',
				operation: 'create',
				redshiftSignInFrom: 'credential',
			}),
		).toBe(false);
	});
});

it('the Adobe Experience Platform API credential is asked for by every resource', () => {
	const platform = description.credentials?.find(
		(credential) => credential.name === 'adobeExperiencePlatformApi',
	);
	expect(platform?.required).toBe(true);
	expect(platform?.displayOptions).toBeUndefined();
});
