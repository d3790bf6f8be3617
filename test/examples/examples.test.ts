/**
 * The example workflows in examples/ are importable and consistent: n8n export shape, unique
 * names, connections and $('Node') references that resolve, our node's parameters as its
 * description defines them, the credential on every node that calls Adobe, placeholders instead
 * of secrets. The HTTP bodies of create-to-dataflow are evaluated and checked by the emulator's
 * own validation. (Running them in real n8n is test/e2e's job.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { AdobeRedshiftConnection } from '../../nodes/AdobeRedshiftConnection/AdobeRedshiftConnection.node';
import {
	DATA_LAKE_CONNECTION_SPEC_ID,
	DATABASE_FLOW_SPEC_ID,
	REDSHIFT_AUTH_SPEC_NAME,
	REDSHIFT_CONNECTION_SPEC_ID,
} from '../emulator/core/defaults';
import { FlowError } from '../emulator/core/errors';
import type { DataflowLookups } from '../emulator/core/lookups';
import type { StoredConnection, StoredSourceConnection, StoredTargetConnection } from '../emulator/core/types';
import { DEFAULT_TABLES, tableSchema } from '../emulator/explore/tables';
import { validateFlowBody } from '../emulator/flows/validation';
import { validateSourceConnectionBody } from '../emulator/sourceConnections/sourceConnections';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const OUR_TYPE = 'n8n-nodes-adobe-experience-platform.adobeRedshiftConnection';
const HTTP_TYPE = 'n8n-nodes-base.httpRequest';
const SET_TYPE = 'n8n-nodes-base.set';
const FILTER_TYPE = 'n8n-nodes-base.filter';
const STICKY_TYPE = 'n8n-nodes-base.stickyNote';
const TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';
const CREDENTIALS = { adobeExperiencePlatformApi: { id: 'aepCredential', name: 'Adobe Experience Platform account' } };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SETTINGS_URL = "={{ $('Settings').first().json.platformUrl }}/data/foundation/flowservice/";

/** Parameter names and versions of the n8n-nodes-base nodes we use, as their sources define them. */
const BASE_NODES: Record<string, { version: number; params: string[] }> = {
	[TRIGGER_TYPE]: { version: 1, params: [] },
	[STICKY_TYPE]: { version: 1, params: ['content', 'height', 'width', 'color'] },
	[SET_TYPE]: { version: 3.4, params: ['mode', 'duplicateItem', 'duplicateCount', 'assignments', 'includeOtherFields', 'include', 'includeFields', 'excludeFields', 'options'] },
	[FILTER_TYPE]: { version: 2, params: ['conditions', 'looseTypeValidation', 'options'] },
	[HTTP_TYPE]: {
		version: 4.2,
		params: ['method', 'url', 'authentication', 'nodeCredentialType', 'sendQuery', 'specifyQuery', 'queryParameters', 'jsonQuery', 'sendHeaders', 'specifyHeaders', 'headerParameters', 'jsonHeaders', 'sendBody', 'contentType', 'specifyBody', 'bodyParameters', 'jsonBody', 'options'],
	},
};

interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}
interface Connection {
	node: string;
	type: string;
	index: number;
}
interface Workflow {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, Record<string, Connection[][]>>;
	settings: Record<string, unknown>;
	pinData: Record<string, unknown>;
}
interface Assignment {
	id: string;
	name: string;
	value: unknown;
	type: string;
}

const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort();
const load = (file: string) => JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as Workflow;
const properties = new AdobeRedshiftConnection().description.properties;

const isExpression = (value: unknown): value is string => typeof value === 'string' && value.startsWith('=');

function node(wf: Workflow, name: string): WorkflowNode {
	const found = wf.nodes.find((n) => n.name === name);
	if (!found) throw new Error(`no node "${name}"`);
	return found;
}

function assignments(n: WorkflowNode): Assignment[] {
	return ((n.parameters.assignments as { assignments?: Assignment[] } | undefined)?.assignments ?? []);
}

function settingsJson(wf: Workflow): Record<string, unknown> {
	return Object.fromEntries(assignments(node(wf, 'Settings')).map((a) => [a.name, a.value]));
}

/** Every string in a value, with its path. */
function strings(value: unknown, path = ''): Array<[string, string]> {
	if (typeof value === 'string') return [[path, value]];
	if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
	if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
	return [];
}

