/**
 * Child process of `npm run bench`: one variant at one concurrency, in a process of its own so that
 * the emulator's event loop (in the parent) does not share its CPU. A warm-up run first (JIT, lazy
 * loading), then the measured run. Input: env BENCH_JOB (JSON `WorkerJob`). Output: one line
 * `BENCH_RESULT <json WorkerResult>` on stdout (child.ts).
 */
import http from 'node:http';

import axios from 'axios';

import { runWorkflow } from '../../test/support/engine/harness';
import { finishWorker, jobOf } from './child';
import { emulatorCredential, type EmulatorAccess } from '../../test/support/credentials';
import {
	CONNECTIONS_PATH,
	DEFAULT_NODE_SETTINGS,
	IMS_TOKEN_PATH,
	OUR_NODE,
	SANDBOX,
	createBody,
	makeItems,
	ourNodeWorkflow,
	type NodeSettings,
} from './workload';

/**
 * A way of creating `count` connections with `concurrency` in flight: our node in n8n's engine, or
 * a raw axios client with keep-alive ('raw') or with a new connection per request ('raw-new'), as
 * n8n-core gives every request of a node: its axios request interceptor sets a new `http.Agent` /
 * `https.Agent` per request (`setAxiosAgents` → `createHttpProxyAgent` / `createHttpsProxyAgent`
 * in n8n-core's `http-proxy`, n8n-core 2.11), without keep-alive.
 */
export type Variant = 'engine' | 'raw' | 'raw-new';

export interface WorkerJob {
	variant: Variant;
	access: EmulatorAccess;
	/** A second emulator (no latency) for the warm-up run. */
	warmup: EmulatorAccess;
	warmupCount: number;
	count: number;
	concurrency: number;
	prefix: string;
	/** Our node's settings (engine variant only); default DEFAULT_NODE_SETTINGS. */
	settings?: NodeSettings;
}

export interface WorkerResult {
	/** Wall time of the measured run, ms. */
	wallMs: number;
	failedItems: number;
	firstError?: string;
}

/** Our node inside n8n-core's WorkflowExecute (the engine-test harness). */
async function runEngine(
	access: EmulatorAccess,
	count: number,
	concurrency: number,
	prefix: string,
	settings = DEFAULT_NODE_SETTINGS,
): Promise<WorkerResult> {
	const started = performance.now();
	const result = await runWorkflow(ourNodeWorkflow(count, concurrency, prefix, settings), {
		credentials: [emulatorCredential(access)],
	});
	const wallMs = performance.now() - started;
	const output = result.outputOf(OUR_NODE).map((item) => item.json);
	const failed = output.filter((json) => json.error !== undefined);
	return {
		wallMs,
		failedItems: failed.length + (count - output.length),
		firstError: result.error?.message ?? (failed[0]?.error as string | undefined),
	};
}

/**
 * The physical limit: a bare axios client sending the same token call and creates, `concurrency`
 * lanes; with keep-alive (one socket per lane), or with `newConnections` a new agent (so a new
 * connection) per request, as n8n-core does.
 */
async function runRaw(
	access: EmulatorAccess,
	count: number,
	concurrency: number,
	prefix: string,
	newConnections = false,
): Promise<WorkerResult> {
	const items = makeItems(count, prefix);
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	const client = axios.create({
		httpAgent: agent,
		timeout: 30_000,
		validateStatus: () => true,
		proxy: false,
	});
	const { clientId, clientSecret, orgId, scopes } = access.options;
	let failed = 0;
	let firstError: string | undefined;
	const started = performance.now();
	try {
		const form = new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: clientId,
			client_secret: clientSecret,
			scope: scopes,
		});
		const tokenResponse = await client.post(`${access.baseUrl}${IMS_TOKEN_PATH}`, form.toString(), {
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		});
		const token = (tokenResponse.data as { access_token?: string }).access_token;
		if (tokenResponse.status !== 200 || !token)
			throw new Error(`token call answered ${tokenResponse.status}`);
		const headers = {
			Accept: 'application/json',
			'Content-Type': 'application/json',
			'x-sandbox-name': SANDBOX,
			Authorization: `Bearer ${token}`,
			'x-api-key': clientId,
			'x-gw-ims-org-id': orgId,
		};
		let next = 0;
		const lane = async () => {
			while (next < items.length) {
				const item = items[next++];
				try {
					const response = await client.post(
						`${access.baseUrl}${CONNECTIONS_PATH}`,
						JSON.stringify(createBody(item)),
						newConnections ? { headers, httpAgent: new http.Agent() } : { headers },
					);
					if (response.status !== 201)
						throw new Error(`POST /connections answered ${response.status}`);
				} catch (error) {
					failed++;
					firstError ??= error instanceof Error ? error.message : String(error);
				}
			}
		};
		await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
	} finally {
		agent.destroy();
	}
	return { wallMs: performance.now() - started, failedItems: failed, firstError };
}

const VARIANTS: Record<Variant, typeof runEngine> = {
	engine: runEngine,
	raw: (access, count, concurrency, prefix) => runRaw(access, count, concurrency, prefix),
	'raw-new': (access, count, concurrency, prefix) =>
		runRaw(access, count, concurrency, prefix, true),
};

finishWorker(async () => {
	const job = jobOf<WorkerJob>();
	const once = VARIANTS[job.variant];
	await once(job.warmup, job.warmupCount, job.concurrency, `${job.prefix} warm-up`, job.settings);
	return await once(job.access, job.count, job.concurrency, job.prefix, job.settings);
});
