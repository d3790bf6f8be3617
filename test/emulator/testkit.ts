/** Small HTTP client helpers for the emulator's own tests (global fetch, no axios). */
import {
	DATABASE_FLOW_SPEC_ID,
	EMULATOR_DEFAULTS,
	FLOW_SERVICE_PREFIX,
	REDSHIFT_CONNECTION_SPEC_ID,
} from './core/defaults';
import { startEmulator } from './core/server';
import type { EmulatorOptions, StartedEmulator } from './core/types';

export interface CallResult {
	status: number;
	headers: Headers;
	text: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	json: any;
}

export interface CallOptions {
	headers?: Record<string, string>;
	/** A string is sent verbatim; anything else is JSON-encoded. */
	body?: unknown;
	signal?: AbortSignal;
}

export async function call(
	emu: StartedEmulator,
	method: string,
	path: string,
	options: CallOptions = {},
): Promise<CallResult> {
	const res = await fetch(`${emu.baseUrl}${path}`, {
		method,
		headers: options.headers,
		body:
			options.body === undefined
				? undefined
				: typeof options.body === 'string'
					? options.body
					: JSON.stringify(options.body),
		signal: options.signal,
	});
	const text = await res.text();
	let parsed: unknown;
	try {
		parsed = text === '' ? undefined : JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	return { status: res.status, headers: res.headers, text, json: parsed };
}

export function tokenForm(overrides: Record<string, string | undefined> = {}): string {
	const fields: Record<string, string | undefined> = {
		grant_type: 'client_credentials',
		client_id: EMULATOR_DEFAULTS.clientId,
		client_secret: EMULATOR_DEFAULTS.clientSecret,
		scope: EMULATOR_DEFAULTS.scopes,
		...overrides,
	};
	const form = new URLSearchParams();
	for (const [k, v] of Object.entries(fields)) if (v !== undefined) form.append(k, v);
	return form.toString();
}

export async function getToken(emu: StartedEmulator): Promise<string> {
	const res = await call(emu, 'POST', '/ims/token/v3', {
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: tokenForm({
			client_id: emu.options.clientId,
			client_secret: emu.options.clientSecret,
			scope: emu.options.scopes,
		}),
	});
	if (res.status !== 200) throw new Error(`token request failed: ${res.status}`);
	return res.json.access_token as string;
}

export function platformHeaders(
	emu: StartedEmulator,
	token: string,
	sandbox = 'prod',
): Record<string, string> {
	return {
		authorization: `Bearer ${token}`,
		'x-api-key': emu.options.clientId,
		'x-gw-ims-org-id': emu.options.orgId,
		'x-sandbox-name': sandbox,
	};
}

export function jsonHeaders(
	emu: StartedEmulator,
	token: string,
	sandbox = 'prod',
): Record<string, string> {
	return { ...platformHeaders(emu, token, sandbox), 'content-type': 'application/json' };
}

export const CONNECTIONS = '/data/foundation/flowservice/connections';

export function redshiftBody(
	params: Record<string, unknown> = {},
	top: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		name: 'Redshift orders',
		description: 'orders warehouse',
		auth: {
			specName: 'Basic Authentication',
			params: {
				server: 'examplecluster.abc123.us-west-2.redshift.amazonaws.com',
				port: '5439',
				username: 'ingest',
				password: 'Sup3r-Secret!',
				database: 'dev',
				...params,
			},
		},
		connectionSpec: { id: REDSHIFT_CONNECTION_SPEC_ID, version: '1.0' },
		...top,
	};
}

/**
 * A Platform call straight to the emulator (test set-up only; the node is not involved), with
 * `token` or a new one; throws on an answer other than 2xx.
 */
export async function directCall(
	emu: StartedEmulator,
	method: string,
	path: string,
	body?: unknown,
	{ sandbox = 'prod', token }: { sandbox?: string; token?: string } = {},
): Promise<CallResult> {
	const bearer = token ?? (await getToken(emu));
	const res = await call(emu, method, path, {
		headers:
			body === undefined
				? platformHeaders(emu, bearer, sandbox)
				: jsonHeaders(emu, bearer, sandbox),
		body,
	});
	if (res.status < 200 || res.status > 299)
		throw new Error(`Set-up ${method} ${path} failed: HTTP ${res.status} ${res.text}`);
	return res;
}

