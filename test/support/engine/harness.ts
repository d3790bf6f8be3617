/**
 * Runs real n8n workflows in-process with n8n-core's WorkflowExecute, so engine tests exercise
 * what n8n itself does around a node: parameter defaults and expressions, credential loading,
 * `preAuthentication` + `authenticate`, the 401 refresh-and-retry of
 * `httpRequestWithAuthentication`, paired items and continue-on-fail. HTTP is real (loopback).
 *
 * The credentials helper mirrors n8n CLI's `CredentialsHelper`; only the database is a Map.
 *
 *   const result = await runWorkflow(loadWorkflow(file), { credentials: [{ id, name, type, data }] });
 *   result.outputOf('Adobe Redshift Connection');   // main output 0 of the node's last run
 *   result.error;                                   // set when a node failed without continue-on-fail
 *   result.credentialsHelper.preAuthCalls;          // how often preAuthentication really ran
 */
import { readFileSync } from 'node:fs';
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import {
	ErrorReporter,
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	InstanceSettings,
	PollContext,
	WorkflowExecute,
} from 'n8n-core';
import { TriggersAndPollers } from 'n8n-core/dist/execution-engine/triggers-and-pollers';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import {
	ICredentials,
	type CredentialInformation,
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	createRunExecutionData,
	isExpression,
	type ExecutionBaseError,
	type ICredentialDataDecryptedObject,
	type ICredentialsEncrypted,
	type ICredentialsExpressionResolveValues,
	type ICredentialType,
	type IDataObject,
	type IConnections,
	type IExecuteData,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRequestOptionsSimplified,
	type IRun,
	type IRunData,
	type IVersionedNodeType,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type IWorkflowSettings,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { AepRedshiftSignInApi } from '../../../credentials/AepRedshiftSignInApi.credentials';
import { AdobeExperiencePlatformApi } from '../../../credentials/AdobeExperiencePlatformApi.credentials';
import type * as PlatformNodeModule from '../../../nodes/AdobeExperiencePlatform/AdobeExperiencePlatform.node';
import type * as RedshiftNodeModule from '../../../nodes/AdobeRedshiftConnection/AdobeRedshiftConnection.node';
import type * as TriggerNodeModule from '../../../nodes/AdobeExperiencePlatformTrigger/AdobeExperiencePlatformTrigger.node';
import { NODE_TYPE } from '../workflow';
import {
	CodeFixture,
	FilterFixture,
	ManualTriggerFixture,
	NoOpFixture,
	SetFixture,
	StickyNoteFixture,
} from './fixtures/base-nodes';

// Loaded by its .ts file name because the codex file AdobeRedshiftConnection.node.json sits next to
// it, and Node's resolver (which tsx defers to) would pick that JSON for the extensionless path.
/* eslint-disable @typescript-eslint/no-require-imports */
const { AdobeRedshiftConnection } =
	require('../../../nodes/AdobeRedshiftConnection/AdobeRedshiftConnection.node.ts') as typeof RedshiftNodeModule;
const { AdobeExperiencePlatform } =
	require('../../../nodes/AdobeExperiencePlatform/AdobeExperiencePlatform.node.ts') as typeof PlatformNodeModule;
const { AdobeExperiencePlatformTrigger } =
	require('../../../nodes/AdobeExperiencePlatformTrigger/AdobeExperiencePlatformTrigger.node.ts') as typeof TriggerNodeModule;
/* eslint-enable @typescript-eslint/no-require-imports */

/** Node type names as a real n8n install knows them, so workflow files are shared with the e2e. */
export const NODE_TYPES = NODE_TYPE;

export interface HarnessCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/** A workflow as exported from n8n (extra keys such as `id`, `active`, `pinData` are ignored). */
export interface WorkflowDefinition {
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
}

export type NodeTypeMap = Record<string, INodeType | IVersionedNodeType>;

// ---------------------------------------------------------------------------------------------
// Type registries

export class HarnessNodeTypes implements INodeTypes {
	constructor(private readonly types: NodeTypeMap) {}

	getByName(type: string): INodeType | IVersionedNodeType {
		const nodeType = this.types[type];
		if (!nodeType)
			throw new Error(
				`Unknown node type "${type}" (registered: ${Object.keys(this.types).join(', ')})`,
			);
		return nodeType;
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}

	getKnownTypes() {
		const known: Record<string, { className: string; sourcePath: string }> = {};
		for (const name of Object.keys(this.types)) known[name] = { className: name, sourcePath: '' };
		return known;
	}
}

export class HarnessCredentialTypes {
	private readonly byName = new Map<string, ICredentialType>();

	constructor(types: ICredentialType[]) {
		for (const type of types) this.byName.set(type.name, type);
	}

	has(name: string): boolean {
		return this.byName.has(name);
	}

	getByName(name: string): ICredentialType {
		const type = this.byName.get(name);
		if (!type) throw new Error(`Unknown credential type "${name}"`);
		return type;
	}

	/** All ancestors through `extends`, nearest first (n8n uses this to spot OAuth types). */
	getParentTypes(name: string): string[] {
		const parents = this.getByName(name).extends ?? [];
		return parents.flatMap((parent) => [
			parent,
			...(this.byName.has(parent) ? this.getParentTypes(parent) : []),
		]);
	}

	/** Own properties merged over the parents', as n8n shows and defaults them. */
	getProperties(name: string): INodeProperties[] {
		const type = this.getByName(name);
		const merged: INodeProperties[] = [];
		for (const parent of type.extends ?? [])
			NodeHelpers.mergeNodeProperties(merged, this.getProperties(parent));
		NodeHelpers.mergeNodeProperties(merged, type.properties);
		return merged;
	}
}

// ---------------------------------------------------------------------------------------------
// Credentials: an in-memory stand-in for n8n's credentials table + CLI CredentialsHelper

/** What n8n's `Credentials` wraps; here the "encrypted" form is plain JSON because nothing leaves memory. */
class StoredCredentials extends ICredentials {
	constructor(
		details: INodeCredentialsDetails,
		type: string,
		private plain: ICredentialDataDecryptedObject,
	) {
		super(details, type);
	}

	// n8n-workflow 2.41: getData/setData are async and updateData is new (n8n decrypts on demand).
	async getData(): Promise<ICredentialDataDecryptedObject> {
		return structuredClone(this.plain);
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: JSON.stringify(this.plain) };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.plain = structuredClone(data);
	}

	/** Merges `toUpdate` over the stored data and drops the `toDelete` keys. */
	async updateData(
		toUpdate: Partial<ICredentialDataDecryptedObject>,
		toDelete: string[] = [],
	): Promise<void> {
		const next: ICredentialDataDecryptedObject = { ...this.plain };
		for (const [key, value] of Object.entries(toUpdate)) if (value !== undefined) next[key] = value;
		for (const key of toDelete) delete next[key];
		this.plain = structuredClone(next);
	}
}

