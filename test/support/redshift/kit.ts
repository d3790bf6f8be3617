/**
 * Shared pieces of the engine reliability suites (faults, bad input): a one-node workflow fed by a
 * Code node, the credential pointing at the emulator, and checks on the node's output items.
 */
import { randomBytes } from 'node:crypto';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { AdobeRedshiftConnection } from '../../../nodes/AdobeRedshiftConnection/AdobeRedshiftConnection.node';
import { router } from '../../../nodes/AdobeRedshiftConnection/actions/resources';
import { DEFAULT_POLICY, type RequestPolicy } from '../../../nodes/shared/kernel/transport';
import type { EmulatorOptions, StartedEmulator } from '../../emulator';
import { emulatorCredential } from '../credentials';
import { CREDENTIAL_TYPE, RESOURCE, itemsWorkflow, type NodeSpec } from '../workflow';
import {
	NODE_TYPES,
	runWorkflow,
	type HarnessCredential,
	type InMemoryCredentialsHelper,
	type NodeTypeMap,
	type RunResult,
	type WorkflowDefinition,
} from '../engine/harness';
import { scanEmulator, scanTestFileForLeaks, type LeakScanner } from '../engine/leaks';
import { startTestEmulator } from '../engine/support';

export const NODE = 'Adobe Redshift Connection';
export const CREDENTIAL = {
	id: 'aep-reliability',
	name: 'Adobe Experience Platform (emulator)',
} as const;

/**
 * The node's request policy with the waits between attempts shrunk 100-fold and pacing's slowest
 * rate raised to 1,000 requests/s, so that a retry or a paced turn costs milliseconds; the node's
 * Options still override retries and timeout. What is retried, how often, the time budget and the
 * Retry-After cap stay the node's own. `overrides` sets more (e.g. a
 * deadline under a second, which the Timeout option's whole seconds cannot give).
 */
export function testPolicy(overrides: Partial<RequestPolicy> = {}): RequestPolicy {
	const { backoff, pacingTuning } = DEFAULT_POLICY;
	return {
		...DEFAULT_POLICY,
		backoff: { ...backoff, baseMs: backoff.baseMs / 100, maxMs: backoff.maxMs / 100 },
		// Pacing stays on and still cuts and honours Retry-After, but never below 1,000 requests/s, so
		// a throttled test waits milliseconds where the node's floor (0.5/s) would cost seconds.
		pacingTuning: { ...pacingTuning, minPerSecond: 1000 },
		...overrides,
	};
}

/** A distinctive value for the leak scan: never a substring of ordinary output. */
export function testSecret(prefix: string): string {
	return `${prefix}-${randomBytes(12).toString('hex')}`;
}

export interface ScannedEmulator {
	/** The running emulator (inside a test or a hook). */
	emu: () => StartedEmulator;
	/** The file's leak scan: the client secret, the given secrets, every token and password the emulator saw. */
	leaks: LeakScanner;
}

/** A scanned emulator with the Redshift node's runs on it: what `useScannedEmulator` gives a test file. */
export interface ScannedNodeEmulator extends ScannedEmulator {
	/** `runNode` on the emulator, with the run registered for the leak scan. */
	runNode(
		items: IDataObject[],
		parameters: INodeParameters,
		options?: Omit<RunNodeOptions, 'leaks'>,
	): Promise<NodeRun>;
}

/**
 * The emulator of a test file and the file's leak scan; call at the top of the file. The emulator
 * gets a distinctive client secret (and `options`); the scan knows it and `secrets` (label ->
 * value), watches the console and checks after each test. `per` as in `scanEmulator`: one emulator
 * for the file (the default) or a fresh one for each test.
 */
export function useScannedEmulator({
	per = 'file',
	secrets = {},
	...options
}: EmulatorOptions & {
	per?: 'file' | 'test';
	secrets?: Record<string, string>;
} = {}): ScannedNodeEmulator {
	const clientSecret = testSecret('client-secret');
	const leaks = scanTestFileForLeaks({ ...secrets, 'client secret': clientSecret });
	let emulator: StartedEmulator | undefined;
	scanEmulator(
		per,
		() => startTestEmulator({ ...options, clientSecret }),
		leaks,
		(started) => (emulator = started),
	);
	const emu = () => {
		if (!emulator) throw new Error('The emulator is not running (use emu() inside a test)');
		return emulator;
	};
	return {
		emu,
		leaks,
		runNode: async (items, parameters, options = {}) =>
			await runNode(emu(), items, parameters, { ...options, leaks }),
	};
}

/** Our credential pointing at `emu` (in `sandboxName`), under CREDENTIAL's id. */
export function credentialFor(emu: StartedEmulator, sandboxName = 'prod'): HarnessCredential {
	return emulatorCredential(emu, { sandboxName }, CREDENTIAL);
}

export type OnError = 'continueRegularOutput' | 'continueErrorOutput';

/** Manual trigger -> Code (emits `items`) -> one of our nodes with CREDENTIAL and, if given, an On Error mode. */
export function oneNodeWorkflow(
	name: string,
	items: IDataObject[],
	node: Omit<NodeSpec, 'credentials' | 'settings'>,
	onError?: OnError,
): WorkflowDefinition {
	return itemsWorkflow({
		name,
		items,
		nodes: [
			{
				...node,
				credentials: { [CREDENTIAL_TYPE]: { ...CREDENTIAL } },
				...(onError ? { settings: { onError } } : {}),
			},
		],
	});
}