/**
 * Creates Redshift base connections straight through the emulator's API (one token for all), in
 * order, each with `bodyOf(name)`; returns their IDs.
 */
export async function seedConnections(
	emu: StartedEmulator,
	names: string[],
	bodyOf: (name: string) => unknown = (name) => redshiftBody({}, { name }),
	sandbox = 'prod',
): Promise<string[]> {
	const token = await getToken(emu);
	const ids: string[] = [];
	for (const name of names)
		ids.push(
			(await directCall(emu, 'POST', CONNECTIONS, bodyOf(name), { sandbox, token })).json.id,
		);
	return ids;
}

export interface RequestOptions {
	/** Default "prod". */
	sandbox?: string;
	/** Added to (or replacing) the gateway headers, e.g. `if-match`; `undefined` leaves a header out. */
	headers?: Record<string, string | undefined>;
}

export interface Harness {
	emu: StartedEmulator;
	token: string;
	/** POST a body to /connections in a sandbox; returns the parsed result. */
	create(body?: unknown, sandbox?: string): Promise<CallResult>;
	/** A Platform request with the harness's token and the gateway headers; a body adds the JSON content type. */
	request(
		method: string,
		path: string,
		body?: unknown,
		options?: RequestOptions,
	): Promise<CallResult>;
	get(path: string, sandbox?: string): Promise<CallResult>;
	post(path: string, body: unknown, sandbox?: string): Promise<CallResult>;
	/** `request` to a path under /data/foundation/flowservice (`path` starts with "/"). */
	flowService(
		method: string,
		path: string,
		body?: unknown,
		options?: RequestOptions,
	): Promise<CallResult>;
	/** A call of the emulator's own `/__emulator/<name>` controls (no gateway headers). */
	control(method: string, name: string, body?: unknown): Promise<CallResult>;
}

function definedOnly(headers: Record<string, string | undefined>): Record<string, string> {
	return Object.fromEntries(
		Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined),
	);
}

export async function startHarness(options?: EmulatorOptions): Promise<Harness> {
	const emu = await startEmulator(options);
	// Requests read `harness.token`, so a test may replace it (e.g. after emu.reset()).
	const request: Harness['request'] = (method, path, body, { sandbox = 'prod', headers } = {}) =>
		call(emu, method, path, {
			headers: definedOnly({
				...(body === undefined
					? platformHeaders(emu, harness.token, sandbox)
					: jsonHeaders(emu, harness.token, sandbox)),
				...headers,
			}),
			body,
		});
	const harness: Harness = {
		emu,
		token: await getToken(emu),
		create: (body = redshiftBody(), sandbox = 'prod') =>
			request('POST', CONNECTIONS, body, { sandbox }),
		request,
		get: (path, sandbox) => request('GET', path, undefined, { sandbox }),
		post: (path, body, sandbox) => request('POST', path, body, { sandbox }),
		flowService: (method, path, body, options) =>
			request(method, `${FLOW_SERVICE_PREFIX}${path}`, body, options),
		control: (method, name, body) =>
			call(emu, method, `/__emulator/${name}`, {
				headers: { 'content-type': 'application/json' },
				body,
			}),
	};
	return harness;
}

/**
 * A harness (emulator `options`) for the calling block: a fresh one for each test (`per: 'test'`,
 * the default) or one for all its tests (`'file'`), closed after. The returned Harness forwards to the current one, so
 * a block writes `const h = useHarness()` and uses `h` inside its tests and hooks.
 */
export function useHarness({
	per = 'test',
	...options
}: EmulatorOptions & { per?: 'file' | 'test' } = {}): Harness {
	let current: Harness | undefined;
	const now = (): Harness => {
		if (!current) throw new Error('The harness runs only inside a test or a hook');
		return current;
	};
	(per === 'file' ? beforeAll : beforeEach)(async () => {
		current = await startHarness(options);
	});
	(per === 'file' ? afterAll : afterEach)(async () => await current?.emu.close());
	return {
		get emu() {
			return now().emu;
		},
		get token() {
			return now().token;
		},
		set token(token) {
			now().token = token;
		},
		create: (...args) => now().create(...args),
		request: (...args) => now().request(...args),
		get: (...args) => now().get(...args),
		post: (...args) => now().post(...args),
		flowService: (...args) => now().flowService(...args),
		control: (...args) => now().control(...args),
	};
}

