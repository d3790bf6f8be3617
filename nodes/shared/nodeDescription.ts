import { NodeConnectionTypes, type INodeCredentialDescription, type INodeTypeDescription } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from './constants';

/**
 * What every node of the package derives from its type name and display name: the light and dark
 * icons (`<name>.svg`, `<name>.dark.svg` next to the node) and the default node name.
 */
export function nodeIdentity(displayName: string, name: string): Pick<INodeTypeDescription, 'displayName' | 'name' | 'icon' | 'defaults'> {
	return { displayName, name, icon: { light: `file:${name}.svg`, dark: `file:${name}.dark.svg` }, defaults: { name: displayName } };
}

/** The Experience Platform credential (client ID and secret, org, sandbox) every node requires. */
export function platformCredential(): INodeCredentialDescription {
	return { name: CREDENTIAL_TYPE, required: true };
}

/** An action node of the package: one main input and output, "operation: resource" subtitle, usable as an AI tool. */
export function actionNode(): Pick<INodeTypeDescription, 'group' | 'subtitle' | 'usableAsTool' | 'inputs' | 'outputs'> {
	return {
		group: ['transform'],
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
	};
}
