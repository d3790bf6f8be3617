/**
 * The Adobe Experience Platform Trigger in real n8n, as the alert example ships it
 * (examples/alert-on-failed-runs.json: the trigger on Run Failed for every dataflow of the sandbox,
 * polling every minute, then the alert text and the placeholder for a Slack or e-mail node) is
 * imported, activated and served by `n8n start`. n8n polls once at activation (the trigger stores
 * its cursor: no history replayed); once the emulator has seen that poll, a run of a seeded
 * dataflow is started and marked failed with the emulator's controls. The next poll (within a
 * minute) must start exactly one execution whose trigger item is that run (ID, status, dataflow
 * name, counts, errors) and whose alert text names it. Its stored execution is searched for the
 * client secret and every token. n8n is stopped by PID afterwards, also on failure.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { StartedEmulator } from '../emulator';
import { seedDataflows } from '../support/dataflows';
import { readExample } from '../support/examples';
import { accessTokensSent } from '../support/emulatorQueries';
import { findSecretsInText } from '../support/secrets';
import { CREDENTIAL_TYPE, NODE_TYPE, chainWorkflow, type WorkflowJson } from '../support/workflow';
import { readStoredExecutions, type StoredExecution } from './lib/executions';
import { activateWorkflows, n8nCli, type N8nInstance } from './lib/n8n';
import { ownerSession, setWorkflowActive } from './lib/rest';
import { startN8n, type RunningN8n } from './lib/server';
import { check, log } from './lib/steps';

export const TRIGGER_WORKFLOW_ID = 'e2eRunTrigger001';
const ALERT_EXAMPLE = 'alert-on-failed-runs.json';
const TRIGGER_NODE = 'Failed run';
const ALERT_NODE = 'Send alert (replace with Slack/e-mail)';
const FLOW_NAME = 'e2e orders hourly';
/** n8n's activation poll, then one cron tick (every minute, at a random second) and the execution. */
const ACTIVATION_MS = 120_000;
const FIRE_MS = 150_000;

export interface TriggerFindings {
	runId: string;
	/** From the run being marked failed to n8n storing the execution it started. */
	fireMs: number;
	polls: number;
}

/** The alert example pointed at the e2e credential, under a fixed workflow id. */
function triggerWorkflow(credential: { id: string; name: string }): Record<string, unknown> {
	const workflow = readExample<{
		nodes: Array<{ credentials?: Record<string, { id: string; name: string }> }>;
	}>(ALERT_EXAMPLE);
	for (const node of workflow.nodes)
		if (node.credentials?.[CREDENTIAL_TYPE]) node.credentials[CREDENTIAL_TYPE] = { ...credential };
	return { ...workflow, id: TRIGGER_WORKFLOW_ID, active: false };
}

const runsPolls = (emulator: StartedEmulator) =>
	emulator
		.requests()
		.filter((r) => r.method === 'GET' && r.path === '/data/foundation/flowservice/runs').length;

async function waitFor<T>(
	what: string,
	timeoutMs: number,
	probe: () => Promise<T | undefined>,
	evidence: string[],
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = await probe();
		if (found !== undefined) return found;
		check(Date.now() < deadline, `${what} within ${timeoutMs / 1000} s`, evidence);
		await new Promise((r) => setTimeout(r, 1_000));
	}
}

/**
 * Seeds a dataflow, imports and activates the trigger workflow, starts n8n, waits for the
 * activation poll, finishes a run as failed, waits for the execution and checks its item.
 * Runs after the stored-execution scan, whose controls expect every connection in some output.
 */
