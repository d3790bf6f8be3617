/**
 * Variant B: the physical limit. A bare axios client sends the same token call and the same
 * POST /connections (headers and body as our node sends them) with a fixed number in flight.
 */
import http from 'node:http';

import axios from 'axios';

import { CONNECTIONS_PATH, IMS_TOKEN_PATH, SANDBOX, createBody, makeItems, type EmulatorAccess } from './config';

export interface RawRunResult {
	wallMs: number;
	items: number;
	failedItems: number;
	firstError?: string;
}

export async function runRawClient(access: EmulatorAccess, count: number, concurrency: number, prefix: string): Promise<RawRunResult> {
	const items = makeItems(count, prefix);
	// Keep-alive like Node's global agent (which n8n's helpers use); one socket per lane.
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	const client = axios.create({ httpAgent: agent, timeout: 30_000, validateStatus: () => true, proxy: false });
	let failed = 0;
	let firstError: string | undefined;
	const started = performance.now();
	try {
		const form = new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: access.clientId,
			client_secret: access.clientSecret,
			scope: access.scopes,
		});
		const tokenResponse = await client.post(`${access.baseUrl}${IMS_TOKEN_PATH}`, form.toString(), {
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		});
		const token = (tokenResponse.data as { access_token?: string }).access_token;
		if (tokenResponse.status !== 200 || !token) throw new Error(`token call answered ${tokenResponse.status}`);
		const headers = {
			Accept: 'application/json',
			'Content-Type': 'application/json',
			'x-sandbox-name': SANDBOX,
			Authorization: `Bearer ${token}`,
			'x-api-key': access.clientId,
			'x-gw-ims-org-id': access.orgId,
		};
		let next = 0;
		const lane = async () => {
			while (next < items.length) {
				const item = items[next++];
				try {
					const response = await client.post(`${access.baseUrl}${CONNECTIONS_PATH}`, JSON.stringify(createBody(item)), { headers });
					if (response.status !== 201) throw new Error(`POST /connections answered ${response.status}`);
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
	return { wallMs: performance.now() - started, items: items.length, failedItems: failed, firstError };
}
