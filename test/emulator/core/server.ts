/** The HTTP server: request log, faults, latency, and a close() that does not wait for clients. */
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { EmulatorCore } from './emulatorCore';
import { CONTROL_PREFIX, FLOW_SERVICE_PREFIX, IMS_PREFIX, resolveOptions } from './defaults';
import type { Reply, RequestContext } from './http';
import { handleControl } from './control';
import { faultReply, route } from './router';
import { finishRun, seedRuns, startScheduledRun } from '../runs/runs';
import type { EmulatorOptions, RequestLogEntry, StartedEmulator } from './types';

const MAX_BODY_BYTES = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string | undefined> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () =>
			resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')),
		);
		req.on('error', reject);
	});
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(req.headers)) {
		if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
	}
	return out;
}

function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const key of new Set(query.keys())) {
		const all = query.getAll(key);
		out[key] = all.length === 1 ? all[0] : all;
	}
	return out;
}

/** Cuts a JSON body in half so it cannot parse (our bodies are always objects or arrays). */
function malformed(reply: Reply): Reply {
	const body =
		reply.body && reply.body.length > 1
			? reply.body.slice(0, Math.ceil(reply.body.length / 2))
			: '{"';
	return {
		status: reply.status,
		headers: { ...reply.headers, 'content-type': 'application/json;charset=utf-8' },
		body,
	};
}

let endlessPages = 0;

/** An empty listing page whose continuation link is new every time. */
function endlessPage(reply: Reply): Reply {
	endlessPages++;
	const href = `/connections?continuationToken=endless-${endlessPages}`;
	return {
		status: 200,
		headers: { ...reply.headers, 'content-type': 'application/json;charset=utf-8' },
		body: JSON.stringify({ items: [], _links: { next: { href } } }),
	};
}

