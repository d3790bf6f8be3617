/**
 * Engine-test pieces for the Adobe Experience Platform node, reached through `useAepEmulator`: a
 * one-node workflow fed by a Code node (as support/redshift/kit.ts does for the Redshift node), the
 * emulator's view of what was sent, the editor's picker calls and set-up seeds.
 */
import type { IDataObject, INodeListSearchResult, INodeParameters } from 'n8n-workflow';

import {
	DEFAULT_SCHEMA_ID,
	FLOW_SERVICE_PREFIX,
	REDSHIFT_CONNECTION_SPEC_ID,
	type EmulatorOptions,
	type RequestLogEntry,
	type StartedEmulator,
} from '../../emulator';
import { directCall, flowBody } from '../../emulator/testkit';
import { NODE_TYPE } from '../workflow';
import {
	createCredentialsHelper,
	type InMemoryCredentialsHelper,
	type WorkflowDefinition,
	type NodeTypeMap,
} from '../engine/harness';
import type { LeakScanner } from '../engine/leaks';
import {
	CREDENTIAL,
	credentialFor,
	expectOnePerItem,
	isErrorItem,
	oneNodeWorkflow,
	runOneNode,
	useScannedEmulator,
	type NodeRun,
	type OnError,
	type ScannedEmulator,
} from '../redshift/kit';
import { editorContext, ORDER_COLUMNS, rl, seedConnections } from '../engine/support';

export { idsOf, ORDER_COLUMNS, rl } from '../engine/support';

const AEP_NODE = 'Adobe Experience Platform';

/** Manual trigger -> Code (emits `items`) -> the Experience Platform node with `parameters`. */
function aepWorkflow(
	items: IDataObject[],
	parameters: INodeParameters,
	onError?: OnError,
	typeVersion?: number,
): WorkflowDefinition {
	return oneNodeWorkflow(
		'aep',
		items,
		{ name: AEP_NODE, type: NODE_TYPE.adobeExperiencePlatform, parameters, typeVersion },
		onError,
	);
}

export interface AepRunOptions {
	leaks?: LeakScanner;
	label?: string;
	/** Default: continue on fail (regular output); false stops the workflow. */
	onError?: OnError | false;
	credentialsHelper?: InMemoryCredentialsHelper;
	/** The workflow's Timezone setting (what `this.getTimezone()` gives the node); default: n8n's. */
	timezone?: string;
	/** Node types replacing the harness's, e.g. the node built with a test policy. */
	nodeTypes?: NodeTypeMap;
	/** The node's version in the workflow; default 1. */
	typeVersion?: number;
}

/** Runs the node once over `items`; its output items as json (error items with description, httpCode, field). */
async function runAep(
	emu: StartedEmulator,
	items: IDataObject[],
	parameters: INodeParameters,
	options: AepRunOptions = {},
): Promise<NodeRun> {
	const onError =
		options.onError === false ? undefined : (options.onError ?? 'continueRegularOutput');
	const workflow = aepWorkflow(items, parameters, onError, options.typeVersion);
	if (options.timezone) workflow.settings = { ...workflow.settings, timezone: options.timezone };
	return await runOneNode(emu, workflow, AEP_NODE, options);
}

/**
 * Platform requests answered other than 401, as "METHOD path". A 401 is the token the node cached
 * before `emu.reset()` (kept per client for a minute), refused once and refreshed by n8n.
 */
function answered(emu: StartedEmulator): RequestLogEntry[] {
	return emu.platformRequests().filter((entry) => entry.status !== 401);
}

function calls(emu: StartedEmulator): string[] {
	return answered(emu).map((entry) => `${entry.method} ${entry.path}`);
}

/** Calls a listSearch method of the node as n8n's editor does (LoadOptionsContext, the node's current parameters). */
async function aepListSearch(
	emu: StartedEmulator,
	method: string,
	parameters: INodeParameters,
	path: string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { context, nodeType } = editorContext(
		createCredentialsHelper([credentialFor(emu)]),
		parameters,
		path,
		1,
		{ type: NODE_TYPE.adobeExperiencePlatform, name: AEP_NODE, credential: CREDENTIAL },
	);
	const search = nodeType.methods?.listSearch?.[method];
	if (!search) throw new Error(`The node has no listSearch method ${method}`);
	return await search.call(context, filter, paginationToken);
}

/** A Catalog dataset `name` of the XDM schema `schemaId`, seeded in the emulator (test set-up only). Returns its ID. */
function seedDataset(emu: StartedEmulator, name = 'Orders', schemaId = DEFAULT_SCHEMA_ID): string {
	return emu.seedDataset({
		body: {
			name,
			schemaRef: { id: schemaId, contentType: 'application/vnd.adobe.xed+json;version=1' },
		},
	}).id;
}

async function directPost(emu: StartedEmulator, path: string, body: unknown): Promise<string> {
	return (await directCall(emu, 'POST', `${FLOW_SERVICE_PREFIX}${path}`, body)).json.id as string;
}