export async function triggerCheck(
	instance: N8nInstance,
	emulator: StartedEmulator,
	credential: { id: string; name: string },
	root: string,
	/** Runs on the same `n8n start` once this check passed (saves a start), e.g. the pause check. */
	whileRunning?: (server: RunningN8n) => Promise<void>,
): Promise<TriggerFindings> {
	const [flowId] = await seedDataflows(emulator, [FLOW_NAME]);
	const file = join(root, 'trigger-workflow.json');
	writeFileSync(file, JSON.stringify(triggerWorkflow(credential)));
	await n8nCli(instance, ['import:workflow', `--input=${file}`]);
	await activateWorkflows(instance, [TRIGGER_WORKFLOW_ID]);

	const pollsBefore = runsPolls(emulator);
	const n8n = await startN8n(instance, 240_000);
	try {
		await waitFor(
			'n8n did not poll the runs at activation',
			ACTIVATION_MS,
			async () => (runsPolls(emulator) > pollsBefore ? true : undefined),
			[instance.logFile],
		);
		const { id: runId } = emulator.startRun(flowId);
		emulator.finishRun(runId, {
			status: 'failed',
			inputRecordCount: 40,
			failedRecordCount: 40,
			errors: [{ code: 'CONNECTOR-2001-500', message: 'e2e: copy failed' }],
		});
		const finishedAt = Date.now();
		const executions = await waitFor(
			'the trigger started no execution for the failed run',
			FIRE_MS,
			async () => {
				const stored = (
					await readStoredExecutions(instance).catch(() => [] as StoredExecution[])
				).filter(
					(e) =>
						e.workflowId === TRIGGER_WORKFLOW_ID && e.status !== 'running' && e.status !== 'new',
				);
				return stored.length ? stored : undefined;
			},
			[instance.logFile],
		);
		const fireMs = Date.now() - finishedAt;
		check(
			executions.length === 1,
			`expected 1 execution of the trigger workflow, n8n stored ${executions.length}`,
		);
		const [execution] = executions;
		check(
			execution.mode === 'trigger' && execution.status === 'success',
			`the trigger's execution has mode ${execution.mode}, status ${execution.status}`,
		);
		const items = execution.data.resultData?.runData?.[TRIGGER_NODE]?.[0]?.data?.main?.[0] ?? [];
		check(items.length === 1, `the trigger emitted ${items.length} items, expected 1`);
		const item = items[0].json;
		check(
			item.runId === runId &&
				item.status === 'failed' &&
				item.dataflowId === flowId &&
				item.dataflowName === FLOW_NAME,
			`the trigger's item is not the failed run: ${JSON.stringify(item)}`,
		);
		const records = item.records as Record<string, unknown>;
		check(
			records?.input === 40 && records?.failed === 40,
			`record counts: ${JSON.stringify(records)}`,
		);
		check(
			JSON.stringify(item.errors).includes('CONNECTOR-2001-500'),
			`errors: ${JSON.stringify(item.errors)}`,
		);
		const alert = execution.data.resultData?.runData?.[ALERT_NODE]?.[0]?.data?.main?.[0] ?? [];
		const subject = alert[0]?.json.subject;
		check(
			alert.length === 1 && subject === `Experience Platform: dataflow "${FLOW_NAME}" failed`,
			`the alert example's message node got ${alert.length} items, subject ${JSON.stringify(subject)}`,
		);
		// What n8n stored of this run holds neither the client secret nor a token (the full scan ran earlier).
		const secrets: Record<string, string> = { 'client secret': emulator.options.clientSecret };
		accessTokensSent(emulator).forEach((token, i) => (secrets[`access token #${i + 1}`] = token));
		const hits = Object.entries(execution.text).flatMap(([part, text]) =>
			findSecretsInText(`trigger execution ${part}`, text, secrets, { tokenPattern: true }),
		);
		check(hits.length === 0, `secrets in the trigger's stored execution:\n${hits.join('\n')}`);
		const polls = runsPolls(emulator) - pollsBefore;
		log(
			`  run ${runId} marked failed; n8n stored the trigger's execution ${(fireMs / 1000).toFixed(1)} s later (${polls} GET /runs requests)`,
		);
		await whileRunning?.(n8n);
		return { runId, fireMs, polls };
	} finally {
		await n8n.stop();
	}
}