export async function startEmulator(options?: EmulatorOptions): Promise<StartedEmulator> {
	const resolved = resolveOptions(options);
	const core = new EmulatorCore(resolved);
	const sockets = new Set<Socket>();
	const waits = new Set<{ timer: NodeJS.Timeout; done: () => void }>();
	let closing = false;

	/** Latency wait that close() can cut short. */
	const delay = (ms: number) =>
		new Promise<void>((resolve) => {
			if (ms <= 0) return resolve();
			const w = {
				timer: setTimeout(() => w.done(), ms),
				done: () => {
					clearTimeout(w.timer);
					waits.delete(w);
					resolve();
				},
			};
			waits.add(w);
		});

	/** Headers at once, then the body one byte per `intervalMs` (until done or the client gives up). */
	const drip = async (
		res: ServerResponse,
		reply: Reply,
		entry: RequestLogEntry,
		intervalMs: number,
	) => {
		entry.status = reply.status;
		if (closing || res.destroyed) return;
		const body = Buffer.from(reply.body ?? '');
		res.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) });
		for (let index = 0; index < body.length; index++) {
			if (closing || res.destroyed) return;
			res.write(body.subarray(index, index + 1));
			await delay(intervalMs);
		}
		res.end();
	};

	const write = (res: ServerResponse, reply: Reply, entry: RequestLogEntry) => {
		entry.status = reply.status;
		if (closing || res.destroyed) return;
		res.writeHead(reply.status, reply.headers);
		res.end(reply.body);
	};

	const handle = async (req: IncomingMessage, res: ServerResponse) => {
		const url = new URL(req.url ?? '/', 'http://emulator.local');
		const entry: RequestLogEntry = {
			method: (req.method ?? 'GET').toUpperCase(),
			path: url.pathname,
			query: queryRecord(url.searchParams),
			headers: lowerCaseHeaders(req),
			body: '',
			status: 0,
			at: Date.now(),
		};
		core.log.push(entry);
		const body = await readBody(req);
		if (body === undefined) {
			return write(res, { status: 413, headers: { connection: 'close' } }, entry);
		}
		entry.body = body;
		const ctx: RequestContext = {
			method: entry.method,
			path: entry.path,
			query: url.searchParams,
			headers: entry.headers,
			body,
			requestId: randomUUID(),
		};

		if (ctx.path.startsWith(CONTROL_PREFIX)) {
			return write(res, handleControl(ctx, core, ctx.path.slice(CONTROL_PREFIX.length)), entry);
		}

		// The gateway throttles before anything else happens (Platform APIs only; IMS is another service).
		const throttle = ctx.path.startsWith(IMS_PREFIX) ? undefined : core.rateLimit?.take(Date.now());
		if (throttle && !throttle.ok) {
			entry.throttled = true;
			await delay(core.latencyMs);
			return write(
				res,
				faultReply(
					{ status: 429, headers: { 'retry-after': String(throttle.retryAfterSeconds) } },
					ctx,
				),
				entry,
			);
		}

		const fault = core.faults.take(ctx.method, ctx.path);
		const kind = fault && 'kind' in fault ? fault.kind : fault ? 'status' : undefined;
		if (kind) entry.fault = kind;
		if (kind === 'reset-before') return void req.socket.destroy();
		if (kind === 'hang') return; // the socket stays open until the client gives up or close() runs

		await delay(core.routeLatency.msFor(ctx.method, ctx.path));
		if (kind === 'twin-before') {
			// Another worker's identical create lands first; 2 ms later so its creation time is older.
			route({ ...ctx, requestId: randomUUID() }, core);
			await delay(2);
		}
		let reply = fault && !('kind' in fault) ? faultReply(fault, ctx) : route(ctx, core);
		if (kind === 'reset-after') {
			entry.status = reply.status; // processed (e.g. the connection exists), but never delivered
			return void req.socket.destroy();
		}
		if (kind === 'malformed-json') reply = malformed(reply);
		if (kind === 'endless-page') reply = endlessPage(reply);
		await delay(core.latencyMs);
		if (kind === 'drip')
			return void (await drip(
				res,
				reply,
				entry,
				(fault as { intervalMs?: number }).intervalMs ?? 1000,
			));
		write(res, reply, entry);
	};

	const server = http.createServer((req, res) => {
		handle(req, res).catch((err: unknown) => {
			process.stderr.write(
				`[emulator] request failed: ${(err as Error)?.message ?? String(err)}\n`,
			);
			if (!res.headersSent && !res.destroyed) res.writeHead(500).end();
		});
	});
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(resolved.port, resolved.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	const baseUrl = `http://${resolved.host}:${port}`;
	const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));

	return {
		baseUrl,
		flowServiceUrl: `${baseUrl}${FLOW_SERVICE_PREFIX}`,
		options: { ...resolved, port },
		tokensIssued: () => core.tokens.issuedCount(),
		requests: () => structuredClone(core.log),
		platformRequests: () =>
			structuredClone(
				core.log.filter(
					(e) => !e.path.startsWith(CONTROL_PREFIX) && !e.path.startsWith(IMS_PREFIX),
				),
			),
		connections: () => core.connections.all(),
		revokeAllTokens: () => core.tokens.revokeAll(),
		setTokenLifetime: (seconds) => core.setTokenLifetime(seconds),
		setLatency: (ms) => core.setLatency(ms),
		setRouteLatency: (match, ms) => core.routeLatency.set(match, ms),
		setRateLimit: (limit) => core.setRateLimit(limit),
		failNext: (match, count, fault) => core.faults.add(match, count, fault),
		clearFaults: () => core.faults.clear(),
		markInUse: (id, inUse = true) => core.markInUse(id, inUse),
		sourceConnections: () => core.sourceConnections.all(),
		targetConnections: () => core.targetConnections.all(),
		flows: () => core.flows.all(),
		seedTargetConnection: (seed = {}) => core.seedTargetConnection(seed.sandboxName, seed.body),
		seedDataset: (seed = {}) => core.seedDataset(seed.sandboxName, seed.body),
		seedMappingSet: (seed = {}) => core.seedMappingSet(seed.sandboxName, seed.body),
		startRun: (flowId) => {
			const run = startScheduledRun(core, flowId);
			return { id: run.id, etag: run.etag };
		},
		finishRun: (runId, outcome) => structuredClone(finishRun(core, runId, outcome)),
		seedRuns: (flowId, runs) => seedRuns(core, flowId, runs),
		setClockOffset: (ms) => core.setClockOffset(ms),
		onRunListing: (hook) => {
			core.runListingHook = hook;
		},
		scriptOnDemandRuns: (steps) => {
			core.onDemandRunScript = steps && structuredClone(steps);
		},
		datasets: () => core.datasets.all(),
		mappingSets: () => core.mappingSets.all(),
		runs: () => core.runs.all(),
		reset: () => core.reset(),
		close: async () => {
			if (!closing) {
				closing = true;
				for (const w of [...waits]) w.done();
				server.close();
				for (const socket of sockets) socket.destroy();
			}
			await closed;
		},
	};
}
