import type { INodeProperties } from 'n8n-workflow';

import { SIGN_IN_FROM } from '../../shared/resources/baseConnection/signIn';

/** Where n8n's editor draws the credentials: at a `credentials`-type parameter, else at a place that moves. */
export const CREDENTIALS_SLOT: INodeProperties = {
	displayName: 'Credentials',
	name: 'credentialsSlot',
	type: 'credentials',
	default: '',
};

/** Properties in panel order: Operations, Redshift Sign-In From, credentials, then each operation's fields. */
export function credentialsFirst(properties: INodeProperties[]): INodeProperties[] {
	const operations = properties.filter((property) => property.name === 'operation');
	const signInFrom = properties.filter((property) => property.name === SIGN_IN_FROM);
	const rest = properties.filter(
		(property) => !operations.includes(property) && !signInFrom.includes(property),
	);
	return [...operations, ...signInFrom, CREDENTIALS_SLOT, ...rest];
}
