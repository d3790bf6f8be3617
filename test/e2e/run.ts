/**
 * `npm run test:e2e`: the package proven in real n8n (versions.json: the current 2.x on Node 24, 1.x on Node 20).
 *   1. install-n8n.sh (cached after the first run), 2. npm pack, 3. per version: CLI check
 *   (install like the community installer, import credential + workflows, execute, check what the
 *   emulator received, a fault run, look for leaked secrets in output, log and stored executions),
 *   4. editor check in headless Chromium.
 * Exits non-zero naming the failed step; keeps the work folder (n8n logs) on failure.
 * Environment: E2E_VERSIONS=2.41.1,1.123.81 (which n8n get the CLI check; "none" for the editor
 * check alone), E2E_EDITOR=2.41.1,1.123.81 (which get the editor check; "none" skips it), E2E_KEEP=1 keeps the work folder on success,
 * N8N_E2E_CACHE moves the install cache. E2E_ONLY=trigger runs only the trigger checks (the alert
 * example's and the pause check, issue 21) on the E2E_VERSIONS, E2E_ONLY=pause only the pause check;
 * neither runs the editor check.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { cliCheck, triggerChecksOnly, type CliFindings } from './cli-check';
import { editorCheck } from './editor-check';
import { versions, warnings } from './lib/n8n';
import { stopAllDaemons } from './lib/proc';
import { installN8nStep, packStep } from './lib/setup';
import { check, log, printTimings, reportFailure } from './lib/steps';
import { pauseSummary, type TriggerPauseFindings } from './trigger-check';

function listEnv(name: string, fallback: string[]): string[] {
	const value = process.env[name];
	if (value === undefined || value.trim() === '') return fallback;
	if (value.trim() === 'none') return [];
	return value.split(',').map((s) => s.trim());
}

async function main(): Promise<void> {
	const all = versions();
	const selected = listEnv(
		'E2E_VERSIONS',
		all.map((v) => v.version),
	);
	const editorVersions = listEnv(
		'E2E_EDITOR',
		all.map((v) => v.version),
	);
	for (const v of [...selected, ...editorVersions])
		check(
			all.some((a) => a.version === v),
			`unknown n8n version ${v}`,
		);

	const only = process.env.E2E_ONLY?.trim() || undefined;
	check(
		only === undefined || only === 'trigger' || only === 'pause',
		`E2E_ONLY is ${only}; allowed: trigger, pause`,
	);

	const work = mkdtempSync(join(tmpdir(), 'n8n-aep-e2e-'));
	log(`work folder: ${work}`);
	let failed = true;
	const findings: CliFindings[] = [];
	const pauses: Array<{ version: string; findings: TriggerPauseFindings }> = [];
	try {
		await installN8nStep(work);
		const tarball = await packStep(work);

		if (only)
			for (const n8n of all.filter((v) => selected.includes(v.version))) {
				const result = await triggerChecksOnly(
					n8n,
					tarball,
					join(work, `trigger-${n8n.version}`),
					only === 'trigger',
				);
				pauses.push({ version: n8n.version, findings: result.triggerPause });
			}
		// E2E_VERSIONS=none with E2E_EDITOR set runs the editor check alone.
		else
			for (const n8n of all.filter(
				(v) => selected.includes(v.version) || editorVersions.includes(v.version),
			)) {
				if (selected.includes(n8n.version))
					findings.push(await cliCheck(n8n, tarball, join(work, `cli-${n8n.version}`)));
				if (editorVersions.includes(n8n.version)) {
					await editorCheck(n8n, tarball, join(work, `editor-${n8n.version}`));
				}
			}
		failed = false;
	} catch (error) {
		reportFailure('E2E', error, work);
		process.stdout.write(`work folder kept: ${work}\n`);
	} finally {
		printTimings();
		for (const warning of warnings) log(`warning: ${warning}`);
		for (const f of findings) {
			log(
				`[${f.version}] tokens issued: ${f.tokens.afterFirstRun} after the 1st run, ${f.tokens.afterSecondRun} after the 2nd run ` +
					`of the same workflow, ${f.tokens.afterAll} after all runs with that credential` +
					(f.examplesRun.length ? `; examples run: ${f.examplesRun.join(', ')}` : ''),
			);
			log(
				`[${f.version}] fault run: ${f.faults.items} items ok, ${f.faults.faultsHit} faults met, ${f.faults.posts} POSTs, ${f.faults.lookups} look-ups, ` +
					`${f.faults.tokensIssued} token, n8n execute ${(f.faults.ms / 1000).toFixed(1)} s; stored executions scanned: ${f.storedScan.executions} ` +
					`(${f.storedScan.failed} failed, ${f.storedScan.errorTrigger} Error Trigger runs; ${f.storedScan.secrets} secrets, 0 found)`,
			);
			log(
				`[${f.version}] On Error: ${f.onError.errorOutput} item on the error output, ${f.onError.regular} items in place (regular); ` +
					`token storm: ${f.tokenStorm.items} items, ${f.tokenStorm.tokensIssued} token requests, ${f.tokenStorm.requests} Flow Service requests`,
			);
			log(
				`[${f.version}] trigger: fired once for failed run ${f.trigger.runId}, ${(f.trigger.fireMs / 1000).toFixed(1)} s after it was marked failed (${f.trigger.polls} GET /runs)`,
			);
			pauses.push({ version: f.version, findings: f.triggerPause });
		}
		for (const p of pauses)
			log(`[${p.version}] trigger after a pause: ${pauseSummary(p.findings)}`);
		if (!failed && process.env.E2E_KEEP !== '1' && existsSync(work))
			rmSync(work, { recursive: true, force: true });
		else if (!failed) log(`work folder kept (E2E_KEEP=1): ${work}`);
	}
	if (failed) {
		process.exitCode = 1;
		return;
	}
	log('E2E PASSED');
}

// Ctrl-C or a CI timeout: stop n8n servers before leaving (they run in their own process groups).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		process.stdout.write(`\nE2E interrupted (${signal}); stopping n8n\n`);
		void stopAllDaemons().finally(() => process.exit(130));
	});
}

main().catch((error) => {
	process.stdout.write(
		`E2E FAILED (runner): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
	);
	process.exit(1);
});
