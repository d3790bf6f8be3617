/**
 * Test controls over HTTP under /__emulator/, for other processes (e.g. a real n8n in e2e runs).
 * Never faulted, never delayed. Bodies are JSON; errors are {error}.
 */
import type { EmulatorCore } from './emulatorCore';
import { isPlainObject, json, type Reply, type RequestContext } from './http';
import { finishRun, startScheduledRun, type RunOutcome } from '../runs/runs';
import type { Fault, FaultMatch } from './types';

class ControlError extends Error {}

function body(ctx: RequestContext): Record<string, unknown> {
	if (ctx.body.trim() === '') return {};
	try {
		const parsed: unknown = JSON.parse(ctx.body);
		if (isPlainObject(parsed)) return parsed;
	} catch {
		// reported below
	}
	throw new ControlError('body must be a JSON object');
}

/** `match.path` is an exact path; `match.pathPattern` is a RegExp source (JSON cannot carry RegExp). */
function faultMatch(value: unknown): FaultMatch {
	if (!isPlainObject(value)) throw new ControlError('match must be an object');
	const method = typeof value.method === 'string' ? value.method : undefined;
	if (typeof value.pathPattern === 'string') return { method, path: new RegExp(value.pathPattern) };
	if (typeof value.path === 'string') return { method, path: value.path };
	throw new ControlError('match.path or match.pathPattern is required');
}

function number(value: unknown, name: string): number {
	if (typeof value !== 'number') throw new ControlError(`${name} must be a number`);
	return value;
}

const POST: Record<string, (core: EmulatorCore, b: Record<string, unknown>) => unknown> = {
	revoke: (core) => core.tokens.revokeAll(),
	reset: (core) => core.reset(),
	faults: (core, b) =>
		core.faults.add(faultMatch(b.match), number(b.count ?? 1, 'count'), b.fault as Fault),
	latency: (core, b) => core.setLatency(number(b.ms, 'ms')),
	// {match: {method?, path? | pathPattern?}, ms}: matching requests wait ms before processing; 0 removes.
	'route-latency': (core, b) => core.routeLatency.set(faultMatch(b.match), number(b.ms, 'ms')),
	// {perSecond, burst?}: answer 429 + Retry-After above that rate; {} (or perSecond null) removes the limit.
	'rate-limit': (core, b) =>
		core.setRateLimit(
			b.perSecond === undefined || b.perSecond === null
				? undefined
				: {
						perSecond: number(b.perSecond, 'perSecond'),
						burst: b.burst === undefined ? undefined : number(b.burst, 'burst'),
					},
		),
	'token-lifetime': (core, b) => core.setTokenLifetime(number(b.seconds, 'seconds')),
	'in-use': (core, b) => {
		if (typeof b.id !== 'string') throw new ControlError('id must be a string');
		core.markInUse(b.id, b.inUse === undefined ? true : b.inUse === true);
	},
	// Answers {id, etag} of the new target connection (without a body: for a new dataset of the default schema).
	'target-connections': (core, b) => core.seedTargetConnection(sandbox(b), b.body),
	// Answers {id} of a new dataset (body: a POST /dataSets body; default: one of the default schema).
	datasets: (core, b) => core.seedDataset(sandbox(b), b.body),
	// Answers {id, version} of a new mapping set (default: public.orders -> the default schema).
	'mapping-sets': (core, b) => core.seedMappingSet(sandbox(b), b.body),
	// Starts a run of {flowId} as the scheduler would (status inProgress); answers {id, etag}.
	runs: (core, b) => {
		if (typeof b.flowId !== 'string') throw new ControlError('flowId must be a string');
		const run = startScheduledRun(core, b.flowId);
		return { id: run.id, etag: run.etag };
	},
	// Sets {offsetMs}: run times come from the host's clock plus it (Adobe's clock ahead or behind).
	clock: (core, b) => {
		if (typeof b.offsetMs !== 'number') throw new ControlError('offsetMs must be a number');
		core.setClockOffset(b.offsetMs);
		return { offsetMs: core.clockOffsetMs };
	},
	// Ends {runId} as {status: 'success'|'failed'} with optional counts, errors, durationMs; answers the run.
	'runs/finish': (core, b) => {
		if (typeof b.runId !== 'string') throw new ControlError('runId must be a string');
		return finishRun(core, b.runId, b as unknown as RunOutcome);
	},
};

function sandbox(b: Record<string, unknown>): string | undefined {
	if (b.sandboxName !== undefined && typeof b.sandboxName !== 'string')
		throw new ControlError('sandboxName must be a string');
	return b.sandboxName as string | undefined;
}

const GET: Record<string, (core: EmulatorCore) => unknown> = {
	requests: (core) => core.log,
	stats: (core) => ({
		tokensIssued: core.tokens.issuedCount(),
		connections: core.connections.count(),
	}),
	connections: (core) => core.connections.all(),
	'source-connections': (core) => core.sourceConnections.all(),
	'target-connections': (core) => core.targetConnections.all(),
	flows: (core) => core.flows.all(),
	datasets: (core) => core.datasets.all(),
	'mapping-sets': (core) => core.mappingSets.all(),
	runs: (core) => core.runs.all(),
};

/** The control routes under /__emulator/, for the CLI's start-up text: GET and POST names. */
export function controlRoutes(): { get: string[]; post: string[] } {
	return { get: Object.keys(GET), post: Object.keys(POST) };
}

export function handleControl(ctx: RequestContext, core: EmulatorCore, name: string): Reply {
	try {
		if (ctx.method === 'GET' && GET[name]) return json(200, GET[name](core));
		if (ctx.method === 'POST' && POST[name]) {
			if (name === 'faults' && !isPlainObject(body(ctx).fault))
				throw new ControlError('fault must be an object');
			return json(200, POST[name](core, body(ctx)) ?? { ok: true });
		}
		return json(404, { error: `unknown control ${ctx.method} /__emulator/${name}` });
	} catch (err) {
		// ControlError and the validation errors thrown by the core are both the caller's mistake.
		return json(400, { error: (err as Error).message });
	}
}