/**
 * Issue 21: deactivate, fail runs, reactivate. The trigger's "After a Pause" field (`afterPause`):
 * `catchUp` fires each run that finished while the workflow was inactive once after reactivation;
 * `startFromNow` fires none of them, but a run in progress at reactivation fires when it finishes.
 * Both fire a run that finished before the pause once (before it) and a run that starts and ends
 * after reactivation once.
 */
export const PAUSE_MODES = ['catchUp', 'startFromNow'] as const;
export type PauseMode = (typeof PAUSE_MODES)[number];
const PAUSE_NODE = 'Run failed (after a pause)';
const PAUSE_WORKFLOW_IDS: Record<PauseMode, string> = {
	catchUp: 'e2ePauseCatchUp1',
	startFromNow: 'e2ePauseFromNow1',
};
/**
 * Poll every 5 s: n8n refuses a cron whose seconds field is not one number ("The polling interval
 * is too short"), but takes several Poll Times (the editor's "Add Poll Time"), each once a minute.
 */
const POLL_EVERY_S = 5;
const POLL_TIMES = Array.from({ length: 60 / POLL_EVERY_S }, (_, i) => ({
	mode: 'custom',
	cronExpression: `${i * POLL_EVERY_S} * * * * *`,
}));
const PAUSE_FIRE_MS = 60_000;

/** The runs of one workflow's dataflow, by when they ended. */
interface PauseRuns {
	flowId: string;
	/** Finished before the pause: fired once, before it. */
	before: string;
	/** Finished while inactive: catchUp fires each once, startFromNow none. */
	whileInactive: string[];
	/** Started while inactive, finished after reactivation: fired once. */
	acrossReactivation: string;
	/** Started and finished after reactivation: fired once. */
	after: string;
}

export interface PauseFindings {
	mode: PauseMode;
	/** Run ID -> times it fired. */
	fired: Record<string, number>;
	expected: string[];
	/** Executions of this workflow. */
	executions: number;
}

export interface TriggerPauseFindings {
	modes: PauseFindings[];
	/** GET /runs n8n sent while both workflows were inactive (expected 0). */
	pollsWhileInactive: number;
	ms: number;
}

/** The trigger alone, on Run Failed for one dataflow, polling every POLL_EVERY_S s, with this After a Pause value. */
function pauseWorkflow(
	mode: PauseMode,
	flowId: string,
	credential: { id: string; name: string },
): WorkflowJson {
	return chainWorkflow({
		id: PAUSE_WORKFLOW_IDS[mode],
		name: `e2e: trigger after a pause (${mode})`,
		nodes: [
			{
				name: PAUSE_NODE,
				type: NODE_TYPE.adobeExperiencePlatformTrigger,
				parameters: {
					pollTimes: { item: POLL_TIMES },
					event: 'runFailed',
					scope: 'selected',
					dataflows: { items: [{ dataflowId: { __rl: true, mode: 'id', value: flowId } }] },
					afterPause: mode,
				},
				credentials: { [CREDENTIAL_TYPE]: { ...credential } },
			},
		],
	});
}

const failRun = (emulator: StartedEmulator, runId: string) =>
	emulator.finishRun(runId, {
		status: 'failed',
		errors: [{ code: 'CONNECTOR-2001-500', message: 'e2e: copy failed' }],
	});

/** Run ID -> how often these stored executions (of one workflow) emitted it. */
function firedRuns(executions: StoredExecution[]): Map<string, number> {
	const fired = new Map<string, number>();
	for (const execution of executions)
		for (const item of execution.data.resultData?.runData?.[PAUSE_NODE]?.[0]?.data?.main?.[0] ??
			[]) {
			const id = String(item.json.runId);
			fired.set(id, (fired.get(id) ?? 0) + 1);
		}
	return fired;
}

/** Runs the pause check on a running n8n; `alsoDeactivate`: active workflows to turn off first. */
export type PauseCheck = (
	server: RunningN8n,
	alsoDeactivate?: string[],
) => Promise<TriggerPauseFindings>;

