/** What both bench variants do: the items, the create each item sends, and the workflow our node runs in. */
import { RESOURCE, itemsWorkflow, type WorkflowJson } from '../../test/support/workflow';

export const SANDBOX = 'prod';
export const IMS_TOKEN_PATH = '/ims/token/v3';
export const CONNECTIONS_PATH = '/data/foundation/flowservice/connections';
export const OUR_NODE = 'Create connection';
/** How a worker's result line starts on its stdout. */
export const RESULT_PREFIX = 'BENCH_RESULT ';

/** Fixed per-item values; name, server and database vary per item (names unique). */
const FIXED = {
	description: 'Created by npm run bench',
	port: 5439,
	username: 'bench_loader',
	password: 'bench-redshift-password',
};

export interface BenchItem {
	name: string;
	server: string;
	database: string;
	schema: string;
}

/** The JavaScript the Code node runs to produce the items (also evaluated here for the raw client). */
function itemsCode(count: number, prefix: string): string {
	return (
		`return Array.from({ length: ${count} }, (_, i) => ({ json: {\n` +
		`  name: '${prefix} ' + String(i).padStart(5, '0'),\n` +
		`  server: 'cluster-' + (i % 7) + '.abc123xyz789.us-west-2.redshift.amazonaws.com',\n` +
		`  database: 'db_' + (i % 5),\n` +
		`  schema: 'public',\n` +
		`} }));`
	);
}

export function makeItems(count: number, prefix: string): BenchItem[] {
	return (new Function(itemsCode(count, prefix)) as () => Array<{ json: BenchItem }>)().map(
		(item) => item.json,
	);
}

/** The POST /connections body our node sends for an item (AWS hosting: schema included, port a string). */
export function createBody(item: BenchItem): Record<string, unknown> {
	return {
		name: item.name,
		description: FIXED.description,
		auth: {
			specName: 'Basic Authentication',
			params: {
				server: item.server,
				port: String(FIXED.port),
				username: FIXED.username,
				password: FIXED.password,
				database: item.database,
				schema: item.schema,
			},
		},
		connectionSpec: { id: '3416976c-a9ca-4bba-901a-1f08f66978ff', version: '1.0' },
	};
}

/** How our node is set for a bench run. */
export interface NodeSettings {
	/** "If a Connection With This Name Exists": 'create' (Create Another) or 'reuse' (Reuse It). */
	ifExists: 'create' | 'reuse';
	/** The "Adapt to Throttling" option. */
	adaptToThrottling: boolean;
}

/** What the bench runs unless a table says otherwise: a new node's defaults (version 1.1: Reuse It, pacing on). */
export const DEFAULT_NODE_SETTINGS: NodeSettings = { ifExists: 'reuse', adaptToThrottling: true };

/** Manual Trigger -> Code (items) -> our node creating one connection per item. */
export function ourNodeWorkflow(
	count: number,
	concurrency: number,
	prefix: string,
	settings: NodeSettings = DEFAULT_NODE_SETTINGS,
): WorkflowJson {
	return itemsWorkflow({
		name: `Bench: our node, concurrency ${concurrency}`,
		itemsCode: itemsCode(count, prefix),
		nodes: [
			{
				name: OUR_NODE,
				// A failed item (e.g. still throttled after its retries, pacing off) is counted, not the end of the run.
				settings: { onError: 'continueRegularOutput' },
				parameters: {
					resource: RESOURCE,
					operation: 'create',
					hosting: 'aws',
					name: '={{ $json.name }}',
					description: FIXED.description,
					server: '={{ $json.server }}',
					port: FIXED.port,
					username: FIXED.username,
					password: FIXED.password,
					database: '={{ $json.database }}',
					schema: '={{ $json.schema }}',
					ifExists: settings.ifExists,
					options: { concurrency, adaptToThrottling: settings.adaptToThrottling },
				},
			},
		],
	});
}
