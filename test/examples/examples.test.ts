/**
 * The example workflows in examples/ are importable, consistent and they work: n8n export shape,
 * unique names, connections and $('Node') references that resolve, our nodes' parameters as their
 * descriptions define them (n8n's own display rules, node version included), the credentials each
 * node shows and no other, placeholders instead of secrets, no HTTP Request node. Then every
 * example runs in n8n's engine (n8n-core WorkflowExecute) against the emulator, with its FILL_IN
 * values filled as the e2e fills them; the alert example is started by the trigger's engine poller.
 * (Running them in real n8n is test/e2e's job.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	NodeHelpers,
	type INode,
	type INodeCredentialDescription,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { commonPollingParameters } from 'n8n-core/dist/nodes-loader/constants';

import type { StartedEmulator } from '../emulator';
import {
	createPoller,
	runWorkflow,
	type RunResult,
	type WorkflowDefinition,
} from '../support/engine/harness';
import { LeakScanner } from '../support/engine/leaks';
import {
	CONNECTIONS_PATH,
	SEED_PASSWORD,
	credentialFor,
	jsonOf,
	redshiftSignInCredential,
	seedConnections,
	startTestEmulator,
} from '../support/engine/support';
import { AdobeExperiencePlatform } from '../../nodes/AdobeExperiencePlatform/AdobeExperiencePlatform.node';
import { AdobeExperiencePlatformTrigger } from '../../nodes/AdobeExperiencePlatformTrigger/AdobeExperiencePlatformTrigger.node';
import { AdobeRedshiftConnection } from '../../nodes/AdobeRedshiftConnection/AdobeRedshiftConnection.node';
import {
	EXAMPLES_DIR,
	EXAMPLE_CONNECTION_NAME,
	EXAMPLE_CREDENTIALS,
	EXAMPLE_DATAFLOW_NAME,
	exampleFiles,
	fillPlaceholders,
	readExample,
} from '../support/examples';
import { NODE_TYPE } from '../support/workflow';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STICKY = NODE_TYPE.stickyNote;
const TRIGGERS: ReadonlySet<string> = new Set([
	NODE_TYPE.manualTrigger,
	NODE_TYPE.adobeExperiencePlatformTrigger,
]);

/** Our node types, with the description of each version the examples may use. */
const OUR_NODES: Record<string, INodeType> = {
	[NODE_TYPE.adobeRedshiftConnection]: new AdobeRedshiftConnection(),
	[NODE_TYPE.adobeExperiencePlatform]: new AdobeExperiencePlatform(),
	[NODE_TYPE.adobeExperiencePlatformTrigger]: new AdobeExperiencePlatformTrigger(),
};
/** The version every example uses per node (the newest). */
const VERSIONS: Record<string, number> = {
	[NODE_TYPE.adobeRedshiftConnection]: 1.1,
	[NODE_TYPE.adobeExperiencePlatform]: 1.1,
	[NODE_TYPE.adobeExperiencePlatformTrigger]: 1.1,
};

/** Parameter names and versions of the n8n-nodes-base nodes we use, as their sources define them. */
const BASE_NODES: Record<string, { version: number; params: string[] }> = {
	[NODE_TYPE.manualTrigger]: { version: 1, params: [] },
	[STICKY]: { version: 1, params: ['content', 'height', 'width', 'color'] },
	[NODE_TYPE.set]: {
		version: 3.4,
		params: [
			'mode',
			'duplicateItem',
			'duplicateCount',
			'assignments',
			'includeOtherFields',
			'include',
			'includeFields',
			'excludeFields',
			'options',
		],
	},
	[NODE_TYPE.filter]: { version: 2, params: ['conditions', 'looseTypeValidation', 'options'] },
	[NODE_TYPE.noOp]: { version: 1, params: [] },
};

interface Workflow extends WorkflowDefinition {
	name: string;
	nodes: INode[];
	settings: Record<string, unknown>;
	pinData: Record<string, unknown>;
}
interface Assignment {
	id: string;
	name: string;
	value: unknown;
	type: string;
}

const files = exampleFiles();
const load = (file: string) => readExample<Workflow>(file);
const isExpression = (value: unknown): value is string =>
	typeof value === 'string' && value.startsWith('=');