/** Names of the nodes upstream of `name`. */
function ancestors(wf: Workflow, name: string): Set<string> {
	const parents = (child: string) =>
		Object.entries(wf.connections)
			.filter(([, outputs]) => Object.values(outputs).some((groups) => groups.some((g) => g.some((c) => c.node === child))))
			.map(([source]) => source);
	const seen = new Set<string>();
	const queue = parents(name);
	while (queue.length) {
		const next = queue.shift() as string;
		if (!seen.has(next)) {
			seen.add(next);
			queue.push(...parents(next));
		}
	}
	return seen;
}

// --- our node's description ------------------------------------------------------------------

function currentValue(params: Record<string, unknown>, name: string): unknown {
	return name in params ? params[name] : properties.find((p) => p.name === name)?.default;
}

/** Plain-value displayOptions as our node uses them (no @version, no _cnd conditions). */
function isShown(prop: INodeProperties, params: Record<string, unknown>): boolean {
	const show = prop.displayOptions?.show ?? {};
	const hide = prop.displayOptions?.hide ?? {};
	const matches = (key: string, values: unknown) => (values as unknown[]).includes(currentValue(params, key));
	return (
		Object.entries(show).every(([key, values]) => key.startsWith('@') || matches(key, values)) &&
		!Object.entries(hide).some(([key, values]) => !key.startsWith('@') && matches(key, values))
	);
}

