/** The bench workflows, as n8n exports them (the same JSON runs in the engine harness and in real n8n). */
import { CONNECTIONS_PATH, FIXED, IMS_TOKEN_PATH, REDSHIFT_SPEC, SANDBOX, itemsCode, type EmulatorAccess } from './config';

export const OUR_NODE_TYPE = 'n8n-nodes-adobe-experience-platform.adobeRedshiftConnection';
export const OUR_NODE = 'Adobe Redshift Connection';
export const TOKEN_NODE = 'Get IMS token';
export const HTTP_CREATE_NODE = 'Create connection (HTTP Request)';
export const ITEMS_NODE = 'Items';

interface Node {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	executeOnce?: boolean;
}

export interface BenchWorkflow {
	id: string;
	name: string;
	active: false;
	settings: { executionOrder: 'v1' };
	nodes: Node[];
	connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;
}

let nodeCounter = 0;
function node(name: string, type: string, typeVersion: number, parameters: Record<string, unknown>, extra: Partial<Node> = {}): Node {
	nodeCounter++;
	return {
		id: `b3nc4000-0000-4000-8000-${String(nodeCounter).padStart(12, '0')}`,
		name,
		type,
		typeVersion,
		position: [nodeCounter * 220, 0],
		parameters,
		...extra,
	};
}

function chain(names: string[]): BenchWorkflow['connections'] {
	const connections: BenchWorkflow['connections'] = {};
	for (let i = 0; i + 1 < names.length; i++) connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	return connections;
}

function workflow(id: string, name: string, nodes: Node[]): BenchWorkflow {
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections: chain(nodes.map((n) => n.name)) };
}

function start(): Node {
	return node('Start', 'n8n-nodes-base.manualTrigger', 1, {});
}

function items(count: number, prefix: string): Node {
	return node(ITEMS_NODE, 'n8n-nodes-base.code', 2, { jsCode: itemsCode(count, prefix) });
}

/** Manual Trigger -> Code (items) -> our node creating one connection per item. */
export function ourNodeWorkflow(id: string, count: number, concurrency: number, prefix: string, credential: { id: string; name: string }): BenchWorkflow {
	return workflow(id, `Bench: our node, concurrency ${concurrency}`, [
		start(),
		items(count, prefix),
		node(
			OUR_NODE,
			OUR_NODE_TYPE,
			1,
			{
				resource: 'baseConnection',
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
				options: { concurrency },
			},
			{ credentials: { adobeExperiencePlatformApi: credential } },
		),
	]);
}

export interface HttpBatching {
	batchSize: number;
	batchInterval: number;
}

/**
 * What a user builds with n8n's HTTP Request node: the token call once (Execute Once), the items
 * brought back with a Code node, then one POST /connections per item with the token in a header.
 */
export function httpRequestWorkflow(id: string, count: number, prefix: string, access: EmulatorAccess, batching?: HttpBatching): BenchWorkflow {
	const token = node(
		TOKEN_NODE,
		'n8n-nodes-base.httpRequest',
		4.2,
		{
			method: 'POST',
			url: `${access.baseUrl}${IMS_TOKEN_PATH}`,
			sendBody: true,
			contentType: 'form-urlencoded',
			bodyParameters: {
				parameters: [
					{ name: 'grant_type', value: 'client_credentials' },
					{ name: 'client_id', value: access.clientId },
					{ name: 'client_secret', value: access.clientSecret },
					{ name: 'scope', value: access.scopes },
				],
			},
			options: {},
		},
		{ executeOnce: true },
	);
	const restore = node('Back to the items', 'n8n-nodes-base.code', 2, { jsCode: `return $('${ITEMS_NODE}').all();` });
	const jsonBody =
		'={\n' +
		'  "name": "{{ $json.name }}",\n' +
		`  "description": "${FIXED.description}",\n` +
		'  "auth": {\n' +
		'    "specName": "Basic Authentication",\n' +
		'    "params": {\n' +
		'      "server": "{{ $json.server }}",\n' +
		`      "port": "${FIXED.port}",\n` +
		`      "username": "${FIXED.username}",\n` +
		`      "password": "${FIXED.password}",\n` +
		'      "database": "{{ $json.database }}",\n' +
		'      "schema": "{{ $json.schema }}"\n' +
		'    }\n' +
		'  },\n' +
		`  "connectionSpec": { "id": "${REDSHIFT_SPEC.id}", "version": "${REDSHIFT_SPEC.version}" }\n` +
		'}';
	const create = node(HTTP_CREATE_NODE, 'n8n-nodes-base.httpRequest', 4.2, {
		method: 'POST',
		url: `${access.baseUrl}${CONNECTIONS_PATH}`,
		sendHeaders: true,
		headerParameters: {
			parameters: [
				{ name: 'Authorization', value: `=Bearer {{ $('${TOKEN_NODE}').first().json.access_token }}` },
				{ name: 'x-api-key', value: access.clientId },
				{ name: 'x-gw-ims-org-id', value: access.orgId },
				{ name: 'x-sandbox-name', value: SANDBOX },
				{ name: 'Accept', value: 'application/json' },
			],
		},
		sendBody: true,
		contentType: 'json',
		specifyBody: 'json',
		jsonBody,
		options: batching ? { batching: { batch: { batchSize: batching.batchSize, batchInterval: batching.batchInterval } } } : {},
	});
	const label = batching ? `batch ${batching.batchSize} every ${batching.batchInterval} ms` : 'defaults';
	return workflow(id, `Bench: HTTP Request node, ${label}`, [start(), items(count, prefix), token, restore, create]);
}