function assignments(n: INode): Assignment[] {
	return (
		(n.parameters.assignments as { assignments?: Assignment[] } | undefined)?.assignments ?? []
	);
}

/** Sets (in place) the value of one assignment of a Set node. */
function setAssignment(wf: Workflow, node: string, name: string, value: string): void {
	const found = assignments(wf.nodes.find((n) => n.name === node)!).find((a) => a.name === name);
	if (!found) throw new Error(`${node} has no assignment ${name}`);
	found.value = value;
}

/** Every string in a value, with its path. */
function strings(value: unknown, path = ''): Array<[string, string]> {
	if (typeof value === 'string') return [[path, value]];
	if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
	if (value && typeof value === 'object')
		return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
	return [];
}

/** Names of the nodes upstream of `name`. */
function ancestors(wf: Workflow, name: string): Set<string> {
	const parents = (child: string) =>
		Object.entries(wf.connections)
			.filter(([, outputs]) =>
				Object.values(outputs).some((groups) =>
					groups.some((g) => (g ?? []).some((c) => c.node === child)),
				),
			)
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

// --- our nodes' descriptions --------------------------------------------------------------------

function checkValue(prop: INodeProperties, value: unknown, where: string): string[] {
	if (isExpression(value)) return [];
	const problems: string[] = [];
	switch (prop.type) {
		case 'options': {
			const allowed = ((prop.options ?? []) as INodePropertyOptions[]).map((o) => o.value);
			// An empty string is the "none chosen" value of a loadOptions dropdown.
			if (
				!allowed.includes(value as string) &&
				!(prop.typeOptions?.loadOptionsMethod && typeof value === 'string')
			) {
				problems.push(`${where}: ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
			}
			break;
		}
		case 'collection': {
			if (!value || typeof value !== 'object' || Array.isArray(value))
				return [`${where}: must be an object`];
			const options = (prop.options ?? []) as INodeProperties[];
			for (const [key, v] of Object.entries(value)) {
				const option = options.find((o) => o.name === key);
				if (!option) problems.push(`${where}.${key}: not an option of "${prop.displayName}"`);
				else problems.push(...checkValue(option, v, `${where}.${key}`));
			}
			break;
		}
		case 'resourceLocator': {
			const rl = value as { __rl?: unknown; mode?: unknown; value?: unknown } | null;
			const modes = (prop.modes ?? []).map((m) => m.name);
			if (!rl || rl.__rl !== true || typeof rl.value !== 'string')
				problems.push(`${where}: must be a resourceLocator value {__rl: true, mode, value}`);
			else if (!modes.includes(rl.mode as string))
				problems.push(
					`${where}: mode ${JSON.stringify(rl.mode)} is not one of ${modes.join(', ')}`,
				);
			break;
		}
		case 'number':
			if (typeof value !== 'number') problems.push(`${where}: must be a number`);
			break;
		case 'boolean':
			if (typeof value !== 'boolean') problems.push(`${where}: must be a boolean`);
			break;
		case 'string':
		case 'dateTime':
			if (typeof value !== 'string') problems.push(`${where}: must be a string`);
			break;
		default:
			break;
	}
	return problems;
}

/** Problems with one of our nodes, measured against its description with n8n's own display rules. */
function ourNodeProblems(n: INode): string[] {
	const nodeType = OUR_NODES[n.type];
	if (!nodeType) return [`${n.name}: ${n.type} is not one of our nodes`];
	const description: INodeTypeDescription = nodeType.description;
	const problems: string[] = [];
	const expected = VERSIONS[n.type];
	if (n.typeVersion !== expected)
		problems.push(`${n.name}: version ${n.typeVersion}, expected ${expected}`);
	// n8n's node loader adds Poll Times to every polling node, as here.
	const properties = description.polling
		? [...commonPollingParameters, ...description.properties]
		: description.properties;
	// What n8n holds for the node: the stored values over the version's defaults.
	const values =
		NodeHelpers.getNodeParameters(properties, n.parameters, true, false, n, description) ?? {};
	const shown = (prop: INodeProperties | INodeCredentialDescription) =>
		NodeHelpers.displayParameter(values, prop, n, description);
	for (const [key, value] of Object.entries(n.parameters)) {
		const candidates = properties.filter((p) => p.name === key);
		if (candidates.length === 0) {
			problems.push(`${n.name}.${key}: not a parameter of the node`);
			continue;
		}
		const visible = candidates.find(shown);
		if (!visible) problems.push(`${n.name}.${key}: not shown for this resource/operation/version`);
		else problems.push(...checkValue(visible, value, `${n.name}.${key}`));
	}
	for (const prop of properties.filter((p) => p.required && shown(p))) {
		const value = values[prop.name] as unknown;
		const empty =
			value === undefined ||
			value === '' ||
			(prop.type === 'resourceLocator' && (value as { value?: unknown }).value === '');
		if (empty) problems.push(`${n.name}.${prop.name}: required but empty`);
	}
	const credentials = (description.credentials ?? [])
		.filter(shown)
		.map((c) => c.name)
		.sort();
	const carried = Object.keys(n.credentials ?? {}).sort();
	if (JSON.stringify(credentials) !== JSON.stringify(carried))
		problems.push(
			`${n.name}: credentials ${carried.join(', ')}; the node shows ${credentials.join(', ')}`,
		);
	for (const [type, ref] of Object.entries(n.credentials ?? {})) {
		const expectedRef = EXAMPLE_CREDENTIALS[type as keyof typeof EXAMPLE_CREDENTIALS];
		if (JSON.stringify(ref) !== JSON.stringify(expectedRef))
			problems.push(
				`${n.name}: credential ${type} is ${JSON.stringify(ref)}, expected ${JSON.stringify(expectedRef)}`,
			);
	}
	return problems;
}

// --- static checks ----------------------------------------------------------------------------

describe('example workflows (static)', () => {
	it('are the ten documented ones, each in both READMEs', () => {
		expect(files).toEqual([
			'alert-on-failed-runs.json',
			'aws-table-to-dataset.json',
			'create-test-list-tables.json',
			'onboard-schema-tables.json',
			'pause-resume-dataflows.json',
			'retry-failed-runs.json',
			'rotate-password.json',
			'table-to-dataset-step-by-step.json',
			'table-to-dataset.json',
			'teardown-chain.json',
		]);
		const main = readFileSync(join(EXAMPLES_DIR, '..', 'README.md'), 'utf8');
		for (const file of files) expect([file, main.includes(file)]).toEqual([file, true]);
		const readme = readExampleReadme();
		for (const file of files) expect(readme).toContain(file);
		expect(readme).toContain('n8n import:workflow --separate --input=');
		expect(readme).toContain('Import from File');
		expect(readme).not.toMatch(/create-to-dataflow|jsonBody|POST \//);
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
				expect(n.position).toEqual([expect.any(Number), expect.any(Number)]);
				expect(n.parameters).toEqual(expect.any(Object));
			}
		});

		it('has unique node names and ids', () => {
			expect(new Set(names).size).toBe(names.length);
			expect(new Set(wf.nodes.map((n) => n.id)).size).toBe(wf.nodes.length);
		});

		it('connects existing nodes only, and every node runs from the one trigger', () => {
			for (const [source, outputs] of Object.entries(wf.connections)) {
				expect(names).toContain(source);
				for (const groups of Object.values(outputs)) {
					for (const c of groups.flat()) {
						expect(names).toContain(c?.node);
						expect(c).toEqual({ node: c?.node, type: 'main', index: 0 });
					}
				}
			}
			const triggers = wf.nodes.filter((n) => TRIGGERS.has(n.type));
			expect(triggers).toHaveLength(1);
			for (const n of wf.nodes.filter((x) => x.type !== STICKY && !TRIGGERS.has(x.type))) {
				expect([n.name, ancestors(wf, n.name).has(triggers[0].name)]).toEqual([n.name, true]);
			}
		});

		it("refers with $('Node') only to nodes that ran before", () => {
			for (const n of wf.nodes) {
				for (const [path, value] of strings(n.parameters)) {
					if (!isExpression(value)) continue;
					for (const [, ref] of value.matchAll(/\$\('([^']+)'\)/g)) {
						expect([n.name, path, ref, ancestors(wf, n.name).has(ref)]).toEqual([
							n.name,
							path,
							ref,
							true,
						]);
					}
				}
			}
		});

		it('uses no HTTP Request node, and node types, versions, parameters and credentials that exist', () => {
			for (const n of wf.nodes) {
				if (OUR_NODES[n.type]) {
					expect(ourNodeProblems(n)).toEqual([]);
					continue;
				}
				const base = BASE_NODES[n.type];
				expect([n.name, n.type, base !== undefined]).toEqual([n.name, n.type, true]);
				expect([n.name, n.typeVersion]).toEqual([n.name, base.version]);
				expect([n.name, Object.keys(n.parameters).filter((k) => !base.params.includes(k))]).toEqual(
					[n.name, []],
				);
				expect([n.name, n.credentials]).toEqual([n.name, undefined]);
			}
		});

		it('shapes Set and Filter parameters the way their node versions read them', () => {
			for (const n of wf.nodes.filter((x) => x.type === NODE_TYPE.set)) {
				const list = assignments(n);
				expect(list.length).toBeGreaterThan(0);
				for (const a of list) {
					expect(a).toEqual({
						id: expect.stringMatching(UUID),
						name: expect.any(String),
						value: a.value,
						type: expect.stringMatching(/^(string|number|boolean|array|object)$/),
					});
				}
				expect(new Set(list.map((a) => a.name)).size).toBe(list.length);
			}
			for (const n of wf.nodes.filter((x) => x.type === NODE_TYPE.filter)) {
				const c = n.parameters.conditions as {
					options: Record<string, unknown>;
					conditions: Array<Record<string, unknown>>;
					combinator: string;
				};
				expect(c.combinator).toMatch(/^(and|or)$/);
				expect(c.options).toEqual({
					caseSensitive: expect.any(Boolean),
					leftValue: '',
					typeValidation: expect.stringMatching(/^(strict|loose)$/),
				});
				// Filter 2 computes caseSensitive from options.ignoreCase (default true): keep both in step.
				const ignoreCase =
					(n.parameters.options as { ignoreCase?: boolean } | undefined)?.ignoreCase ?? true;
				expect(c.options.caseSensitive).toBe(!ignoreCase);
				for (const cond of c.conditions) {
					expect(cond).toEqual({
						id: expect.stringMatching(UUID),
						leftValue: expect.any(String),
						rightValue: expect.any(String),
						operator: { type: 'string', operation: expect.any(String) },
					});
				}
			}
		});

		it('holds no secrets: no password field at all (the Redshift Sign-In credential holds it), nothing that looks like a token or key', () => {
			for (const n of wf.nodes) {
				for (const [path] of strings(n.parameters))
					expect([n.name, path]).not.toEqual([
						n.name,
						expect.stringMatching(/password|secret|token|apikey/i),
					]);
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
				for (const pattern of looksSecret)
					expect([path, pattern.test(value)]).toEqual([path, false]);
			}
		});

		it('mentions every FILL_IN value and every credential in a sticky note', () => {
			const notes = wf.nodes
				.filter((n) => n.type === STICKY)
				.map((n) => String(n.parameters.content))
				.join('\n');
			expect(notes).toMatch(/fill in/i);
			for (const n of wf.nodes) {
				for (const [, value] of strings(n.parameters))
					if (value.startsWith('FILL_IN')) expect(notes).toContain(value);
				for (const ref of Object.values(n.credentials ?? {})) expect(notes).toContain(ref.name);
			}
		});
	});

	describe('the checks themselves', () => {
		// Guards against checks that cannot fail: each broken node below must be reported.
		const base = (parameters: INodeParameters, extra: Partial<INode> = {}): INode => ({
			id: '00000000-0000-4000-8000-000000000000',
			name: 'Broken',
			type: NODE_TYPE.adobeRedshiftConnection,
			typeVersion: 1.1,
			position: [0, 0],
			parameters: { resource: 'baseConnection', operation: 'create', name: 'n', ...parameters },
			credentials: { ...EXAMPLE_CREDENTIALS },
			...extra,
		});

		it.each<[string, INode, RegExp]>([
			['an unknown parameter', base({ colour: 'red' }), /colour: not a parameter/],
			['schema on Azure', base({ hosting: 'azure', schema: 'public' }), /schema: not shown/],
			[
				'Fields-mode sign-in on a 1.1 node that reads the credential',
				base({ server: 's' }),
				/server: not shown/,
			],
			[
				'an unknown option value',
				base({ ifExists: 'replace' }),
				/ifExists: "replace" is not one of/,
			],
			[
				'an unknown collection option',
				base({ options: { retries: 3 } }),
				/options\.retries: not an option/,
			],
			[
				'a parameter of another operation',
				base({ tablePath: 'public.orders' }),
				/tablePath: not shown/,
			],
			['a missing required parameter', base({ name: '' }), /name: required but empty/],
			[
				'a plain string where a picker belongs',
				base({ operation: 'test', connectionId: 'x' }),
				/connectionId: must be a resourceLocator/,
			],
			[
				'a picker mode the field lacks',
				base({ operation: 'test', connectionId: { __rl: true, mode: 'url', value: 'x' } }),
				/connectionId: mode "url"/,
			],
			['an old version', base({}, { typeVersion: 1 }), /version 1, expected 1.1/],
			[
				'a missing Sign-In credential',
				base(
					{},
					{
						credentials: {
							adobeExperiencePlatformApi: EXAMPLE_CREDENTIALS.adobeExperiencePlatformApi,
						},
					},
				),
				/the node shows/,
			],
			[
				'a Sign-In credential the operation does not use',
				base({ operation: 'test', connectionId: { __rl: true, mode: 'id', value: 'x' } }),
				/the node shows/,
			],
		])('reports %s', (_label, broken, problem) => {
			expect(ourNodeProblems(broken).join('\n')).toMatch(problem);
		});

		it('accepts a valid node, and schema on AWS', () => {
			expect(ourNodeProblems(base({ hosting: 'aws', schema: 'public' }))).toEqual([]);
		});
	});
});

function readExampleReadme(): string {
	return readFileSync(join(EXAMPLES_DIR, 'README.md'), 'utf8');
}

// --- the examples run in n8n's engine against the emulator ----------------------------------------

const SIGN_IN = {
	server: 'examples.abc123xyz789.us-west-2.redshift.amazonaws.com',
	port: 5439,
	username: 'examples_reader',
	password: 'examples-sign-in-Passw0rd-42',
	database: 'dev',
};

describe('example workflows (run in n8n-core against the emulator)', () => {
	let emu: StartedEmulator;
	const leaks = new LeakScanner();
	const runs: RunResult[] = [];

	beforeEach(async () => {
		emu = await startTestEmulator({ hosting: 'any' });
	});
	afterEach(async () => {
		for (const [i, result] of runs.entries()) leaks.addRun(`example run ${i + 1}`, result);
		runs.length = 0;
		leaks.addSecret('Redshift Sign-In password', SIGN_IN.password);
		leaks.addEmulatorSecrets(emu);
		await emu.close();
		leaks.expectNoLeaks();
	});

	/** The example with its placeholders filled for this emulator (as the e2e does). */
	const prepared = (file: string): Workflow => {
		const wf = load(file);
		expect(fillPlaceholders(wf.nodes, emu)).toEqual([]);
		return wf;
	};
	/** Our credentials, stored under the references the examples carry. */
	const credentials = () => [
		{ ...credentialFor(emu), ...EXAMPLE_CREDENTIALS.adobeExperiencePlatformApi },
		{ ...redshiftSignInCredential(SIGN_IN), ...EXAMPLE_CREDENTIALS.aepRedshiftSignInApi },
	];
	const run = async (wf: WorkflowDefinition, options: Parameters<typeof runWorkflow>[1] = {}) => {
		const result = await runWorkflow(wf, { credentials: credentials(), ...options });
		runs.push(result);
		expect(result.error).toBeUndefined();
		return result;
	};
	const counts = () => ({
		connections: emu.connections().length,
		sourceConnections: emu.sourceConnections().length,
		targetConnections: emu.targetConnections().length,
		mappingSets: emu.mappingSets().length,
		flows: emu.flows().length,
	});
	/** One of each object of the dataflow chain. */
	const ONE_CHAIN = {
		connections: 1,
		sourceConnections: 1,
		targetConnections: 1,
		mappingSets: 1,
		flows: 1,
	};

	it('create-test-list-tables: creates the connection from the Sign-In credential, tests it, lists its tables; a re-run reuses it', async () => {
		const wf = prepared('create-test-list-tables.json');
		const first = await run(wf);
		const [created] = jsonOf(first.outputOf('Create connection'));
		expect(emu.connections()).toHaveLength(1);
		expect(emu.connections()[0].auth.params).toMatchObject({
			server: SIGN_IN.server,
			username: SIGN_IN.username,
			database: SIGN_IN.database,
			port: '5439',
		});
		expect(jsonOf(first.outputOf('Test connection'))).toEqual([
			expect.objectContaining({ ok: true }),
		]);
		expect(jsonOf(first.outputOf('List tables')).map((t) => t.path)).toEqual([
			'public.orders',
			'public.customers',
			'sales.line_items',
		]);

		const second = await run(wf);
		expect(jsonOf(second.outputOf('Create connection'))).toEqual([
			expect.objectContaining({ id: created.id, reused: true }),
		]);
		expect(emu.connections()).toHaveLength(1);
	});

	it('rotate-password: sends the Sign-In credential to the chosen connection only (exact name, or ID), with the etag it read', async () => {
		const [chosen, other, longer] = await seedConnections(emu, [
			EXAMPLE_CONNECTION_NAME,
			'Warehouse of another team',
			`${EXAMPLE_CONNECTION_NAME} (staging)`,
		]);
		await run(prepared('rotate-password.json'));
		const patches = () => emu.requests().filter((r) => r.method === 'PATCH');
		expect(patches().map((r) => r.path)).toEqual([`${CONNECTIONS_PATH}/${chosen}`]);
		expect(patches()[0].headers['if-match']).toMatch(/^".+"$/);
		const password = (id: string) =>
			emu.connections().find((c) => c.id === id)?.auth.params.password;
		expect([chosen, other, longer].map(password)).toEqual([
			SIGN_IN.password,
			SEED_PASSWORD,
			SEED_PASSWORD,
		]);

		// By ID: the connection whose name merely contains the other's.
		const byId = load('rotate-password.json');
		setAssignment(byId, 'Settings', 'connection', longer);
		await run(byId);
		expect(patches().map((r) => r.path)).toEqual([
			`${CONNECTIONS_PATH}/${chosen}`,
			`${CONNECTIONS_PATH}/${longer}`,
		]);
		expect(password(other)).toBe(SEED_PASSWORD);
	});

	it('rotate-password as shipped (FILL_IN unfilled) matches no connection and changes nothing', async () => {
		await seedConnections(emu, ['Redshift orders warehouse', 'Redshift sales', 'FILL_IN']);
		const result = await run(load('rotate-password.json'));
		expect(result.outputOf('Update sign-in')).toEqual([]);
		expect(emu.requests().filter((r) => !['GET', 'POST'].includes(r.method))).toEqual([]);
		expect(emu.connections().map((c) => c.auth.params.password)).toEqual([
			SEED_PASSWORD,
			SEED_PASSWORD,
			SEED_PASSWORD,
		]);
	});

	it('aws-table-to-dataset: an AWS base connection with its schema, then Create From Table; a re-run creates nothing', async () => {
		const wf = prepared('aws-table-to-dataset.json');
		const first = await run(wf);
		const [out] = jsonOf(first.outputOf('Create dataflow from table'));
		expect(emu.connections()).toHaveLength(1);
		expect(emu.connections()[0].auth.params).toMatchObject({ schema: 'public' });
		expect(out).toMatchObject({ tableName: 'public.orders', reused: false });
		expect(counts()).toEqual(ONE_CHAIN);
		expect(emu.flows()[0]).toMatchObject({ id: out.dataflowId, name: EXAMPLE_DATAFLOW_NAME });

		await run(wf);
		expect(counts()).toEqual(ONE_CHAIN);
	});

	it('pause-resume-dataflows: disables, then enables the named dataflow only; unfilled, it touches none', async () => {
		await run(prepared('aws-table-to-dataset.json'));
		await run(prepared('table-to-dataset.json'));
		const actions = () =>
			emu.requests().filter((r) => r.method === 'POST' && r.path.includes('/action'));
		await run(load('pause-resume-dataflows.json'));
		expect(actions()).toEqual([]);

		const result = await run(prepared('pause-resume-dataflows.json'));
		const named = emu.flows().find((f) => f.name === EXAMPLE_DATAFLOW_NAME);
		expect(jsonOf(result.outputOf('Pause dataflow'))).toEqual([
			expect.objectContaining({ id: named?.id, state: 'disabled' }),
		]);
		expect(jsonOf(result.outputOf('Resume dataflow'))).toEqual([
			expect.objectContaining({ id: named?.id, state: 'enabled' }),
		]);
		expect(emu.flows().map((f) => f.state)).toEqual(['enabled', 'enabled']);
		expect(actions().map((r) => r.path.split('/').at(-2))).toEqual([named?.id, named?.id]);
	});

	it('teardown-chain: deletes the named dataflow, then its source and target connections; the other chain stays; unfilled, it deletes nothing', async () => {
		await run(prepared('aws-table-to-dataset.json'));
		await run(prepared('table-to-dataset.json'));
		const named = emu.flows().find((f) => f.name === EXAMPLE_DATAFLOW_NAME);
		const kept = emu.flows().find((f) => f.name !== EXAMPLE_DATAFLOW_NAME);
		const deletes = () => emu.requests().filter((r) => r.method === 'DELETE');
		await run(load('teardown-chain.json'));
		expect(deletes()).toEqual([]);

		const result = await run(prepared('teardown-chain.json'));
		expect(deletes().map((r) => r.path.split('/').slice(-2).join('/'))).toEqual([
			`flows/${named?.id}`,
			`sourceConnections/${named?.sourceConnectionIds[0]}`,
			`targetConnections/${named?.targetConnectionIds[0]}`,
		]);
		expect(jsonOf(result.outputOf('Delete target connection'))).toEqual([
			expect.objectContaining({ id: named?.targetConnectionIds[0], deleted: true }),
		]);
		expect(emu.flows().map((f) => f.id)).toEqual([kept?.id]);
		expect(emu.sourceConnections().map((c) => c.id)).toEqual(kept?.sourceConnectionIds);
		expect(emu.targetConnections().map((c) => c.id)).toEqual(kept?.targetConnectionIds);
		expect(emu.connections()).toHaveLength(2);
	});

	it('table-to-dataset: Create From Table makes source, target, mapping set and dataflow; a re-run creates nothing', async () => {
		const wf = prepared('table-to-dataset.json');
		const first = await run(wf);
		const [out] = jsonOf(first.outputOf('Create dataflow from table'));
		expect(out).toMatchObject({
			dataflowId: expect.any(String),
			sourceConnectionId: expect.any(String),
			targetConnectionId: expect.any(String),
			mappingSetId: expect.any(String),
			tableName: 'public.orders',
			reused: false,
		});
		expect(counts()).toEqual(ONE_CHAIN);
		expect(emu.flows()[0]).toMatchObject({
			id: out.dataflowId,
			scheduleParams: expect.objectContaining({ frequency: 'hour', interval: 1 }),
		});

		const second = await run(wf);
		expect(jsonOf(second.outputOf('Create dataflow from table'))).toEqual([
			expect.objectContaining({ dataflowId: out.dataflowId, reused: true, created: [] }),
		]);
		expect(counts()).toEqual(ONE_CHAIN);
	});

	it('table-to-dataset-step-by-step: one node per resource, then Run Now starts a run; a re-run creates no resource', async () => {
		const wf = prepared('table-to-dataset-step-by-step.json');
		const first = await run(wf);
		const [flow] = jsonOf(first.outputOf('Create dataflow'));
		const [started] = jsonOf(first.outputOf('Run now'));
		expect(started).toMatchObject({ id: expect.any(String), flowId: flow.id });
		expect(counts()).toEqual(ONE_CHAIN);
		expect(emu.datasets()).toHaveLength(1);
		expect(emu.runs().map((r) => r.id)).toContain(started.id);

		await run(wf);
		expect(counts()).toEqual(ONE_CHAIN);
		expect(emu.datasets()).toHaveLength(1);
	});

	it('onboard-schema-tables: one dataflow per table of the schema, 4 at a time; a re-run creates nothing', async () => {
		const wf = prepared('onboard-schema-tables.json');
		const first = await run(wf);
		const out = jsonOf(first.outputOf('Create dataflow per table'));
		expect(out.map((o) => o.tableName)).toEqual(['public.orders', 'public.customers']);
		expect(out.every((o) => o.reused === false)).toBe(true);
		expect(counts()).toMatchObject({
			connections: 1,
			sourceConnections: 2,
			mappingSets: 2,
			flows: 2,
		});
		const before = counts();
		const posts = () =>
			emu.requests().filter((r) => r.method === 'POST' && !r.path.startsWith('/ims/')).length;
		const postsBefore = posts();

		const second = await run(wf);
		const again = jsonOf(second.outputOf('Create dataflow per table'));
		expect(again.map((o) => [o.tableName, o.dataflowId, o.reused, o.created])).toEqual(
			out.map((o) => [o.tableName, o.dataflowId, true, []]),
		);
		expect(counts()).toEqual(before);
		expect(posts() - postsBefore).toBe(0);
	});

	it('alert-on-failed-runs: the trigger fires once for a run the emulator finishes as failed, and the alert text names the dataflow', async () => {
		await run(prepared('table-to-dataset.json'));
		const [flow] = emu.flows();
		const wf = prepared('alert-on-failed-runs.json');
		const poller = createPoller(wf, 'Failed run', { credentials: credentials() });
		expect((await poller.poll()).emitted).toEqual([]); // activation: starts from now

		const { id: runId } = emu.startRun(flow.id);
		emu.finishRun(runId, {
			status: 'failed',
			inputRecordCount: 10,
			failedRecordCount: 10,
			errors: [{ code: 'CONNECTOR-2001-500', message: 'Copy failed' }],
		});
		const fired = await poller.poll();
		expect(fired.error).toBeUndefined();
		expect(fired.emitted.map((i) => i.json.runId)).toEqual([runId]);
		expect((await poller.poll()).emitted).toEqual([]); // each run fires once
		leaks.addText('trigger polls', poller.history);

		const alert = await run(wf, { triggeredBy: { node: 'Failed run', items: fired.emitted } });
		const [message] = jsonOf(alert.outputOf('Send alert (replace with Slack/e-mail)'));
		expect(message.subject).toBe(`Experience Platform: dataflow "${flow.name}" failed`);
		expect(message.text).toContain(
			`Run ${runId} of dataflow "${flow.name}" (${flow.id}, sandbox prod) failed`,
		);
		expect(message.text).toContain('Records: 10 read, 0 written, 10 failed.');
		expect(message.text).toContain('CONNECTOR-2001-500: Copy failed');
	});

	it('retry-failed-runs: the trigger fires once for a failed run and Flow Run › Retry starts it again', async () => {
		await run(prepared('table-to-dataset.json'));
		const [flow] = emu.flows();
		const wf = prepared('retry-failed-runs.json');
		const poller = createPoller(wf, 'Failed run', { credentials: credentials() });
		expect((await poller.poll()).emitted).toEqual([]);

		const { id: runId } = emu.startRun(flow.id);
		emu.finishRun(runId, {
			status: 'failed',
			errors: [{ code: 'CONNECTOR-2001-500', message: 'x' }],
		});
		const fired = await poller.poll();
		expect(fired.emitted.map((i) => i.json.runId)).toEqual([runId]);
		leaks.addText('trigger polls', poller.history);

		const retried = await run(wf, { triggeredBy: { node: 'Failed run', items: fired.emitted } });
		const [out] = jsonOf(retried.outputOf('Retry run'));
		expect(out).toMatchObject({ id: expect.any(String), retryOf: runId });
		expect(out.id).not.toBe(runId);
		expect(emu.runs().map((r) => r.id)).toContain(out.id);
	});
});