/**
 * A Redshift source connection for public.orders with `columns`, under `baseConnectionId` (a new
 * base connection when not given), created straight through the emulator's API: test set-up only.
 * Returns its ID.
 */
async function seedSourceConnection(
	emu: StartedEmulator,
	{
		columns = ORDER_COLUMNS,
		name = 'Seed source',
		baseConnectionId,
	}: { columns?: IDataObject[]; name?: string; baseConnectionId?: string } = {},
): Promise<string> {
	const baseId = baseConnectionId ?? (await seedConnections(emu, [`Seed base ${Date.now()}`]))[0];
	return await directPost(emu, '/sourceConnections', {
		name,
		baseConnectionId: baseId,
		data: { format: 'tabular' },
		params: { tableName: 'public.orders', columns },
		connectionSpec: { id: REDSHIFT_CONNECTION_SPEC_ID, version: '1.0' },
	});
}

/**
 * A scheduled dataflow using `targetId` (and a new source connection for public.orders), created
 * straight through the emulator's API: test set-up only, the node is not involved. A mapping set
 * is seeded when none is given. Returns the flow's ID.
 */
async function seedFlowUsing(
	emu: StartedEmulator,
	targetId: string,
	mappingId = emu.seedMappingSet().id,
): Promise<string> {
	const sourceId = await seedSourceConnection(emu, {
		columns: ORDER_COLUMNS.filter(
			(column) => column.name === 'order_id' || column.name === 'ordered_at',
		),
	});
	return await directPost(
		emu,
		'/flows',
		flowBody({ sourceId, targetId, mappingId }, undefined, 'Seed flow'),
	);
}

/**
 * Dataflow › Create From Table of public.orders, from a new base connection ("warehouse") into a
 * new dataset of the default schema, named Orders, hourly from 2030-01-01T09:00Z with delta column
 * ordered_at; `extra` overrides.
 */
async function fromTableParameters(
	emu: StartedEmulator,
	extra: INodeParameters = {},
): Promise<INodeParameters> {
	const [baseConnectionId] = await seedConnections(emu, ['warehouse']);
	return {
		resource: 'dataflow',
		operation: 'createFromTable',
		connectionId: rl('list', baseConnectionId),
		tablePath: { __rl: true, mode: 'name', value: 'public.orders' },
		datasetId: rl('id', seedDataset(emu, 'Orders dataset')),
		name: 'Orders',
		frequency: 'hour',
		interval: 1,
		startTime: '2030-01-01T09:00:00.000Z',
		deltaColumn: 'ordered_at',
		...extra,
	};
}

/**
 * A chain of public.orders into the parameters' dataset, made straight through the emulator (test
 * set-up only): a source connection with `columns`, a target connection of the dataset, a mapping
 * set `mappingSetName` with `mappings` (default: the emulator's) and an hourly dataflow `flowName`
 * joining them. Returns the dataflow's and the mapping set's IDs.
 */
async function seedChain(
	emu: StartedEmulator,
	parameters: INodeParameters,
	{
		columns = ORDER_COLUMNS,
		mappings,
		mappingSetName,
		flowName = 'Old chain',
	}: {
		columns?: IDataObject[];
		mappings?: Array<[string, string]>;
		mappingSetName?: string;
		flowName?: string;
	} = {},
): Promise<{ flowId: string; mappingId: string }> {
	const baseConnectionId = (parameters.connectionId as { value: string }).value;
	const dataSetId = (parameters.datasetId as { value: string }).value;
	const sourceId = await seedSourceConnection(emu, {
		baseConnectionId,
		name: 'old source',
		columns,
	});
	const targetId = seedTarget(emu, dataSetId, 'old target');
	const mappingId = emu.seedMappingSet(
		mappings && {
			body: {
				...(mappingSetName === undefined ? {} : { name: mappingSetName }),
				outputSchema: {
					schemaRef: {
						id: DEFAULT_SCHEMA_ID,
						contentType: 'application/vnd.adobe.xed-full+json;version=1',
					},
				},
				mappings: mappings.map(([source, destination]) => ({
					sourceType: 'ATTRIBUTE',
					source,
					destination,
				})),
			},
		},
	).id;
	const answer = await directCall(
		emu,
		'POST',
		`${FLOW_SERVICE_PREFIX}/flows`,
		flowBody({ sourceId, targetId, mappingId }, undefined, flowName),
	);
	return { flowId: answer.json.id as string, mappingId };
}

/** A Data Lake target connection `name` of the dataset `dataSetId` (default schema), seeded; returns its ID. */
function seedTarget(emu: StartedEmulator, dataSetId: string, name: string): string {
	return emu.seedTargetConnection({
		body: {
			name,
			data: {
				schema: { id: DEFAULT_SCHEMA_ID, version: 'application/vnd.adobe.xed-full+json;version=1' },
			},
			params: { dataSetId },
			connectionSpec: { id: 'c604ff05-7f1a-43c0-8e18-33bf874cb11c', version: '1.0' },
		},
	}).id;
}

