/**
 * Package footprint: npm pack (its prepack cleans and runs `npm run build`), dist size, load time.
 * All of it runs on a copy of the project (node_modules linked), so the bench never cleans or
 * rebuilds the dist/ that tests, the e2e or the lead may be using at the same time.
 */
import { cpSync, mkdirSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

import { run, tail } from '../../test/e2e/lib/proc';
import { PROJECT } from './config';

export interface PackResult {
	tarball: string;
	tarballBytes: number;
	unpackedBytes?: number;
	entryCount?: number;
}

export interface DistSize {
	/** `du -sk dist` (disk usage, KiB). */
	duKiB: number;
	/** Sum of file sizes. */
	bytes: number;
	files: number;
	jsFiles: number;
}

export interface LoadTime {
	/** Medians of 5 fresh processes, ms: requiring node + credential and instantiating both. */
	coldMs: number;
	/** The same with n8n-workflow already loaded (as inside n8n). */
	preloadedMs: number;
	runs: { cold: number[]; preloaded: number[] };
}

/** What is not copied: dependencies (linked instead), build output, VCS data, caches, tarballs. */
const NOT_COPIED = new Set(['node_modules', 'dist', '.git', 'coverage', '.cache', '.e2e']);

/** Copies the project's sources to `destination` and links its node_modules; returns `destination`. */
export function stageProject(destination: string): string {
	mkdirSync(destination, { recursive: true });
	for (const entry of readdirSync(PROJECT)) {
		if (NOT_COPIED.has(entry) || entry.endsWith('.tgz')) continue;
		cpSync(join(PROJECT, entry), join(destination, entry), { recursive: true });
	}
	symlinkSync(join(PROJECT, 'node_modules'), join(destination, 'node_modules'), 'dir');
	return destination;
}

export async function packPackage(project: string, destination: string): Promise<PackResult> {
	mkdirSync(destination, { recursive: true });
	const result = await run('npm', ['pack', '--json', '--pack-destination', destination, '--no-update-notifier'], {
		cwd: project,
		env: process.env,
		timeoutMs: 5 * 60_000,
	});
	if (result.code !== 0) throw new Error(`npm pack failed (exit ${result.code ?? result.signal}):\n${tail(result.stderr + result.stdout, 20)}`);
	const tarballs = readdirSync(destination).filter((f) => f.endsWith('.tgz'));
	if (tarballs.length !== 1) throw new Error(`npm pack produced ${tarballs.length} tarballs`);
	const tarball = join(destination, tarballs[0]);
	// The prepack script's output (gulp's lines start with "[12:00:00]") comes first on stdout;
	// npm's JSON report, an array of objects, is the last part.
	let report: { unpackedSize?: number; entryCount?: number } | undefined;
	const jsonStart = result.stdout.search(/^\[\s*\{/m);
	try {
		report = jsonStart >= 0 ? (JSON.parse(result.stdout.slice(jsonStart)) as Array<typeof report>)[0] : undefined;
	} catch {
		report = undefined;
	}
	return { tarball, tarballBytes: statSync(tarball).size, unpackedBytes: report?.unpackedSize, entryCount: report?.entryCount };
}

export async function distSize(project: string): Promise<DistSize> {
	const dist = join(project, 'dist');
	const du = await run('du', ['-sk', dist], { env: process.env, timeoutMs: 30_000 });
	const duKiB = Number(du.stdout.split(/\s/)[0]);
	let bytes = 0;
	let files = 0;
	let jsFiles = 0;
	for (const entry of readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
		const stats = statSync(join(dist, entry));
		if (!stats.isFile()) continue;
		files++;
		bytes += stats.size;
		if (entry.endsWith('.js')) jsFiles++;
	}
	return { duKiB, bytes, files, jsFiles };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Time to require and instantiate the built node and credential in a fresh `node` process. */
function loadScript(project: string, preload: boolean): string {
	const node = JSON.stringify(join(project, 'dist/nodes/AdobeRedshiftConnection/AdobeRedshiftConnection.node.js'));
	const credential = JSON.stringify(join(project, 'dist/credentials/AdobeExperiencePlatformApi.credentials.js'));
	return [
		preload ? "require('n8n-workflow');" : '',
		'const t0 = process.hrtime.bigint();',
		`const n = require(${node}); const c = require(${credential});`,
		'new n.AdobeRedshiftConnection(); new c.AdobeExperiencePlatformApi();',
		'process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6));',
	].join('\n');
}

export async function loadTime(project: string, runs = 5): Promise<LoadTime> {
	const measured = { cold: [] as number[], preloaded: [] as number[] };
	for (let i = 0; i < runs; i++) {
		for (const kind of ['cold', 'preloaded'] as const) {
			const result = await run(process.execPath, ['-e', loadScript(project, kind === 'preloaded')], { cwd: project, env: process.env, timeoutMs: 30_000 });
			const ms = Number(result.stdout.trim());
			if (result.code !== 0 || !Number.isFinite(ms)) throw new Error(`loading the built package failed:\n${tail(result.stderr, 10)}`);
			measured[kind].push(ms);
		}
	}
	return { coldMs: median(measured.cold), preloadedMs: median(measured.preloaded), runs: measured };
}