export interface PreAuthenticationRecord {
	credentialId: string | null;
	typeName: string;
	nodeName: string;
	/** true when n8n-core called because a request got 401. */
	credentialsExpired: boolean;
}

export class InMemoryCredentialsHelper extends ICredentialsHelper {
	private readonly store = new Map<string, HarnessCredential>();

	/** Every time a credential type's `preAuthentication` actually ran (not every call into this helper). */
	readonly preAuthRuns: PreAuthenticationRecord[] = [];

	/** How often n8n-core asked for decrypted data, i.e. `this.getCredentials()` from nodes. */
	getDecryptedCalls = 0;

	/** How often data was written back (what n8n stores in its database). */
	updateCalls = 0;

	constructor(
		readonly credentialTypes: HarnessCredentialTypes,
		credentials: HarnessCredential[] = [],
	) {
		super();
		for (const credential of credentials)
			this.store.set(credential.id, structuredClone(credential));
	}

	get preAuthCalls(): number {
		return this.preAuthRuns.length;
	}

	/** The stored credential as n8n would have it in its database now (a copy). */
	stored(id: string): HarnessCredential {
		const credential = this.store.get(id);
		if (!credential) throw new Error(`No stored credential with id "${id}"`);
		return structuredClone(credential);
	}

	/** Change stored data between runs, e.g. to plant a stale token. */
	patchStored(id: string, data: ICredentialDataDecryptedObject): void {
		const credential = this.find({ id, name: '' });
		credential.data = { ...credential.data, ...data };
	}

	private find(details: INodeCredentialsDetails, type?: string): HarnessCredential {
		const byId = details.id ? this.store.get(details.id) : undefined;
		const found =
			byId ??
			[...this.store.values()].find(
				(c) => c.name === details.name && (type === undefined || c.type === type),
			);
		if (!found || (type !== undefined && found.type !== type)) {
			throw new Error(
				`Credential with ID "${details.id ?? ''}" of type "${type ?? '?'}" does not exist.`,
			);
		}
		return found;
	}

