/**
 * `npm run scan`: n8n's verification scan, offline. It runs the analyzer of
 * `@n8n/scan-community-package` the way its CLI does for a published version, on two legs:
 *   1. source: this working tree, with the scanner's source patterns (package.json, nodes/, credentials/);
 *   2. tarball: the package as `npm pack` builds it (prepack: clean + build), compiled .js + package.json.
 * The CLI downloads both from npm and GitHub and first checks npm provenance; neither is reachable
 * here, so this script points the same analyzer at local folders. Exit code 1 on any finding.
 *
 * Usage: node scripts/scan.mjs [--tarball <file.tgz>]   (an existing tarball skips `npm pack`)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { TARBALL_FILE_PATTERNS, scanner } from './n8nScanner.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function say(line) {
	process.stdout.write(`${line}\n`);
}

function run(command, args, cwd) {
	const result = spawnSync(command, args, {
		cwd,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	if (result.status !== 0) {
		throw new Error(
			`${command} ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr || result.stdout}`,
		);
	}
	return result.stdout;
}

/** Packs the package (or takes the given tarball) and unpacks it the way the scanner does. */
function unpackedTarball(work, given) {
	let tarball = given ? resolve(given) : undefined;
	if (!tarball) {
		const packDir = join(work, 'pack');
		mkdirSync(packDir);
		run('npm', ['pack', '--pack-destination', packDir, '--no-update-notifier'], root);
		const [name] = readdirSync(packDir).filter((file) => file.endsWith('.tgz'));
		if (!name) throw new Error('npm pack wrote no tarball');
		tarball = join(packDir, name);
	}
	const dir = join(work, 'package');
	mkdirSync(dir);
	run('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1'], work);
	return { tarball, dir };
}

/** Findings in the analyzer's stylish report ("✖ 3 problems (3 errors, 0 warnings)"). */
function findingCount(result) {
	if (result.passed) return 0;
	const match = /✖ (\d+) problems?/.exec(result.details ?? '');
	return match ? Number(match[1]) : 1;
}

function report(leg, result) {
	const count = findingCount(result);
	say(
		`${leg}: ${count === 0 ? 'passed, 0 findings' : `FAILED, ${count} finding(s): ${result.message ?? ''}`}`,
	);
	if (result.details) say(result.details);
	return count;
}

async function main() {
	const tarballArg = process.argv.indexOf('--tarball');
	const work = mkdtempSync(join(tmpdir(), 'n8n-scan-'));
	try {
		const source = await scanner.analyzePackage(root, scanner.SOURCE_FILE_PATTERNS);
		let findings = report(`source (${scanner.SOURCE_FILE_PATTERNS.join(', ')})`, source);

		const { tarball, dir } = unpackedTarball(
			work,
			tarballArg > 0 ? process.argv[tarballArg + 1] : undefined,
		);
		const packed = await scanner.analyzePackage(dir, TARBALL_FILE_PATTERNS);
		findings += report(
			`tarball ${tarball.split('/').pop()} (${TARBALL_FILE_PATTERNS.join(', ')})`,
			packed,
		);

		say(
			findings === 0
				? 'n8n verification scan: 0 findings'
				: `n8n verification scan: ${findings} finding(s)`,
		);
		process.exitCode = findings === 0 ? 0 : 1;
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

main().catch((error) => {
	process.stderr.write(`scan failed: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exitCode = 1;
});
