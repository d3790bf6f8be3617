import type { INodeProperties } from 'n8n-workflow';

import { SIGN_IN_FROM } from '../../shared/resources/baseConnection/signIn';

/**
 * Where n8n's editor draws the node's credentials: at a parameter of type `credentials` (it draws
 * nothing else for it). Without one, the editor puts them before the last shown parameter that a
 * credential's displayOptions name (ParameterInputList's `indexToShowSlotAt`), which for this node
 * moved them between operations and put the Redshift Sign-In credential above Redshift Sign-In From.
 */
export const CREDENTIALS_SLOT: INodeProperties = {
	displayName: 'Credentials',
	name: 'credentialsSlot',
	type: 'credentials',
	default: '',
};

/**
 * The resources' properties in the order the panel reads: every Operation dropdown, then Redshift
 * Sign-In From (base connection Create and Update), then the credentials, then each operation's own
 * fields. So on every operation the credentials sit right under the fields that decide them.
 * Names and values are unchanged; only the order is.
 */
export function credentialsFirst(properties: INodeProperties[]): INodeProperties[] {
	const operations = properties.filter((property) => property.name === 'operation');
	const signInFrom = properties.filter((property) => property.name === SIGN_IN_FROM);
	const rest = properties.filter(
		(property) => !operations.includes(property) && !signInFrom.includes(property),
	);
	return [...operations, ...signInFrom, CREDENTIALS_SLOT, ...rest];
}
