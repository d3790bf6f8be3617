/** `n8n start` on a free loopback port, and its owner account. */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import type { N8nInstance } from './n8n';
import { startDaemon, tail, type Daemon } from './proc';
import { CheckFailure } from './steps';

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

export interface RunningN8n {
	baseUrl: string;
	daemon: Daemon;
	stop(): Promise<void>;
}

/** Starts `n8n start` and waits until the editor and REST API answer. */
export async function startN8n(instance: N8nInstance, timeoutMs = 180_000): Promise<RunningN8n> {
	const port = Number(instance.env.N8N_PORT);
	const baseUrl = `http://127.0.0.1:${port}`;
	const daemon = startDaemon(
		join(instance.n8n.nodeBin, 'node'),
		[instance.n8n.cli, 'start'],
		instance.env,
		join(instance.outputDir, 'n8n-start.output'),
	);
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (daemon.exited()) {
			throw new CheckFailure(`n8n start exited early:\n${tail(daemon.output(), 30)}`, [
				instance.logFile,
			]);
		}
		// n8n answers HTTP (the editor's index page for any path) before its REST controllers are
		// registered; the "Editor is now accessible" log line marks the end of start-up.
		const started =
			existsSync(instance.logFile) &&
			readFileSync(instance.logFile, 'utf8').includes('Editor is now accessible via');
		if (started) {
			try {
				const settings = await fetch(`${baseUrl}/rest/settings`, {
					signal: AbortSignal.timeout(5_000),
				});
				if (settings.ok && (settings.headers.get('content-type') ?? '').includes('json')) break;
			} catch {
				// Not listening yet.
			}
		}
		if (Date.now() > deadline) {
			await daemon.stop();
			throw new CheckFailure(
				`n8n start did not answer on ${baseUrl} within ${timeoutMs / 1000} s`,
				[instance.logFile],
			);
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	return { baseUrl, daemon, stop: () => daemon.stop() };
}

export const OWNER = {
	email: 'e2e-owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Owner-Pa55word',
};

/** Creates the instance owner through the REST API (what the setup screen does). */
export async function setupOwner(baseUrl: string): Promise<void> {
	const response = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	const text = await response.text();
	if (!response.ok)
		throw new CheckFailure(
			`POST /rest/owner/setup answered ${response.status}: ${text.slice(0, 300)}`,
		);
	let email: unknown;
	try {
		email = (JSON.parse(text) as { data?: { email?: unknown } }).data?.email;
	} catch {
		// Checked below.
	}
	if (email !== OWNER.email)
		throw new CheckFailure(
			`POST /rest/owner/setup did not return the new owner: ${text.slice(0, 200)}`,
		);
}
