import {
	NodeConnectionTypes,
	type INodeCredentialDescription,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../kernel/constants';

// n8n's community-node lint wants icon, subtitle and usableAsTool written in each node class, so
// only the rest is shared here.

/**
 * What every node of the package shares: its names, its default node name (the display name) and
 * the Experience Platform credential (required), followed by `moreCredentials`.
 */
export function platformNode(
	displayName: string,
	name: string,
	moreCredentials: INodeCredentialDescription[] = [],
): Pick<INodeTypeDescription, 'displayName' | 'name' | 'defaults' | 'credentials'> {
	return {
		displayName,
		name,
		defaults: { name: displayName },
		credentials: [{ name: CREDENTIAL_TYPE, required: true }, ...moreCredentials],
	};
}

/** An action node's group and ports: one main input, one main output. */
export function actionPorts(): Pick<INodeTypeDescription, 'group' | 'inputs' | 'outputs'> {
	return {
		group: ['transform'],
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
	};
}
