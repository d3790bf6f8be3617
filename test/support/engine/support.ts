/**
 * Shared set-up for the engine tests of the Adobe Redshift Connection node: the workflow files,
 * an emulator per test, the credential pointing at it, and small readers of what the emulator saw.
 */
import path from 'node:path';
import { LoadOptionsContext } from 'n8n-core';
import {
	Workflow,
	type IDataObject,
	type INode,
	type INodeParameters,
	type INodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import {
	DEFAULT_TABLES,
	startEmulator,
	type EmulatorOptions,
	type RequestLogEntry,
	type StartedEmulator,
} from '../../emulator';
import { tableSchema } from '../../emulator/explore/tables';
import { directCall, seedConnections as seedThroughApi } from '../../emulator/testkit';
import { emulatorCredential } from '../credentials';
import { CREDENTIAL_REF, CREDENTIAL_TYPE, itemsWorkflow, operationNode } from '../workflow';
import {
	HarnessNodeTypes,
	NODE_TYPES,
	defaultNodeTypes,
	loadWorkflow,
	prepareContainer,
	type HarnessCredential,
	type InMemoryCredentialsHelper,
	type RunResult,
	type WorkflowDefinition,
} from './harness';

export { CREDENTIAL_REF, CREDENTIAL_TYPE } from '../workflow';

export const FLOW_SERVICE = '/data/foundation/flowservice';
export const CONNECTIONS_PATH = `${FLOW_SERVICE}/connections`;
export const REDSHIFT_SPEC = {
	id: '3416976c-a9ca-4bba-901a-1f08f66978ff',
	version: '1.0',
} as const;

/** A resource locator value as the editor stores it. */
export const rl = (mode: 'list' | 'id' | 'name' | 'url', value: string) => ({
	__rl: true,
	mode,
	value,
});

/** The public.orders columns as explore (and Get Table Schema) gives them, from the emulator's table catalogue. */
export const ORDER_COLUMNS = tableSchema(
	DEFAULT_TABLES.find((table) => table.path === 'public.orders')!,
).schema.columns;

export function workflowFile(name: string): WorkflowDefinition {
	return loadWorkflow(path.join(__dirname, '..', '..', 'engine', 'workflows', name));
}

let started = 0;

/**
 * A fresh emulator with a client id of its own: the node keeps its newest token per
 * (IMS URL, client id, scopes) for a minute, and a later emulator on a reused port must not be
 * handed a token an earlier one issued.
 */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<StartedEmulator> {
	started++;
	return await startEmulator({ clientId: `engine-client-${process.pid}-${started}`, ...options });
}

/**
 * For a file whose tests each start their own emulator, with options of their own:
 * `startTestEmulator` as above, remembered as `emulator()` and closed after the test.
 */
export function useEmulatorPerTest(): {
	startTestEmulator: typeof startTestEmulator;
	emulator: () => StartedEmulator;
} {
	let current: StartedEmulator | undefined;
	afterEach(async () => {
		await current?.close();
		current = undefined;
	});
	return {
		startTestEmulator: async (options) => (current = await startTestEmulator(options)),
		emulator: () => {
			if (!current) throw new Error('No emulator: the test has not started one');
			return current;
		},
	};
}

/** The IDs of `objects` (what the emulator stores, items), in order. */
export function idsOf(objects: ReadonlyArray<{ id: string }>): string[] {
	return objects.map((object) => object.id);
}

/** Our credential (CREDENTIAL_REF) pointing at `emulator`; `data` overrides fields. */
export function credentialFor(
	emulator: StartedEmulator,
	data: Record<string, string | number | boolean> = {},
): HarnessCredential {
	return emulatorCredential(emulator, data);
}

/** The operations that take one connection ID (and a sandbox option) and the node name each fixture gives them. */
const BY_ID_NODES = {
	get: 'Get Connection',
	delete: 'Delete Connection',
	test: 'Test Connection',
	listTables: 'List Tables',
	getTableSchema: 'Get Table Schema',
} as const;

/**
 * Trigger -> Inputs (one item with a `connectionId`) -> our node running `operation` on
 * `{{ $json.connectionId }}` in the sandbox `{{ $json.sandbox }}` (getTableSchema: of `{{ $json.table }}`).
 */
export function byIdWorkflow(operation: keyof typeof BY_ID_NODES): WorkflowDefinition {
	const item: IDataObject = {
		connectionId: '373e88fc-43da-4e3c-be88-fc43da3e3c0f',
		...(operation === 'getTableSchema' ? { table: 'public.orders' } : {}),
	};
	return itemsWorkflow({
		items: [item],
		nodes: [
			operationNode(BY_ID_NODES[operation], operation, {
				connectionId: '={{ $json.connectionId }}',
				...(operation === 'getTableSchema' ? { tablePath: '={{ $json.table }}' } : {}),
				options: { sandboxName: '={{ $json.sandbox }}' },
			}),
		],
	});
}

// ---------------------------------------------------------------------------------------------
// Changing a loaded workflow (always on a copy)

function mapNode(
	definition: WorkflowDefinition,
	nodeName: string,
	change: (node: INode) => INode,
): WorkflowDefinition {
	const copy = structuredClone(definition);
	const index = copy.nodes.findIndex((node) => node.name === nodeName);
	if (index < 0) throw new Error(`The workflow has no node "${nodeName}"`);
	copy.nodes[index] = change(copy.nodes[index]);
	return copy;
}

/** Replaces the items the "Inputs" Code node emits. */
export function withInputs(
	definition: WorkflowDefinition,
	items: IDataObject[],
): WorkflowDefinition {
	return mapNode(definition, 'Inputs', (node) => ({
		...node,
		parameters: { ...node.parameters, jsCode: `return ${JSON.stringify(items, null, 2)};` },
	}));
}

/** Shallow-merges parameters into a node (collections such as `options` are replaced whole). */
export function withParameters(
	definition: WorkflowDefinition,
	nodeName: string,
	parameters: INodeParameters,
): WorkflowDefinition {
	return mapNode(definition, nodeName, (node) => ({
		...node,
		parameters: { ...node.parameters, ...parameters },
	}));
}

/** Replaces a node's parameters whole, e.g. to run it as n8n saves it (parameters at their default left out). */
export function replaceParameters(
	definition: WorkflowDefinition,
	nodeName: string,
	parameters: INodeParameters,
): WorkflowDefinition {
	return mapNode(definition, nodeName, (node) => ({ ...node, parameters }));
}

/** Node settings such as `onError: 'continueRegularOutput'` (continue on fail). */
export function withSettings(
	definition: WorkflowDefinition,
	nodeName: string,
	settings: Partial<INode>,
): WorkflowDefinition {
	return mapNode(definition, nodeName, (node) => ({ ...node, ...settings }));
}

export function continueOnFail(
	definition: WorkflowDefinition,
	nodeName: string,
): WorkflowDefinition {
	return withSettings(definition, nodeName, { onError: 'continueRegularOutput' });
}

// ---------------------------------------------------------------------------------------------
// What the emulator saw

export function requestsTo(
	emulator: StartedEmulator,
	method: string,
	pathName: string,
): RequestLogEntry[] {
	return emulator.requests().filter((entry) => entry.method === method && entry.path === pathName);
}

export function connectionPosts(emulator: StartedEmulator): RequestLogEntry[] {
	return requestsTo(emulator, 'POST', CONNECTIONS_PATH);
}

export function tokenRequests(emulator: StartedEmulator): RequestLogEntry[] {
	return requestsTo(emulator, 'POST', '/ims/token/v3');
}

/** The access token n8n stored in the credential (what preAuthentication fetched last). */
export function storedTokenOf(credentialsHelper: InMemoryCredentialsHelper): string {
	const token = credentialsHelper.stored(CREDENTIAL_REF.id).data.accessToken;
	if (typeof token !== 'string' || token === '') throw new Error('No access token was stored');
	return token;
}

export function storedToken(result: RunResult): string {
	return storedTokenOf(result.credentialsHelper);
}

// ---------------------------------------------------------------------------------------------
// Direct calls to the emulator (test set-up only; the node is not involved)

/** The Redshift password of every seeded connection (to search for in outputs). */
export const SEED_PASSWORD = 'seed-redshift-Passw0rd';

/** A valid create body for an Azure-hosted Platform (no schema). */
export function redshiftBody(
	name: string,
	server = 'seed.abc123xyz789.us-west-2.redshift.amazonaws.com',
): IDataObject {
	return {
		name,
		auth: {
			specName: 'Basic Authentication',
			params: {
				server,
				port: '5439',
				username: 'seed_user',
				password: SEED_PASSWORD,
				database: 'seed',
			},
		},
		connectionSpec: { ...REDSHIFT_SPEC },
	};
}

/** Creates connections (the seed body) straight through the emulator's API, in order; returns their ids. */
export async function seedConnections(
	emulator: StartedEmulator,
	names: string[],
	options: { sandboxName?: string; server?: string } = {},
): Promise<string[]> {
	return await seedThroughApi(
		emulator,
		names,
		(name) => redshiftBody(name, options.server),
		options.sandboxName,
	);
}

/** A POST straight to the emulator's API (test set-up only), e.g. a flow that uses a source connection. Throws on a non-2xx answer. */
export async function directPost(
	emulator: StartedEmulator,
	pathName: string,
	body: unknown,
	sandboxName = 'prod',
): Promise<IDataObject> {
	return (await directCall(emulator, 'POST', pathName, body, { sandbox: sandboxName })).json;
}

/** A GET straight to the emulator, e.g. to compare the node's output with Adobe's own answer. */
export async function directGet(
	emulator: StartedEmulator,
	pathAndQuery: string,
	sandboxName = 'prod',
): Promise<unknown> {
	return (await directCall(emulator, 'GET', pathAndQuery, undefined, { sandbox: sandboxName }))
		.json;
}

// ---------------------------------------------------------------------------------------------
// Secret search

/**
 * Every string reachable from `value`, including the non-enumerable `message`/`stack` of errors
 * and their `cause`, joined into one text to search for secrets.
 */
export function allText(value: unknown): string {
	const seen = new WeakSet<object>();
	const out: string[] = [];
	const walk = (current: unknown): void => {
		if (typeof current === 'string') return void out.push(current);
		if (typeof current === 'number' || typeof current === 'boolean')
			return void out.push(String(current));
		if (typeof current !== 'object' || current === null || seen.has(current)) return;
		seen.add(current);
		const keys =
			current instanceof Error
				? [...new Set([...Object.getOwnPropertyNames(current), 'message', 'stack', 'cause'])]
				: Object.keys(current);
		for (const key of keys) {
			out.push(key);
			walk((current as Record<string, unknown>)[key]);
		}
	};
	walk(value);
	return out.join('\n');
}

/** Everything one node produced in a run: its task data (items, errors, hints) and the execution error. */
export function nodeRunText(result: RunResult, nodeName: string): string {
	return allText([result.runData[nodeName], result.error]);
}

/** Item json as plain objects, for exact comparisons. */
export function jsonOf(items: Array<{ json: IDataObject }>): IDataObject[] {
	return items.map((item) => item.json);
}

export const REDSHIFT_SIGN_IN_TYPE = 'aepRedshiftSignInApi';
export const REDSHIFT_SIGN_IN_REF = {
	id: 'redshift-sign-in',
	name: 'Redshift Sign-In (engine)',
} as const;

/** A stored Redshift Sign-In credential, as n8n keeps it (encrypted there). */
export function redshiftSignInCredential(data: IDataObject): HarnessCredential {
	return {
		...REDSHIFT_SIGN_IN_REF,
		type: REDSHIFT_SIGN_IN_TYPE,
		data: data as HarnessCredential['data'],
	};
}

/**
 * A workflow of a manual trigger and one node (default: ours, version 1) with literal parameters,
 * as a user types them. `extra` adds credentials or changes the version.
 */
export function singleNodeWorkflow(
	nodeName: string,
	parameters: INodeParameters,
	type: string = NODE_TYPES.adobeRedshiftConnection,
	extra: { typeVersion?: number; credentials?: INode['credentials'] } = {},
): WorkflowDefinition {
	const nodes: INode[] = [
		{
			id: 'a0000000-0000-4000-8000-000000000001',
			name: 'Start',
			type: NODE_TYPES.manualTrigger,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'a0000000-0000-4000-8000-000000000002',
			name: nodeName,
			type,
			typeVersion: extra.typeVersion ?? 1,
			position: [220, 0],
			parameters,
			credentials: { [CREDENTIAL_TYPE]: { ...CREDENTIAL_REF }, ...extra.credentials },
		},
	];
	return {
		name: nodeName,
		nodes,
		connections: { Start: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
	};
}

/** Which of our nodes an editor context is for, and the credential it references. */
export interface EditorNode {
	type: string;
	name: string;
	credential: { id: string; name: string };
}

const REDSHIFT_EDITOR_NODE: EditorNode = {
	type: NODE_TYPES.adobeRedshiftConnection,
	name: 'Adobe Redshift Connection',
	credential: CREDENTIAL_REF,
};

/**
 * What n8n's editor builds to fill a dropdown or picker of our node (default: Adobe Redshift
 * Connection): a one-node workflow holding the node's current parameters, and n8n-core's
 * LoadOptionsContext for the parameter at `path` (credentials go through
 * preAuthentication/authenticate as in n8n).
 */
export function editorContext(
	credentialsHelper: InMemoryCredentialsHelper,
	parameters: INodeParameters,
	path: string,
	typeVersion = 1,
	editorNode: EditorNode = REDSHIFT_EDITOR_NODE,
): { context: LoadOptionsContext; nodeType: INodeType } {
	prepareContainer();
	const nodeTypes = new HarnessNodeTypes(defaultNodeTypes());
	const node: INode = {
		id: 'load-options-node',
		name: editorNode.name,
		type: editorNode.type,
		typeVersion,
		position: [0, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { ...editorNode.credential } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = {
		credentialsHelper,
		currentNodeParameters: node.parameters,
	} as unknown as IWorkflowExecuteAdditionalData;
	return {
		context: new LoadOptionsContext(workflow, node, additionalData, path),
		nodeType: nodeTypes.getByNameAndVersion(editorNode.type, typeVersion),
	};
}
