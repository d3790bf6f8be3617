import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { checkRedshiftAuth } from '../../shared/resources/baseConnection/validation';
import { checkSignIn } from '../../shared/resources/baseConnection/signIn';

/** Test of the Redshift Sign-In credential: checks values with the run's validators (n8n never connects to Redshift). */
export async function redshiftSignInShape(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	try {
		// The hosting only decides whether a schema is needed, which is a node field.
		checkSignIn('credential', () =>
			checkRedshiftAuth({
				hosting: 'azure',
				server: data.server,
				port: data.port,
				username: data.username,
				password: data.password,
				database: data.database,
			}),
		);
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
	return {
		status: 'OK',
		message:
			"The values have the right form. n8n does not connect to Redshift: Adobe signs in when a connection is created, or run the node's Test operation.",
	};
}