/**
 * Seeds a dataflow per After a Pause value and imports its workflow (inactive) with one CLI call;
 * returns the check, to run on `n8n start`: the owner signs in over REST and activates both (after
 * turning `alsoDeactivate` off, e.g. the alert example, which would fire for these runs too); a run
 * fails and fires; both are deactivated in the editor's way, two runs fail and one starts, and n8n
 * must poll nothing meanwhile; reactivated, and after a poll the run in progress and a new one fail;
 * once they fired and two more polls passed, each workflow's fired runs are checked.
 */
export async function preparePauseCheck(
	instance: N8nInstance,
	emulator: StartedEmulator,
	credential: { id: string; name: string },
	root: string,
): Promise<PauseCheck> {
	const flowIds = await seedDataflows(
		emulator,
		PAUSE_MODES.map((mode) => `e2e pause ${mode}`),
	);
	const file = join(root, 'pause-workflows.json');
	writeFileSync(
		file,
		JSON.stringify(PAUSE_MODES.map((mode, i) => pauseWorkflow(mode, flowIds[i], credential))),
	);
	await n8nCli(instance, ['import:workflow', `--input=${file}`]);
	return (server, alsoDeactivate = []) =>
		runPauseCheck(instance, emulator, flowIds, server, alsoDeactivate);
}

/** E2E_ONLY=pause: the pause check on an `n8n start` of its own. */
export async function triggerPauseCheck(
	instance: N8nInstance,
	emulator: StartedEmulator,
	credential: { id: string; name: string },
	root: string,
): Promise<TriggerPauseFindings> {
	const check = await preparePauseCheck(instance, emulator, credential, root);
	const n8n = await startN8n(instance, 240_000);
	try {
		return await check(n8n);
	} finally {
		await n8n.stop();
	}
}