	getParentTypes(name: string): string[] {
		return this.credentialTypes.getParentTypes(name);
	}

	/**
	 * n8n-core >= 2.41 asks this before it decrypts a credential for a node: a type that sets
	 * `restrictToSupportedNodes` serves only the node types in its `supportedNodes`; any other type
	 * (and an unknown one, which fails later) serves every node, as n8n-workflow's contract says.
	 */
	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		if (!this.credentialTypes.has(credentialType)) return true;
		const { restrictToSupportedNodes, supportedNodes } =
			this.credentialTypes.getByName(credentialType);
		return restrictToSupportedNodes !== true || (supportedNodes ?? []).includes(nodeType);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.credentialTypes.getProperties(type);
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		const credential = this.find(nodeCredentials, type);
		return new StoredCredentials(
			{ id: credential.id, name: credential.name },
			credential.type,
			credential.data,
		);
	}

	/** Like the CLI: stored data, then type defaults, then expressions resolved against the running item. */
	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		this.getDecryptedCalls++;
		const stored = structuredClone(this.find(nodeCredentials, type).data);
		if (raw === true) return stored;

		let data = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			stored as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;

		if (expressionResolveValues) {
			const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } =
				expressionResolveValues;
			data = workflow.expression.getParameterValue(
				data as INodeParameters,
				runExecutionData,
				runIndex,
				itemIndex,
				node.name,
				connectionInputData,
				mode,
				{},
				executeData,
				false,
				data,
			) as ICredentialDataDecryptedObject;
		}
		return data;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.updateCalls++;
		this.find(nodeCredentials, type).data = structuredClone(data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.updateCalls++;
		const credential = this.find(nodeCredentials, type);
		credential.data = {
			...credential.data,
			oauthTokenData: structuredClone(data.oauthTokenData) as CredentialInformation,
		};
	}

	/**
	 * Same rules as n8n's CLI: only types with a hidden `expirable` property take part; the hook
	 * runs when that property is empty or n8n-core saw a 401; the result is persisted (fields the
	 * user stored as expressions keep their expression) and merged into the in-flight data.
	 */
	/**
	 * n8n-workflow 2.41's node-less pre-authentication (n8n-core calls it from its OAuth2 request
	 * helpers only): the type's `preAuthentication` output, nothing persisted.
	 */
	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const { preAuthentication } = this.credentialTypes.getByName(typeName);
		if (typeof preAuthentication !== 'function') return undefined;
		return (await preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		const expirable = credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable === undefined || typeof credentialType.preAuthentication !== 'function')
			return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;

		const nodeCredentials = node.credentials?.[credentialType.name];
		this.preAuthRuns.push({
			credentialId: nodeCredentials?.id ?? null,
			typeName,
			nodeName: node.name,
			credentialsExpired,
		});
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined || !nodeCredentials) return undefined;

		const storedData = await (
			await this.getCredentials(nodeCredentials, credentialType.name)
		).getData();
		const toPersist: ICredentialDataDecryptedObject = { ...storedData };
		for (const [key, value] of Object.entries(output as ICredentialDataDecryptedObject)) {
			if (key === expirable.name || !isExpression(storedData[key])) toPersist[key] = value;
		}
		await this.updateCredentials(nodeCredentials, credentialType.name, toPersist);
		return Object.assign(credentials, output);
	}

	/** Function-style `authenticate` is called as is; generic ones get `{{$credentials.x}}` resolved by n8n's Expression. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.credentialTypes.getByName(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type === 'generic') {
			const resolve = (value: string) => {
				if (!isExpression(value)) return value;
				const resolved = workflow.expression.getSimpleParameterValue(
					node,
					value,
					'internal',
					{ $credentials: credentials },
					undefined,
					'',
				);
				return resolved ? String(resolved) : '';
			};
			const target = requestOptions as unknown as Record<
				string,
				Record<string, string> | undefined
			>;
			target.headers ??= {};
			for (const [section, entries] of Object.entries(authenticate.properties)) {
				const bucket = (target[section] ??= {});
				for (const [key, value] of Object.entries(entries as Record<string, string>)) {
					bucket[resolve(key)] = resolve(value);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}
}

// ---------------------------------------------------------------------------------------------
// Engine wiring

const quietLogger = {
	error() {},
	warn() {},
	info() {},
	debug() {},
	scoped() {
		return quietLogger;
	},
};

/** Errors n8n-core reports to Sentry in production; tests can inspect them. */
export const reportedErrors: unknown[] = [];

