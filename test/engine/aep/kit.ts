/**
 * Engine-test pieces for the Adobe Experience Platform node: a one-node workflow fed by a Code
 * node (as reliability.kit does for the Redshift node), the emulator's view of what was sent,
 * and the editor's picker calls.
 */
import { LoadOptionsContext } from 'n8n-core';
import { Workflow, type IDataObject, type INode, type INodeListSearchResult, type INodeParameters, type IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import type { RequestLogEntry, StartedEmulator } from '../../emulator';
import { CREDENTIAL_TYPE, NODE_TYPE, itemsWorkflow } from '../../support/workflow';
import { HarnessNodeTypes, createCredentialsHelper, defaultNodeTypes, prepareContainer, runWorkflow, type InMemoryCredentialsHelper, type WorkflowDefinition } from '../harness';
import type { LeakScanner } from '../leaks';
import { CREDENTIAL, credentialFor, itemView, type NodeRun, type OnError } from '../reliability.kit';

export const AEP_NODE = 'Adobe Experience Platform';

/** Manual trigger -> Code (emits `items`) -> the Experience Platform node with `parameters`. */
export function aepWorkflow(items: IDataObject[], parameters: INodeParameters, onError?: OnError): WorkflowDefinition {
	return itemsWorkflow({
		name: 'aep',
		items,
		nodes: [{ name: AEP_NODE, type: NODE_TYPE.adobeExperiencePlatform, parameters, credentials: { [CREDENTIAL_TYPE]: { ...CREDENTIAL } }, ...(onError ? { settings: { onError } } : {}) }],
	});
}

export interface AepRunOptions {
	leaks?: LeakScanner;
	label?: string;
	/** Default: continue on fail (regular output); false stops the workflow. */
	onError?: OnError | false;
	credentialsHelper?: InMemoryCredentialsHelper;
}

/** Runs the node once over `items`; its output items as json (error items with description, httpCode, field). */
export async function runAep(emu: StartedEmulator, items: IDataObject[], parameters: INodeParameters, options: AepRunOptions = {}): Promise<NodeRun> {
	const started = Date.now();
	const onError = options.onError === false ? undefined : (options.onError ?? 'continueRegularOutput');
	const result = await runWorkflow(aepWorkflow(items, parameters, onError), {
		credentialsHelper: options.credentialsHelper,
		credentials: options.credentialsHelper ? undefined : [credentialFor(emu)],
	});
	const ms = Date.now() - started;
	if (options.leaks) {
		options.leaks.addRun(options.label ?? 'run', result, { nodes: [AEP_NODE], credentialIds: [CREDENTIAL.id] });
		options.leaks.addEmulatorSecrets(emu);
	}
	const output = result.outputOf(AEP_NODE);
	return { result, output, json: output.map(itemView), ms };
}

/**
 * Platform requests answered other than 401, as "METHOD path". A 401 is the token the node cached
 * before `emu.reset()` (kept per client for a minute), refused once and refreshed by n8n.
 */
export function answered(emu: StartedEmulator): RequestLogEntry[] {
	return emu.platformRequests().filter((entry) => entry.status !== 401);
}

export function calls(emu: StartedEmulator): string[] {
	return answered(emu).map((entry) => `${entry.method} ${entry.path}`);
}

/** A resource locator value as the editor stores it. */
export const rl = (mode: 'list' | 'id', value: string) => ({ __rl: true, mode, value });

/** Calls a listSearch method of the node as n8n's editor does (LoadOptionsContext, the node's current parameters). */
export async function aepListSearch(emu: StartedEmulator, method: string, parameters: INodeParameters, path: string, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	prepareContainer();
	const credentialsHelper = createCredentialsHelper([credentialFor(emu)]);
	const nodeTypes = new HarnessNodeTypes(defaultNodeTypes());
	const node: INode = {
		id: 'aep-picker-node',
		name: AEP_NODE,
		type: NODE_TYPE.adobeExperiencePlatform,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { ...CREDENTIAL } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = { credentialsHelper, currentNodeParameters: node.parameters } as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, node, additionalData, path);
	const search = nodeTypes.getByNameAndVersion(NODE_TYPE.adobeExperiencePlatform, 1).methods?.listSearch?.[method];
	if (!search) throw new Error(`The node has no listSearch method ${method}`);
	return await search.call(context, filter, paginationToken);
}