function checkValue(prop: INodeProperties, value: unknown, where: string): string[] {
	if (isExpression(value)) return [];
	const problems: string[] = [];
	switch (prop.type) {
		case 'options': {
			const allowed = ((prop.options ?? []) as INodePropertyOptions[]).map((o) => o.value);
			// An empty string is the "none chosen" value of a loadOptions dropdown.
			if (!allowed.includes(value as string) && !(prop.typeOptions?.loadOptionsMethod && typeof value === 'string')) {
				problems.push(`${where}: ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
			}
			break;
		}
		case 'collection': {
			if (!value || typeof value !== 'object' || Array.isArray(value)) return [`${where}: must be an object`];
			const options = (prop.options ?? []) as INodeProperties[];
			for (const [key, v] of Object.entries(value)) {
				const option = options.find((o) => o.name === key);
				if (!option) problems.push(`${where}.${key}: not an option of "${prop.displayName}"`);
				else problems.push(...checkValue(option, v, `${where}.${key}`));
			}
			break;
		}
		case 'number':
			if (typeof value !== 'number') problems.push(`${where}: must be a number`);
			break;
		case 'boolean':
			if (typeof value !== 'boolean') problems.push(`${where}: must be a boolean`);
			break;
		case 'string':
			if (typeof value !== 'string') problems.push(`${where}: must be a string`);
			break;
		default:
			break;
	}
	return problems;
}

/** Problems with one node's parameters, measured against our node's description. */
function ourNodeProblems(n: WorkflowNode): string[] {
	const problems: string[] = [];
	for (const [key, value] of Object.entries(n.parameters)) {
		const candidates = properties.filter((p) => p.name === key);
		if (candidates.length === 0) {
			problems.push(`${n.name}.${key}: not a parameter of the node`);
			continue;
		}
		const shown = candidates.find((p) => isShown(p, n.parameters));
		if (!shown) problems.push(`${n.name}.${key}: not shown for this resource/operation/platform`);
		else problems.push(...checkValue(shown, value, `${n.name}.${key}`));
	}
	for (const prop of properties.filter((p) => p.required && isShown(p, n.parameters))) {
		const value = currentValue(n.parameters, prop.name);
		if (value === undefined || value === '') problems.push(`${n.name}.${prop.name}: required but empty`);
	}
	return problems;
}

// --- evaluating the HTTP bodies -----------------------------------------------------------------

/**
 * Runs an n8n expression as JavaScript with $json and $('Node').first()/.item: `={{ x }}` gives
 * x's value, `={{ a }}/path` the text with each {{ }} filled in.
 */
function evaluate(expression: string, $json: unknown, nodeJson: Record<string, unknown>): unknown {
	if (!expression.startsWith('=')) throw new Error(`not an expression: ${expression.slice(0, 40)}`);
	const $ = (name: string) => {
		if (!(name in nodeJson)) throw new Error(`no output for node "${name}"`);
		return { first: () => ({ json: nodeJson[name] }), item: { json: nodeJson[name] } };
	};
	const run = (code: string): unknown => new Function('$json', '$', `return (${code});`)($json, $);
	const whole = /^=\{\{([\s\S]*)\}\}$/.exec(expression.trim());
	if (whole && !whole[1].includes('}}')) return run(whole[1]);
	return expression.slice(1).replace(/\{\{([\s\S]*?)\}\}/g, (_m, code: string) => String(run(code)));
}

function flowCode(fn: () => unknown): string | undefined {
	try {
		fn();
		return undefined;
	} catch (err) {
		if (err instanceof FlowError) return err.code;
		throw err;
	}
}

const baseConnection: StoredConnection = {
	id: 'base-1',
	name: 'Redshift orders warehouse',
	state: 'enabled',
	connectionSpec: { id: REDSHIFT_CONNECTION_SPEC_ID, version: '1.0' },
	auth: { specName: REDSHIFT_AUTH_SPEC_NAME, params: { server: 'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com', port: '5439', username: 'u', database: 'dev' } },
	etag: '"e"',
	createdAt: 0,
	updatedAt: 0,
	createdBy: '',
	updatedBy: '',
	createdClient: '',
	updatedClient: '',
	sandboxId: '',
	sandboxName: 'prod',
	imsOrgId: '',
};

// --- tests ------------------------------------------------------------------------------------

describe('example workflows', () => {
	it('are the three documented ones', () => {
		expect(files).toEqual(['create-test-list-tables.json', 'create-to-dataflow.json', 'rotate-password.json']);
		const readme = readFileSync(join(EXAMPLES, 'README.md'), 'utf8');
		for (const file of files) expect(readme).toContain(file);
		expect(readme).toContain('n8n import:workflow --input=');
		expect(readme).toContain('Import from File');
	});

	describe.each(files)('%s', (file) => {
		const wf = load(file);
		const names = wf.nodes.map((n) => n.name);

		it('has the n8n export shape', () => {
			expect(typeof wf.name).toBe('string');
			expect(wf.name.length).toBeGreaterThan(0);
			expect(wf.settings).toMatchObject({ executionOrder: 'v1' });
			expect(wf.pinData).toEqual({});
			for (const n of wf.nodes) {
				expect(n.id).toMatch(UUID);
				expect(typeof n.name).toBe('string');
				expect(typeof n.type).toBe('string');
				expect(typeof n.typeVersion).toBe('number');
				expect(n.position).toEqual([expect.any(Number), expect.any(Number)]);
				expect(n.parameters).toEqual(expect.any(Object));
			}
		});

		it('has unique node names and ids', () => {
			expect(new Set(names).size).toBe(names.length);
			expect(new Set(wf.nodes.map((n) => n.id)).size).toBe(wf.nodes.length);
		});

		it('connects existing nodes only, and every node runs from the one manual trigger', () => {
			for (const [source, outputs] of Object.entries(wf.connections)) {
				expect(names).toContain(source);
				for (const groups of Object.values(outputs)) {
					for (const c of groups.flat()) {
						expect(names).toContain(c.node);
						expect(c).toEqual({ node: c.node, type: 'main', index: 0 });
					}
				}
			}
			const triggers = wf.nodes.filter((n) => n.type === TRIGGER_TYPE);
			expect(triggers).toHaveLength(1);
			const working = wf.nodes.filter((n) => n.type !== STICKY_TYPE && n.type !== TRIGGER_TYPE);
			for (const n of working) expect([n.name, ancestors(wf, n.name).has(triggers[0].name)]).toEqual([n.name, true]);
		});

		it("refers with $('Node') only to nodes that ran before, and to Settings fields that exist", () => {
			for (const n of wf.nodes) {
				for (const [path, value] of strings(n.parameters)) {
					if (!isExpression(value)) continue;
					for (const [, ref] of value.matchAll(/\$\('([^']+)'\)/g)) {
						expect([n.name, path, ref, ancestors(wf, n.name).has(ref)]).toEqual([n.name, path, ref, true]);
					}
					for (const [, field] of value.matchAll(/\$\('Settings'\)\.(?:first\(\)|item)\.json\.(\w+)/g)) {
						expect(Object.keys(settingsJson(wf))).toContain(field);
					}
				}
			}
		});

		it('uses node types, versions and parameter names that exist', () => {
			for (const n of wf.nodes) {
				if (n.type === OUR_TYPE) {
					expect(n.typeVersion).toBe(1);
					expect(ourNodeProblems(n)).toEqual([]);
					continue;
				}
				const base = BASE_NODES[n.type];
				expect([n.name, base !== undefined]).toEqual([n.name, true]);
				expect([n.name, n.typeVersion]).toEqual([n.name, base.version]);
				const unknown = Object.keys(n.parameters).filter((k) => !base.params.includes(k));
				expect([n.name, unknown]).toEqual([n.name, []]);
			}
		});

		it('puts the credential reference on every node that calls Adobe, and nowhere else', () => {
			for (const n of wf.nodes) {
				if (n.type === OUR_TYPE || n.type === HTTP_TYPE) expect([n.name, n.credentials]).toEqual([n.name, CREDENTIALS]);
				else expect([n.name, n.credentials]).toEqual([n.name, undefined]);
			}
		});

		it('calls Adobe over HTTP only with the predefined credential and the Settings hosting URL', () => {
			for (const n of wf.nodes.filter((x) => x.type === HTTP_TYPE)) {
				expect(n.parameters).toMatchObject({
					method: 'POST',
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'adobeExperiencePlatformApi',
					sendBody: true,
					specifyBody: 'json',
				});
				expect(String(n.parameters.url).startsWith(SETTINGS_URL)).toBe(true);
				expect(String(n.parameters.jsonBody)).toMatch(/^=\{\{ JSON\.stringify\(/);
			}
		});

		it('shapes Set and Filter parameters the way their node versions read them', () => {
			for (const n of wf.nodes.filter((x) => x.type === SET_TYPE)) {
				const list = assignments(n);
				expect(list.length).toBeGreaterThan(0);
				for (const a of list) {
					expect(a).toEqual({ id: expect.stringMatching(UUID), name: expect.any(String), value: a.value, type: expect.stringMatching(/^(string|number|boolean|array|object)$/) });
					expect(typeof a.value).toBe(a.type === 'number' ? 'number' : a.type === 'boolean' ? 'boolean' : 'string');
				}
				expect(new Set(list.map((a) => a.name)).size).toBe(list.length);
			}
			for (const n of wf.nodes.filter((x) => x.type === FILTER_TYPE)) {
				const c = n.parameters.conditions as { options: Record<string, unknown>; conditions: Array<Record<string, unknown>>; combinator: string };
				expect(c.combinator).toMatch(/^(and|or)$/);
				expect(c.options).toEqual({ caseSensitive: expect.any(Boolean), leftValue: '', typeValidation: expect.stringMatching(/^(strict|loose)$/) });
				// Filter 2 computes caseSensitive from options.ignoreCase (default true): keep both in step.
				const ignoreCase = (n.parameters.options as { ignoreCase?: boolean } | undefined)?.ignoreCase ?? true;
				expect(c.options.caseSensitive).toBe(!ignoreCase);
				for (const cond of c.conditions) {
					expect(cond).toEqual({ id: expect.stringMatching(UUID), leftValue: expect.any(String), rightValue: expect.any(String), operator: { type: 'string', operation: expect.any(String) } });
				}
			}
		});

		it('holds no secrets: passwords are FILL_IN placeholders, and nothing looks like a token, key or secret', () => {
			const settings = wf.nodes.some((n) => n.name === 'Settings') ? settingsJson(wf) : {};
			const secretName = /password|secret|token|apikey/i;
			const placeholder = (value: unknown, where: string) => {
				if (isExpression(value)) {
					const fields = [...value.matchAll(/\$\('Settings'\)\.(?:first\(\)|item)\.json\.(\w+)/g)].map((m) => m[1]);
					expect([where, fields.length > 0]).toEqual([where, true]);
					for (const f of fields) expect([where, String(settings[f])]).toEqual([where, expect.stringMatching(/^FILL_IN/)]);
				} else {
					expect([where, value]).toEqual([where, expect.stringMatching(/^FILL_IN/)]);
				}
			};
			for (const n of wf.nodes) {
				for (const [path, value] of strings(n.parameters)) {
					const last = path.split('.').pop() as string;
					if (secretName.test(last) && last !== 'nodeCredentialType') placeholder(value, `${n.name}.${path}`);
				}
				for (const a of n.type === SET_TYPE ? assignments(n) : []) {
					if (secretName.test(a.name)) placeholder(a.value, `${n.name}.${a.name}`);
				}
			}
			const looksSecret = [
				/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, // JWT / IMS access token
				/\bp8e-[A-Za-z0-9_-]{8,}/, // Adobe OAuth client secret
				/\b[0-9a-f]{32}\b/i, // Adobe client id (API key) shape
				/[0-9A-F]{24}@AdobeOrg/, // a real IMS org id
				/AKIA[0-9A-Z]{16}/, // AWS access key
				/Bearer\s+[A-Za-z0-9._-]{8,}/,
				/-----BEGIN [A-Z ]*PRIVATE KEY-----/,
			];
			for (const [path, value] of strings(wf)) {
				for (const pattern of looksSecret) expect([path, pattern.test(value)]).toEqual([path, false]);
			}
		});

		it('mentions every FILL_IN value of Settings in a sticky note', () => {
			const notes = wf.nodes.filter((n) => n.type === STICKY_TYPE).map((n) => String(n.parameters.content)).join('\n');
			expect(notes).toMatch(/fill in/i);
			for (const n of wf.nodes.filter((x) => x.type === SET_TYPE)) {
				for (const a of assignments(n).filter((x) => String(x.value).startsWith('FILL_IN'))) expect(notes).toContain(a.name);
			}
		});
	});

	describe('create-to-dataflow.json', () => {
		const wf = load('create-to-dataflow.json');
		const settings = settingsJson(wf);
		const columns = tableSchema(DEFAULT_TABLES[0]).schema.columns;
		const createOutput = { id: 'base-1', etag: '"e"', connectionSpec: { id: REDSHIFT_CONNECTION_SPEC_ID, version: '1.0' } };
		const schemaOutput = { connectionId: 'base-1', tableName: settings.tableName, format: 'flat', columns };
		const source = {
			...baseConnection,
			id: 'source-1',
			baseConnectionId: 'base-1',
			data: { format: 'tabular' },
			params: { tableName: 'public.orders', columns },
		} as unknown as StoredSourceConnection;
		const target = { id: 'target-1', connectionSpec: { id: DATA_LAKE_CONNECTION_SPEC_ID, version: '1.0' } } as unknown as StoredTargetConnection;
		const lookups: DataflowLookups = {
			baseConnection: (id) => (id === 'base-1' ? baseConnection : undefined),
			sourceConnection: (id) => (id === 'source-1' ? source : undefined),
			targetConnection: (id) => (id === 'target-1' ? target : undefined),
			tables: DEFAULT_TABLES,
		};
		const filled = { ...settings, targetConnectionId: 'target-1', mappingId: '0b090130b58b4819afc78b6dc98b484d' };

		it('keeps the names the e2e run rewrites: node "Settings" with platformUrl', () => {
			expect(settings.platformUrl).toBe('https://platform.adobe.io');
			expect(settings.flowSpecId).toBe(DATABASE_FLOW_SPEC_ID);
			expect(String(settings.targetConnectionId)).toMatch(/^FILL_IN/);
			expect(String(settings.mappingId)).toMatch(/^FILL_IN/);
		});

		it('chains Create (reuse) -> Get Table Schema (table from Settings)', () => {
			expect(node(wf, 'Create connection').parameters).toMatchObject({ operation: 'create', ifExists: 'reuse' });
			const schema = node(wf, 'Get table schema').parameters;
			expect(schema).toMatchObject({ operation: 'getTableSchema', connectionId: '={{ $json.id }}' });
			expect(evaluate(String(schema.tablePath), createOutput, { Settings: settings })).toBe('public.orders');
		});

		it('posts to the Flow Service URLs built from Settings.platformUrl', () => {
			const url = (name: string) => evaluate(String(node(wf, name).parameters.url), {}, { Settings: settings });
			expect(url('Create source connection')).toBe('https://platform.adobe.io/data/foundation/flowservice/sourceConnections');
			expect(url('Create dataflow')).toBe('https://platform.adobe.io/data/foundation/flowservice/flows');
		});

		it('builds a source connection body the emulator accepts', () => {
			const text = evaluate(String(node(wf, 'Create source connection').parameters.jsonBody), schemaOutput, {
				Settings: settings,
				'Create connection': createOutput,
			});
			const body = JSON.parse(text as string);
			expect(body).toMatchObject({ baseConnectionId: 'base-1', data: { format: 'tabular' }, params: { tableName: 'public.orders', columns } });
			expect(flowCode(() => validateSourceConnectionBody(body, lookups))).toBeUndefined();
		});

		it('builds a flow body the emulator accepts once the FILL_IN values are replaced, and not before', () => {
			const jsonBody = String(node(wf, 'Create dataflow').parameters.jsonBody);
			const body = (s: Record<string, unknown>) => JSON.parse(evaluate(jsonBody, { id: 'source-1', etag: '"s"' }, { Settings: s, 'Create connection': createOutput }) as string);

			const ok = body(filled);
			expect(ok).toMatchObject({
				flowSpec: { id: DATABASE_FLOW_SPEC_ID, version: '1.0' },
				sourceConnectionIds: ['source-1'],
				targetConnectionIds: ['target-1'],
				scheduleParams: { frequency: 'day', interval: 1 },
			});
			expect(Math.abs(ok.scheduleParams.startTime - Date.now() / 1000)).toBeLessThan(60);
			expect(flowCode(() => validateFlowBody(ok, lookups))).toBeUndefined();

			const once = body({ ...filled, scheduleFrequency: 'once' });
			expect(once.scheduleParams).not.toHaveProperty('interval');
			expect(flowCode(() => validateFlowBody(once, lookups))).toBeUndefined();

			expect(flowCode(() => validateFlowBody(body(settings), lookups))).toBe('1439-404'); // target still FILL_IN
			expect(flowCode(() => validateFlowBody(body({ ...settings, targetConnectionId: 'target-1' }), lookups))).toBe('1301-400'); // mapping still FILL_IN
		});
	});

	it('create-test-list-tables chains Create (reuse, Azure) -> Test -> List Tables by $json.id', () => {
		const wf = load('create-test-list-tables.json');
		expect(node(wf, 'Create connection').parameters).toMatchObject({ operation: 'create', ifExists: 'reuse', hosting: 'azure', port: 5439 });
		expect(node(wf, 'Test connection').parameters).toMatchObject({ operation: 'test', connectionId: '={{ $json.id }}' });
		expect(node(wf, 'List tables').parameters).toMatchObject({ operation: 'listTables', connectionId: '={{ $json.id }}' });
	});

	it('rotate-password filters by Settings.nameContains and updates with the etag it read', () => {
		const wf = load('rotate-password.json');
		expect(node(wf, 'Get many connections').parameters).toMatchObject({ operation: 'getAll', returnAll: true });
		const condition = (node(wf, 'Only matching names').parameters.conditions as { conditions: Array<Record<string, unknown>> }).conditions[0];
		expect(condition).toMatchObject({ leftValue: '={{ $json.name }}', operator: { type: 'string', operation: 'contains' } });
		expect(evaluate(String(condition.rightValue), {}, { Settings: settingsJson(wf) })).toBe('Redshift');
		const update = node(wf, 'Update password').parameters;
		expect(update).toMatchObject({ operation: 'update', connectionId: '={{ $json.id }}', etag: '={{ $json.etag }}' });
		expect(Object.keys(update.updateFields as object)).toEqual(['password']);
	});

	describe('the checks themselves', () => {
		// Guards against checks that cannot fail: each broken node below must be reported.
		const create = (parameters: Record<string, unknown>): WorkflowNode => ({
			id: '00000000-0000-4000-8000-000000000000',
			name: 'Broken',
			type: OUR_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { resource: 'baseConnection', operation: 'create', name: 'n', server: 's', port: 5439, username: 'u', password: 'FILL_IN', database: 'd', ...parameters },
		});

		it.each<[string, Record<string, unknown>, RegExp]>([
			['an unknown parameter', { colour: 'red' }, /colour: not a parameter/],
			['schema on Azure', { hosting: 'azure', schema: 'public' }, /schema: not shown/],
			['an unknown option value', { ifExists: 'replace' }, /ifExists: "replace" is not one of/],
			['an unknown collection option', { options: { retries: 3 } }, /options\.retries: not an option/],
			['a parameter of another operation', { tablePath: 'public.orders' }, /tablePath: not shown/],
			['a missing required parameter', { server: '' }, /server: required but empty/],
			['a string where a number belongs', { port: '5439' }, /port: must be a number/],
		])('reports %s', (_label, parameters, problem) => {
			expect(ourNodeProblems(create(parameters)).join('\n')).toMatch(problem);
		});

		it('accepts a valid node, and schema on AWS', () => {
			expect(ourNodeProblems(create({ hosting: 'aws', schema: 'public' }))).toEqual([]);
		});
	});
});