let containerReady = false;

/**
 * n8n-core pulls a few services from the DI container while executing. Real ones would read
 * ~/.n8n, configure Sentry/winston or start timers, so we register inert stand-ins once per process.
 */
export function prepareContainer(): void {
	if (containerReady) return;
	Container.set(Logger, quietLogger as unknown as Logger);
	Container.set(ErrorReporter, {
		error: (e: unknown) => reportedErrors.push(e),
		warn: () => {},
		info: () => {},
	} as unknown as ErrorReporter);
	Container.set(InstanceSettings, {
		instanceId: 'engine-test-instance',
		n8nFolder: '/nonexistent/n8n-engine-test',
		staticCacheDir: '/nonexistent/n8n-engine-test/cache',
		encryptionKey: 'engine-test-encryption-key',
		hmacSignatureSecret: 'engine-test-hmac-secret',
		instanceType: 'main',
		instanceRole: 'leader',
		isLeader: true,
	} as unknown as InstanceSettings);
	// The real one starts a 60 s cleanup interval that would keep test processes alive.
	Container.set(SSHClientsManager, {
		getClient: async () => {
			throw new Error('SSH tunnels are not supported by the engine test harness');
		},
		updateLastUsed: () => {},
	} as unknown as SSHClientsManager);
	containerReady = true;
}

/** Node types every run has: the stand-ins for the n8n-nodes-base nodes our workflows and examples use, and this package's nodes (from their TS source). */
export function defaultNodeTypes(): NodeTypeMap {
	return {
		[NODE_TYPES.manualTrigger]: new ManualTriggerFixture(),
		[NODE_TYPES.code]: new CodeFixture(),
		[NODE_TYPES.set]: new SetFixture(),
		[NODE_TYPES.filter]: new FilterFixture(),
		[NODE_TYPES.noOp]: new NoOpFixture(),
		[NODE_TYPES.stickyNote]: new StickyNoteFixture(),
		[NODE_TYPES.adobeRedshiftConnection]: new AdobeRedshiftConnection(),
		[NODE_TYPES.adobeExperiencePlatform]: new AdobeExperiencePlatform(),
		[NODE_TYPES.adobeExperiencePlatformTrigger]: new AdobeExperiencePlatformTrigger(),
	};
}

export function defaultCredentialTypes(): ICredentialType[] {
	return [new AdobeExperiencePlatformApi(), new AepRedshiftSignInApi()];
}

export function createCredentialsHelper(
	credentials: HarnessCredential[],
	extraCredentialTypes: ICredentialType[] = [],
): InMemoryCredentialsHelper {
	return new InMemoryCredentialsHelper(
		new HarnessCredentialTypes([...defaultCredentialTypes(), ...extraCredentialTypes]),
		credentials,
	);
}

export interface RunOptions {
	/** Stored credentials (ids match `node.credentials.<type>.id`). Ignored when `credentialsHelper` is given. */
	credentials?: HarnessCredential[];
	/** Reuse a helper across runs so tokens persist between executions, as in n8n's database. */
	credentialsHelper?: InMemoryCredentialsHelper;
	/** Extra node types by full type name, e.g. `{ 'test.fixtureHttp': new FixtureHttp() }`. */
	nodeTypes?: NodeTypeMap;
	/** Extra credential types (only used when the harness creates the helper). */
	credentialTypes?: ICredentialType[];
	/** Execution mode; 'cli' is what `n8n execute` uses, 'manual' what the editor uses. */
	mode?: WorkflowExecuteMode;
	/**
	 * Start the run the way an active workflow's trigger or poller does (mode 'trigger'): the
	 * node's items, e.g. what a poll emitted, are put on the execution stack and n8n-core passes
	 * them on from that node.
	 */
	triggeredBy?: { node: string; items: INodeExecutionData[] };
}

