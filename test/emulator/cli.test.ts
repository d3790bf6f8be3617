import { spawn } from 'node:child_process';
import path from 'node:path';

import { parseArgs } from './cli';
import { EMULATOR_DEFAULTS } from './index';

describe('emulator CLI', () => {
	it('parses its flags', () => {
		expect(parseArgs([])).toEqual({});
		expect(parseArgs(['--port', '8123', '--hosting', 'aws', '--latency', '20'])).toEqual({
			port: 8123,
			hosting: 'aws',
			latencyMs: 20,
		});
		expect(() => parseArgs(['--hosting', 'gcp'])).toThrow(/hosting/);
		expect(() => parseArgs(['--port'])).toThrow(/needs a value/);
		expect(() => parseArgs(['--port', '99999'])).toThrow(/port/);
		expect(() => parseArgs(['--verbose'])).toThrow(/Unknown argument/);
	});

	it('prints the base URL and credential values, serves, and stops on SIGTERM', async () => {
		const root = path.resolve(__dirname, '../..');
		// node --import tsx runs the TypeScript entry in this same process, so SIGTERM reaches it directly.
		const child = spawn(
			process.execPath,
			['--import', 'tsx', 'test/emulator/cli.ts', '--hosting', 'azure'],
			{
				cwd: root,
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		let out = '';
		child.stdout.on('data', (d: Buffer) => (out += d.toString()));
		child.stderr.on('data', (d: Buffer) => (out += d.toString()));
		const exited = new Promise<number | null>((resolve) =>
			child.on('exit', (code) => resolve(code)),
		);
		try {
			const deadline = Date.now() + 20_000;
			while (!/Press Ctrl\+C/.test(out) && Date.now() < deadline && child.exitCode === null) {
				await new Promise((r) => setTimeout(r, 50));
			}
			const baseUrl = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
			expect(baseUrl).toBeDefined();
			expect(out).toContain(EMULATOR_DEFAULTS.clientId);
			expect(out).toContain(EMULATOR_DEFAULTS.clientSecret);
			expect(out).toContain(EMULATOR_DEFAULTS.orgId);
			expect(out).toContain('Hosting:       azure');
			const stats = await fetch(`${baseUrl}/__emulator/stats`);
			expect(await stats.json()).toEqual({ tokensIssued: 0, connections: 0 });
		} finally {
			child.kill('SIGTERM');
		}
		expect(await exited).toBe(0);
	}, 30_000);
});