/** A `property=` filter of a Flow Service list, URL-encoded. */
export const property = (expression: string): string =>
	`property=${encodeURIComponent(expression)}`;

/** The ID of what a 201 answer created (the test fails on another status). */
function createdId(res: CallResult): string {
	expect(res.status).toBe(201);
	return res.json.id as string;
}

/** public.orders columns for a source connection; `ordered_at` serves as a Copy step's delta column. */
export const ORDER_COLUMNS = [
	{ name: 'order_id', type: 'string', xdm: { type: 'string' } },
	{
		name: 'ordered_at',
		type: 'string',
		'meta:xdmType': 'date-time',
		xdm: { type: 'string', format: 'date-time' },
	},
];

/** What a flow needs: a base connection, its source connection of public.orders, a Data Lake target and a mapping set. */
export interface FlowInputs {
	baseId: string;
	sourceId: string;
	targetId: string;
	mappingId: string;
}

/** What a flow needs, made in `h`'s emulator (the source connection named `sourceName`). */
async function seedFlowInputs(h: Harness, sourceName = 'orders source'): Promise<FlowInputs> {
	const baseId = createdId(await h.create());
	const sourceId = createdId(
		await h.post(`${FLOW_SERVICE_PREFIX}/sourceConnections`, {
			name: sourceName,
			baseConnectionId: baseId,
			data: { format: 'tabular' },
			params: { tableName: 'public.orders', columns: ORDER_COLUMNS },
			connectionSpec: { id: REDSHIFT_CONNECTION_SPEC_ID, version: '1.0' },
		}),
	);
	return {
		baseId,
		sourceId,
		targetId: h.emu.seedTargetConnection().id,
		mappingId: h.emu.seedMappingSet().id,
	};
}

/**
 * A CRMToAEP flow body from `sourceId` to `targetId` through the mapping set `mappingId`: a Copy
 * step with `ordered_at` as the delta column (UTC), left out for a `once` schedule (which refuses
 * it, FLOW-1369-400), then the Mapping. By default hourly from 1612310466 (epoch seconds).
 */
export function flowBody(
	{ sourceId, targetId, mappingId }: Omit<FlowInputs, 'baseId'>,
	scheduleParams: Record<string, unknown> = {
		startTime: 1612310466,
		frequency: 'hour',
		interval: 1,
	},
	name = 'orders flow',
): Record<string, unknown> {
	return {
		name,
		flowSpec: { id: DATABASE_FLOW_SPEC_ID, version: '1.0' },
		sourceConnectionIds: [sourceId],
		targetConnectionIds: [targetId],
		transformations: [
			...(scheduleParams.frequency === 'once'
				? []
				: [{ name: 'Copy', params: { deltaColumn: { name: 'ordered_at', timezone: 'UTC' } } }]),
			{ name: 'Mapping', params: { mappingId, mappingVersion: 0 } },
		],
		scheduleParams,
	};
}

/**
 * What a flow needs, seeded in `h` before each test of the calling block (after `h`'s own set-up;
 * the source connection named `sourceName`): `inputs()` reads it, `createFlow` posts
 * `flowBody(inputs(), scheduleParams, name)` and returns the new flow's ID (201, or the test fails).
 */
export function useFlowInputs(
	h: Harness,
	sourceName?: string,
): {
	inputs: () => FlowInputs;
	createFlow: (scheduleParams?: Record<string, unknown>, name?: string) => Promise<string>;
} {
	let seeded: FlowInputs | undefined;
	beforeEach(async () => {
		seeded = await seedFlowInputs(h, sourceName);
	});
	const inputs = (): FlowInputs => {
		if (!seeded) throw new Error('The flow inputs are seeded only inside a test');
		return seeded;
	};
	return {
		inputs,
		createFlow: async (scheduleParams, name) =>
			createdId(await h.flowService('POST', '/flows', flowBody(inputs(), scheduleParams, name))),
	};
}

/** Asserts a Flow Service error body and returns it. */
export function expectFlowError(res: CallResult, code: string): void {
	const status = Number(code.split('-')[1]);
	expect(res.status).toBe(status);
	expect(res.json).toEqual({
		type: `https://ns.adobe.com/aep/errors/FLOW-${code}`,
		title: expect.any(String),
		status,
		report: { 'detailed-message': expect.any(String), 'request-id': expect.any(String) },
	});
}