export interface RunResult {
	run: IRun;
	runData: IRunData;
	/** Items on output `outputIndex` (default main 0) of the node's last run; [] if it did not run. */
	outputOf(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** The error recorded on the node's last run, if any. */
	errorOf(nodeName: string): ExecutionBaseError | undefined;
	/** The execution's error (a node failed without continue-on-fail). */
	error?: ExecutionBaseError;
	executionOrder: string[];
	credentialsHelper: InMemoryCredentialsHelper;
}

export function loadWorkflow(file: string): WorkflowDefinition {
	return JSON.parse(readFileSync(file, 'utf8')) as WorkflowDefinition;
}

/** What n8n-core needs beside the workflow to run nodes: our credentials helper, no sub-workflows, runners or secrets manager. */
function harnessAdditionalData(
	credentialsHelper: InMemoryCredentialsHelper,
	hooks: ExecutionLifecycleHooks,
	executionId: string,
): IWorkflowExecuteAdditionalData & { hooks: ExecutionLifecycleHooks } {
	return {
		hooks,
		credentialsHelper,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		variables: {},
		// No secrets manager: `$secrets` resolves to nothing, as on an instance without external secrets.
		externalSecretsProxy: new ExternalSecretsProxy(),
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not supported by the engine test harness');
		},
		getRunExecutionData: async () => undefined,
		// n8n-workflow 2.41: credentials supplied at run time by alias; no workflow here supplies any.
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('Task runners are not supported by the engine test harness');
		},
	};
}

let executionCounter = 0;

export async function runWorkflow(
	definition: WorkflowDefinition,
	options: RunOptions = {},
): Promise<RunResult> {
	prepareContainer();
	const nodeTypes = new HarnessNodeTypes({ ...defaultNodeTypes(), ...options.nodeTypes });
	const credentialsHelper =
		options.credentialsHelper ??
		createCredentialsHelper(options.credentials ?? [], options.credentialTypes);
	const mode = options.mode ?? (options.triggeredBy ? 'trigger' : 'cli');

	// n8n's Workflow writes parameter defaults into the nodes it gets; keep the caller's copy clean.
	const nodes = structuredClone(definition.nodes);
	const settings: IWorkflowSettings = { executionOrder: 'v1', ...definition.settings };
	const workflowId = `engine-test-${++executionCounter}`;
	const workflow = new Workflow({
		id: workflowId,
		name: definition.name ?? 'engine test',
		nodes,
		connections: definition.connections,
		active: false,
		nodeTypes,
		settings,
	});

	const workflowData: IWorkflowBase = {
		id: workflowId,
		name: workflow.name ?? '',
		active: false,
		isArchived: false,
		nodes,
		connections: definition.connections,
		settings,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	};
	const executionId = String(executionCounter);
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const executionOrder: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		executionOrder.push(nodeName);
	});

	const additionalData = harnessAdditionalData(credentialsHelper, hooks, executionId);

	let run: IRun;
	if (options.triggeredBy) {
		// What n8n's ActiveWorkflowManager does with emitted trigger data: one stack entry, then process.
		const triggerNode = workflow.getNode(options.triggeredBy.node);
		if (!triggerNode) throw new Error(`No node named "${options.triggeredBy.node}"`);
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [
					{ node: triggerNode, data: { main: [options.triggeredBy.items] }, source: null },
				],
			},
		});
		run = await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(
			workflow,
		);
	} else {
		const startNode =
			nodes.find((node) => node.type === NODE_TYPES.manualTrigger) ?? workflow.getStartNode();
		if (!startNode) throw new Error('The workflow has no start node');
		run = await new WorkflowExecute(additionalData, mode).run({ workflow, startNode });
	}
	const { runData, error } = run.data.resultData;
	const lastTask = (nodeName: string) => runData[nodeName]?.[runData[nodeName].length - 1];

	return {
		run,
		runData,
		error,
		executionOrder,
		credentialsHelper,
		outputOf: (nodeName, outputIndex = 0) => lastTask(nodeName)?.data?.main?.[outputIndex] ?? [],
		errorOf: (nodeName) => lastTask(nodeName)?.error,
	};
}

// ---------------------------------------------------------------------------------------------
// Polling triggers

export interface PollOutcome {
	/** What the poll returned (null: nothing new). */
	response: INodeExecutionData[][] | null;
	/** Items n8n would start the workflow with: the response's, when not null. */
	emitted: INodeExecutionData[];
	/** The poll's error, as n8n would report it (emitError / a failed activation). */
	error?: Error;
}