/**
 * Dataflow › Create's parameters on a new chain (base connection 'warehouse', its public.orders
 * source connection, a target connection, a mapping set), hourly with delta column ordered_at;
 * `extra` adds or overrides. Test set-up only.
 */
async function flowCreateParameters(
	emu: StartedEmulator,
	extra: INodeParameters = {},
): Promise<INodeParameters> {
	const [baseConnectionId] = await seedConnections(emu, ['warehouse']);
	const sourceId = await seedSourceConnection(emu, { baseConnectionId });
	return {
		resource: 'dataflow',
		operation: 'create',
		name: 'Orders hourly',
		sourceConnectionId: rl('id', sourceId),
		targetConnectionId: rl('id', emu.seedTargetConnection().id),
		mappingSetId: rl('id', emu.seedMappingSet().id),
		frequency: 'hour',
		interval: 1,
		deltaColumn: 'ordered_at',
		...extra,
	};
}

/** The kit's calls on the file's emulator: what `useAepEmulator` gives a test file. */
export interface AepEmulator extends ScannedEmulator {
	/** `runAep` on the emulator, with the run registered for the leak scan. */
	run(
		items: IDataObject[],
		parameters: INodeParameters,
		options?: Omit<AepRunOptions, 'leaks'>,
	): Promise<NodeRun>;
	/**
	 * `aepListSearch` on the emulator; `parameters` as a string is an operation of the file's
	 * resource (the node's parameters are then just `{ resource, operation }`).
	 */
	listSearch(
		method: string,
		parameters: INodeParameters | string,
		path: string,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult>;
	answered(): RequestLogEntry[];
	calls(): string[];
	seedDataset(name?: string, schemaId?: string): string;
	seedSourceConnection(options?: Parameters<typeof seedSourceConnection>[1]): Promise<string>;
	/** seedTarget on the emulator. */
	seedTarget(dataSetId: string, name: string): string;
	/** seedChain on the emulator. */
	seedChain(
		parameters: INodeParameters,
		options?: Parameters<typeof seedChain>[2],
	): Promise<{ flowId: string; mappingId: string }>;
	seedFlowUsing(targetId: string, mappingId?: string): Promise<string>;
	/** flowCreateParameters on the emulator. */
	flowCreateParameters(extra?: INodeParameters): Promise<INodeParameters>;
	/** How many source connections, target connections, mapping sets and dataflows the emulator holds. */
	chainSizes(): number[];
	/** Create From Table's parameters on a new base connection and dataset (see fromTableParameters). */
	fromTable(extra?: INodeParameters): Promise<INodeParameters>;
	expectRefusedBeforeSending(run: NodeRun, label: string, field: string): void;
}

/**
 * One emulator for a test file (reset before each test, closed after all) and its leak scan
 * (the client secret and every token and password the emulator saw, checked after each test), with
 * the kit's calls bound to it. Call at the top of a file with the node resource the file tests;
 * `emu()` is the running emulator.
 */
export function useAepEmulator(resource: string, options: EmulatorOptions = {}): AepEmulator {
	const { emu, leaks } = useScannedEmulator(options);
	return {
		emu,
		leaks,
		run: async (items, parameters, options = {}) =>
			await runAep(emu(), items, parameters, { ...options, leaks }),
		listSearch: async (method, parameters, ...rest) =>
			await aepListSearch(
				emu(),
				method,
				typeof parameters === 'string' ? { resource, operation: parameters } : parameters,
				...rest,
			),
		answered: () => answered(emu()),
		calls: () => calls(emu()),
		seedDataset: (...args) => seedDataset(emu(), ...args),
		seedSourceConnection: async (...args) => await seedSourceConnection(emu(), ...args),
		seedTarget: (dataSetId, name) => seedTarget(emu(), dataSetId, name),
		seedChain: async (parameters, options) => await seedChain(emu(), parameters, options),
		seedFlowUsing: async (...args) => await seedFlowUsing(emu(), ...args),
		flowCreateParameters: async (extra) => await flowCreateParameters(emu(), extra),
		fromTable: async (extra) => await fromTableParameters(emu(), extra),
		chainSizes: () =>
			[
				emu().sourceConnections(),
				emu().targetConnections(),
				emu().mappingSets(),
				emu().flows(),
			].map((list) => list.length),
		expectRefusedBeforeSending: (...args) => expectRefusedBeforeSending(emu(), ...args),
	};
}

/** The one item failed before anything was sent: it names the field by its label, and no token or Platform request went out. */
function expectRefusedBeforeSending(
	emu: StartedEmulator,
	run: NodeRun,
	label: string,
	field: string,
): void {
	expectOnePerItem(run.output, 1);
	expect(isErrorItem(run.json[0])).toBe(true);
	expect(run.json[0].error).toContain(`"${label}"`);
	expect(run.json[0].field).toBe(field);
	expect(run.json[0].description).toContain('nothing was sent to Adobe');
	expect(emu.platformRequests()).toEqual([]);
	expect(emu.tokensIssued()).toBe(0);
}
