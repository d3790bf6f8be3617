/**
 * The one workflow builder of the tests, the e2e and the bench: a chain of nodes as n8n exports it,
 * usually "Manual Trigger -> items (Code node) -> node", so the same JSON runs in n8n-core's engine
 * and is imported by real n8n.
 */
import type { IConnections, IDataObject, INode, INodeParameters } from 'n8n-workflow';

/** This package's npm name: the prefix of its node types in n8n. */
export const PACKAGE_NAME = 'n8n-nodes-adobe-experience-platform';

/** Node type names as a real n8n install knows them. */
export const NODE_TYPE = {
	manualTrigger: 'n8n-nodes-base.manualTrigger',
	code: 'n8n-nodes-base.code',
	set: 'n8n-nodes-base.set',
	filter: 'n8n-nodes-base.filter',
	noOp: 'n8n-nodes-base.noOp',
	stickyNote: 'n8n-nodes-base.stickyNote',
	webhook: 'n8n-nodes-base.webhook',
	errorTrigger: 'n8n-nodes-base.errorTrigger',
	adobeRedshiftConnection: `${PACKAGE_NAME}.adobeRedshiftConnection`,
	adobeExperiencePlatform: `${PACKAGE_NAME}.adobeExperiencePlatform`,
	adobeExperiencePlatformTrigger: `${PACKAGE_NAME}.adobeExperiencePlatformTrigger`,
} as const;

/** Our nodes: they get CREDENTIAL_REF unless a spec says otherwise. */
const OUR_NODE_TYPES: ReadonlySet<string> = new Set([
	NODE_TYPE.adobeRedshiftConnection,
	NODE_TYPE.adobeExperiencePlatform,
	NODE_TYPE.adobeExperiencePlatformTrigger,
]);

/** The credential type of our node and the reference every built workflow uses by default. */
export const CREDENTIAL_TYPE = 'adobeExperiencePlatformApi';
export const CREDENTIAL_REF = {
	id: 'aep-engine',
	name: 'Adobe Experience Platform (emulator)',
} as const;

/** The resource value of our node's base-connection operations. */
export const RESOURCE = 'baseConnection';

/** The Code node that emits the items; tests replace its items by this name. */
export const ITEMS_NODE = 'Inputs';

/** A workflow as n8n exports it (`id` and `active` only matter to real n8n's import). */
export interface WorkflowJson {
	id: string;
	name: string;
	active: false;
	nodes: INode[];
	connections: IConnections;
	/** `errorWorkflow`: the ID of the workflow n8n runs when this one fails. */
	settings: { executionOrder: 'v1'; errorWorkflow?: string };
}

export interface NodeSpec {
	name: string;
	parameters: INodeParameters;
	/** Default: our node (Adobe Redshift Connection). */
	type?: string;
	/** Default: 1. */
	typeVersion?: number;
	/** Default: `{ adobeExperiencePlatformApi: CREDENTIAL_REF }` for our nodes, none for others. */
	credentials?: INode['credentials'];
	/** Other node settings, e.g. `{ onError: 'continueRegularOutput' }`, `{ executeOnce: true }`, `{ webhookId }`. */
	settings?: Partial<INode>;
}

export interface ItemsWorkflowOptions {
	/** Default: "<node name> workflow". */
	name?: string;
	/** Workflow id for real n8n's import; default: derived from the name. */
	id?: string;
	/** The items the Code node emits (each item's `json`)... */
	items?: IDataObject[];
	/** ...or the Code node's JavaScript, e.g. to generate many items at run time. */
	itemsCode?: string;
	/** The nodes after the items, run in this order (usually one). */
	nodes: NodeSpec[];
	/** Name of the Code node; default ITEMS_NODE ("Inputs"). */
	itemsNode?: string;
}

/** Same ids on every build, so two builds of one workflow compare equal. */
function nodeId(workflowName: string, index: number): string {
	let hash = 0;
	for (const ch of workflowName) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
	return `${hash.toString(16).padStart(8, '0')}-0000-4000-8000-${String(index + 1).padStart(12, '0')}`;
}

export interface ChainWorkflowOptions {
	name: string;
	/** Workflow id for real n8n's import; default: derived from the name. */
	id?: string;
	/** The nodes, each connected to the next on main output 0. */
	nodes: NodeSpec[];
	/** Added to `{ executionOrder: 'v1' }`. */
	settings?: Omit<WorkflowJson['settings'], 'executionOrder'>;
}

/** The nodes in a chain, each on main output 0 of the one before, laid out left to right. */
export function chainWorkflow(options: ChainWorkflowOptions): WorkflowJson {
	const { name } = options;
	const nodes = options.nodes.map((spec, index): INode => {
		const type = spec.type ?? NODE_TYPE.adobeRedshiftConnection;
		const credentials =
			spec.credentials ??
			(OUR_NODE_TYPES.has(type) ? { [CREDENTIAL_TYPE]: { ...CREDENTIAL_REF } } : undefined);
		return {
			id: nodeId(name, index),
			name: spec.name,
			type,
			typeVersion: spec.typeVersion ?? 1,
			position: [index * 220, 0],
			parameters: spec.parameters,
			...(credentials ? { credentials } : {}),
			...spec.settings,
		};
	});
	const connections: IConnections = {};
	for (let i = 0; i + 1 < nodes.length; i++)
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return {
		id: options.id ?? nodeId(name, 0).replace(/-/g, '').slice(0, 16),
		name,
		active: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1', ...options.settings },
	};
}

/**
 * A Webhook node (version 2 unless given) for `POST /webhook/<path>`, answering with the last
 * node's output; `parameters` adds or overrides. Its webhookId is derived from the path.
 */
export function webhookNode(
	path: string,
	parameters: INodeParameters = {},
	typeVersion = 2,
): NodeSpec {
	return {
		name: 'Webhook',
		type: NODE_TYPE.webhook,
		typeVersion,
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {}, ...parameters },
		settings: { webhookId: nodeId(`webhook ${path}`, 0) },
	};
}

/** The JavaScript of a Code node returning these items. */
export function itemsCodeFor(items: IDataObject[]): string {
	return `return ${JSON.stringify(items, null, 2)};`;
}

/** Manual Trigger -> Code node "Inputs" -> the given nodes, chained on main output 0. */
export function itemsWorkflow(options: ItemsWorkflowOptions): WorkflowJson {
	const jsCode = options.itemsCode ?? itemsCodeFor(options.items ?? [{}]);
	return chainWorkflow({
		name: options.name ?? `${options.nodes[options.nodes.length - 1].name} workflow`,
		id: options.id,
		nodes: [
			{ name: 'Start', type: NODE_TYPE.manualTrigger, parameters: {} },
			{
				name: options.itemsNode ?? ITEMS_NODE,
				type: NODE_TYPE.code,
				typeVersion: 2,
				parameters: { jsCode },
			},
			...options.nodes,
		],
	});
}

/** Our node with one operation: `{resource: RESOURCE, operation, ...parameters}`. */
export function operationNode(
	name: string,
	operation: string,
	parameters: INodeParameters = {},
	settings?: Partial<INode>,
): NodeSpec {
	return {
		name,
		parameters: { resource: RESOURCE, operation, ...parameters },
		...(settings ? { settings } : {}),
	};
}