export interface Poller {
	/** One poll as n8n's ActiveWorkflows runs it ('trigger': activation and cron ticks; 'manual': Fetch Test Event). */
	poll(mode?: 'trigger' | 'manual'): Promise<PollOutcome>;
	/** The node's static data as n8n would store it with the workflow (a copy). */
	staticData(): Record<string, unknown>;
	/** Replaces one key of the node's static data, as another writer of the same workflow object would. */
	writeStaticData(key: string, value: unknown): void;
	/** Every poll's outcome so far, for leak scans. */
	history: PollOutcome[];
	credentialsHelper: InMemoryCredentialsHelper;
}

/**
 * A polling node of an active workflow. Like n8n's ActiveWorkflows, one Workflow object (and so
 * one static data) serves every poll; each poll gets a new PollContext and runs through n8n-core's
 * TriggersAndPollers.runPollFunction (n8n-core 2.41 split the former runPoll: PollTriggerExecutor now
 * wraps it with the app's poll-cursor staging, which n8n's CLI supplies; without those hooks the node's
 * static data is the workflow's, as before).
 */
/** How a poller's workflow was activated, and what it starts from. */
export interface PollerOptions extends RunOptions {
	/** The workflow ID (default: a new one); pollers of one saved workflow share it. */
	workflowId?: string;
	/** The node's static data as saved (e.g. `other.staticData()`): a reactivation or a restart. */
	staticData?: Record<string, unknown>;
	/** What n8n passes as the activation mode: 'activate' (default; the user turned it on), 'init' (n8n started), 'update' (saved while active). */
	activation?: WorkflowActivateMode;
}

export function createPoller(
	definition: WorkflowDefinition,
	nodeName: string,
	options: PollerOptions = {},
): Poller {
	prepareContainer();
	const nodeTypes = new HarnessNodeTypes({ ...defaultNodeTypes(), ...options.nodeTypes });
	const credentialsHelper =
		options.credentialsHelper ??
		createCredentialsHelper(options.credentials ?? [], options.credentialTypes);
	const workflowId = options.workflowId ?? `engine-poll-${++executionCounter}`;
	const workflow = new Workflow({
		id: workflowId,
		name: definition.name ?? 'engine poll test',
		nodes: structuredClone(definition.nodes),
		connections: definition.connections,
		active: true,
		nodeTypes,
		...(options.staticData
			? { staticData: { [`node:${nodeName}`]: structuredClone(options.staticData) } }
			: {}),
		settings: { executionOrder: 'v1', ...definition.settings },
	});
	const node = workflow.getNode(nodeName);
	if (!node) throw new Error(`No node named "${nodeName}"`);
	const runner = new TriggersAndPollers();
	const history: PollOutcome[] = [];
	return {
		credentialsHelper,
		history,
		// Static data is an observable proxy (it marks itself changed); a JSON round trip is what n8n stores.
		staticData: () =>
			JSON.parse(JSON.stringify(workflow.getStaticData('node', node))) as Record<string, unknown>,
		writeStaticData: (key, value) => {
			workflow.getStaticData('node', node)[key] = structuredClone(value) as IDataObject;
		},
		async poll(mode = 'trigger') {
			const executionId = `${workflowId}-${++executionCounter}`;
			const workflowData = {
				id: workflowId,
				name: workflow.name ?? '',
				active: true,
				isArchived: false,
				nodes: workflow.nodes ? Object.values(workflow.nodes) : [],
				connections: definition.connections,
				settings: {},
				createdAt: new Date(),
				updatedAt: new Date(),
				activeVersionId: null,
			} as IWorkflowBase;
			const additionalData = harnessAdditionalData(
				credentialsHelper,
				new ExecutionLifecycleHooks(mode, executionId, workflowData),
				executionId,
			);
			const emitted: INodeExecutionData[] = [];
			const context = new PollContext(
				workflow,
				node,
				additionalData,
				mode,
				mode === 'manual' ? 'manual' : (options.activation ?? 'activate'),
				(data) => emitted.push(...(data[0] ?? [])),
				() => {},
			);
			let outcome: PollOutcome;
			try {
				const response = await runner.runPollFunction(workflow, node, context);
				if (response !== null) context.__emit(response);
				outcome = { response, emitted };
			} catch (error) {
				outcome = { response: null, emitted, error: error as Error };
			}
			history.push(outcome);
			return outcome;
		},
	};
}
