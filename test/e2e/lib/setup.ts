/** The two setup steps every real-n8n run starts with: install n8n (cached) and pack the package. */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { CACHE } from './n8n';
import { run, tail } from './proc';
import { check, step } from './steps';

/** The project folder (holds package.json). */
export const PROJECT = join(__dirname, '..', '..', '..');

/** Runs install-n8n.sh: the Node runtimes and n8n versions of versions.json, Chromium driver; cached after the first run. */
export async function installN8nStep(work: string): Promise<void> {
	await step('install n8n, Node 24, Chromium, playwright-core (install-n8n.sh)', async () => {
		const result = await run('bash', [join(__dirname, '..', 'install-n8n.sh')], {
			env: { ...process.env, N8N_E2E_CACHE: CACHE },
			timeoutMs: 25 * 60_000,
			outputPrefix: join(work, 'install-n8n'),
			// Progress lines as they come (the closing `export` lines are for people running it by hand).
			onStdout: (chunk) =>
				process.stdout.write(
					chunk.replace(/^export .*\n?/gm, '').replace(/^(?=\[install-n8n)/gm, '    '),
				),
		});
		check(result.code === 0, `install-n8n.sh failed:\n${tail(result.stdout + result.stderr, 30)}`, [
			join(CACHE, 'logs'),
		]);
	});
}

/** `npm pack` of the project into `<work>/pack` (prepack cleans and builds); returns the tarball path. */
export async function packStep(work: string): Promise<string> {
	return await step('npm pack (prepack: clean + build)', async () => {
		const dir = join(work, 'pack');
		mkdirSync(dir);
		const result = await run('npm', ['pack', '--pack-destination', dir, '--no-update-notifier'], {
			cwd: PROJECT,
			env: process.env,
			timeoutMs: 5 * 60_000,
			outputPrefix: join(work, 'npm-pack'),
		});
		check(result.code === 0, `npm pack failed:\n${tail(result.stdout + result.stderr, 30)}`);
		const files = readdirSync(dir).filter((f) => f.endsWith('.tgz'));
		check(files.length === 1, `npm pack produced ${files.length} tarballs`);
		return join(dir, files[0]);
	});
}