/** Manual trigger -> Code (emits `items`) -> our node with `parameters`, continue-on-fail (regular output) by default. */
export function nodeWorkflow(
	items: IDataObject[],
	parameters: INodeParameters,
	continueOnFail: boolean | OnError = true,
): WorkflowDefinition {
	const onError = continueOnFail === true ? 'continueRegularOutput' : continueOnFail || undefined;
	return oneNodeWorkflow(
		'reliability',
		items,
		{ name: NODE, parameters: { resource: RESOURCE, ...parameters } },
		onError,
	);
}

export interface NodeRun {
	result: RunResult;
	output: INodeExecutionData[];
	json: IDataObject[];
	ms: number;
}

export interface RunNodeOptions {
	credentialsHelper?: InMemoryCredentialsHelper;
	/** Registers the run's outputs and the emulator's secrets (tokens, passwords) for the scan. */
	leaks?: LeakScanner;
	label?: string;
	/** true = Continue (regular output); or the On Error mode; false = stop the workflow. */
	continueOnFail?: boolean | OnError;
	/** The request policy the node runs with; testPolicy() unless given. */
	policy?: RequestPolicy;
}

/** The Redshift node over another request policy (n8n constructs it with the default one). */
class RedshiftWithPolicy extends AdobeRedshiftConnection {
	constructor(policy: RequestPolicy) {
		super();
		this.execute = router.withPolicy(policy);
	}
}

export async function runNode(
	emu: StartedEmulator,
	items: IDataObject[],
	parameters: INodeParameters,
	options: RunNodeOptions = {},
): Promise<NodeRun> {
	return await runOneNode(
		emu,
		nodeWorkflow(items, parameters, options.continueOnFail ?? true),
		NODE,
		{
			...options,
			nodeTypes: {
				[NODE_TYPES.adobeRedshiftConnection]: new RedshiftWithPolicy(
					options.policy ?? testPolicy(),
				),
			},
		},
	);
}

/**
 * Runs a workflow of `oneNodeWorkflow` against `emu` (CREDENTIAL pointing at it, unless a
 * credentials helper is given) and reads the node `nodeName`'s output items; with `leaks`, what
 * that node produced and the emulator's secrets are registered for the scan.
 */
export async function runOneNode(
	emu: StartedEmulator,
	workflow: WorkflowDefinition,
	nodeName: string,
	options: Pick<RunNodeOptions, 'credentialsHelper' | 'leaks' | 'label'> & {
		nodeTypes?: NodeTypeMap;
	},
): Promise<NodeRun> {
	const started = Date.now();
	const result = await runWorkflow(workflow, {
		credentialsHelper: options.credentialsHelper,
		credentials: options.credentialsHelper ? undefined : [credentialFor(emu)],
		nodeTypes: options.nodeTypes,
	});
	const ms = Date.now() - started;
	if (options.leaks) {
		// The Code node's items are test input, not node output; scan only what our node produced.
		options.leaks.addRun(options.label ?? 'run', result, {
			nodes: [nodeName],
			credentialIds: [CREDENTIAL.id],
		});
		options.leaks.addEmulatorSecrets(emu);
	}
	const output = result.outputOf(nodeName);
	return { result, output, json: output.map(itemView), ms };
}

/**
 * An output item's json, with an error item's details added from `item.error`: n8n reduces the
 * json of an item that carries `error` to `{ error: message }`, and keeps the rest on the error.
 */
export function itemView(item: INodeExecutionData): IDataObject {
	const error = item.error as
		| (Error & { description?: string | null; httpCode?: string | null; context?: IDataObject })
		| undefined;
	if (!error) return item.json;
	const view: IDataObject = { ...item.json };
	if (error.description) view.description = error.description;
	if (error.httpCode) view.httpCode = error.httpCode;
	if (typeof error.context?.field === 'string') view.field = error.context.field;
	return view;
}

/** Exactly one output item per input item, in input order, each paired with its input. */
export function expectOnePerItem(output: INodeExecutionData[], count: number): void {
	expect(output).toHaveLength(count);
	const pairing = output.map((item) =>
		Array.isArray(item.pairedItem) ? item.pairedItem : [item.pairedItem],
	);
	expect(pairing).toEqual(
		Array.from({ length: count }, (_, item) => [expect.objectContaining({ item })]),
	);
}

export function isErrorItem(json: IDataObject): boolean {
	return typeof json.error === 'string';
}

/** Counts of each value, for "no duplicates" checks. */
export function duplicates(values: string[]): string[] {
	const seen = new Map<string, number>();
	for (const value of values) seen.set(value, (seen.get(value) ?? 0) + 1);
	return [...seen].filter(([, count]) => count > 1).map(([value]) => value);
}

/**
 * Base Connection › Create with the name from each item (`{{ $json.name }}`), Azure, the given
 * password and If It Exists; `options` are the node's Options (Timeout 5 s unless given).
 */
export function namedCreateParameters(
	password: string,
	ifExists: string,
	options: IDataObject = {},
): INodeParameters {
	return {
		operation: 'create',
		hosting: 'azure',
		name: '={{ $json.name }}',
		server: 'named.abc123xyz789.us-west-2.redshift.amazonaws.com',
		port: 5439,
		username: 'aep_reader',
		password,
		database: 'dev',
		ifExists,
		options: { timeoutSeconds: 5, ...options },
	};
}