async function runPauseCheck(
	instance: N8nInstance,
	emulator: StartedEmulator,
	flowIds: string[],
	n8n: RunningN8n,
	alsoDeactivate: string[],
): Promise<TriggerPauseFindings> {
	const started = Date.now();
	const rest = await ownerSession(n8n.baseUrl);
	for (const id of alsoDeactivate) await setWorkflowActive(rest, instance, id, false);
	// First activation, as the editor's Publish (2.x) or Active toggle (1.x) does it.
	for (const mode of PAUSE_MODES)
		await setWorkflowActive(rest, instance, PAUSE_WORKFLOW_IDS[mode], true);
	const runs: PauseRuns[] = flowIds.map((flowId) => ({
		flowId,
		before: '',
		whileInactive: [],
		acrossReactivation: '',
		after: '',
	}));
	const polls = () => runsPolls(emulator);
	/** Waits for `count` poll intervals in which n8n sent GET /runs. */
	const waitForPolls = async (count: number, what: string) => {
		const from = polls();
		const notBefore = Date.now() + count * POLL_EVERY_S * 1000;
		await waitFor(
			`${what}: n8n did not poll ${count} times`,
			count * POLL_EVERY_S * 1000 + 60_000,
			async () => (Date.now() >= notBefore && polls() >= from + count ? true : undefined),
			[instance.logFile],
		);
	};
	/** Waits until each workflow has fired the runs `pick` names. */
	const waitForFired = async (pick: (r: PauseRuns) => string[], what: string) =>
		await waitFor(
			`${what} did not fire`,
			PAUSE_FIRE_MS,
			async () => {
				const stored = await readStoredExecutions(instance).catch(() => []);
				for (const [i, mode] of PAUSE_MODES.entries()) {
					const fired = firedRuns(stored.filter((e) => e.workflowId === PAUSE_WORKFLOW_IDS[mode]));
					if (!pick(runs[i]).every((id) => fired.has(id))) return undefined;
				}
				return true;
			},
			[instance.logFile],
		);

	await waitForPolls(1, 'after activation');
	for (const r of runs) r.before = failRun(emulator, emulator.startRun(r.flowId).id).id;
	await waitForFired((r) => [r.before], 'a run failed before the pause');

	for (const mode of PAUSE_MODES)
		await setWorkflowActive(rest, instance, PAUSE_WORKFLOW_IDS[mode], false);
	const pollsAtPause = polls();
	for (const r of runs) {
		r.whileInactive = [1, 2].map(() => failRun(emulator, emulator.startRun(r.flowId).id).id);
		r.acrossReactivation = emulator.startRun(r.flowId).id;
	}
	await new Promise((resolve) => setTimeout(resolve, 2 * POLL_EVERY_S * 1000));
	const pollsWhileInactive = polls() - pollsAtPause;

	for (const mode of PAUSE_MODES)
		await setWorkflowActive(rest, instance, PAUSE_WORKFLOW_IDS[mode], true);
	await waitForPolls(1, 'after reactivation');
	for (const r of runs) {
		failRun(emulator, r.acrossReactivation);
		r.after = failRun(emulator, emulator.startRun(r.flowId).id).id;
	}
	await waitForFired((r) => [r.acrossReactivation, r.after], 'the runs failed after reactivation');
	// A few more polls: a run fired twice, or late, shows now.
	await waitForPolls(2, 'after the last runs fired');

	const stored = await readStoredExecutions(instance);
	const modes: PauseFindings[] = [];
	for (const [i, mode] of PAUSE_MODES.entries()) {
		const r = runs[i];
		const executions = stored.filter((e) => e.workflowId === PAUSE_WORKFLOW_IDS[mode]);
		const fired = firedRuns(executions);
		const expected = [
			r.before,
			...(mode === 'catchUp' ? r.whileInactive : []),
			r.acrossReactivation,
			r.after,
		];
		modes.push({
			mode,
			fired: Object.fromEntries(fired),
			expected,
			executions: executions.length,
		});
	}
	const findings: TriggerPauseFindings = {
		modes,
		pollsWhileInactive,
		ms: Date.now() - started,
	};
	log(`  ${pauseSummary(findings)}`);
	const problems: string[] = [];
	if (pollsWhileInactive)
		problems.push(`n8n sent ${pollsWhileInactive} GET /runs while both workflows were inactive`);
	for (const [i, m] of modes.entries()) {
		const label = (id: string) => {
			const r = runs[i];
			if (id === r.before) return `${id} (failed before the pause)`;
			if (r.whileInactive.includes(id)) return `${id} (failed while inactive)`;
			if (id === r.acrossReactivation) return `${id} (in progress at reactivation)`;
			if (id === r.after) return `${id} (started and failed after reactivation)`;
			return `${id} (not a run of this test)`;
		};
		const wrong = [...new Set([...m.expected, ...Object.keys(m.fired)])]
			.filter((id) => (m.fired[id] ?? 0) !== (m.expected.includes(id) ? 1 : 0))
			.map(
				(id) =>
					`${label(id)} fired ${m.fired[id] ?? 0} times, expected ${m.expected.includes(id) ? 1 : 0}`,
			);
		if (wrong.length) problems.push(`After a Pause = ${m.mode}: ${wrong.join('; ')}`);
		const failed = stored.filter(
			(e) => e.workflowId === PAUSE_WORKFLOW_IDS[m.mode] && e.status !== 'success',
		);
		if (failed.length)
			problems.push(`After a Pause = ${m.mode}: ${failed.length} executions did not succeed`);
	}
	check(
		problems.length === 0,
		`the trigger after a pause does not match the editor's notice:\n  ${problems.join('\n  ')}`,
		[instance.logFile],
	);
	return findings;
}

/** One line per mode: what fired, what was expected. */
export function pauseSummary(f: TriggerPauseFindings): string {
	return (
		f.modes
			.map(
				(m) =>
					`${m.mode}: ${Object.values(m.fired).reduce((a, b) => a + b, 0)} items in ${m.executions} executions for ${m.expected.length} expected runs ` +
					`(fired ${Object.entries(m.fired)
						.map(([id, n]) => `${id.slice(0, 8)}x${n}`)
						.join(', ')})`,
			)
			.join('; ') +
		`; ${f.pollsWhileInactive} GET /runs while inactive; ${(f.ms / 1000).toFixed(0)} s`
	);
}
