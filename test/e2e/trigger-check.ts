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
import { CREDENTIAL_TYPE } from '../support/workflow';
import { readStoredExecutions, type StoredExecution } from './lib/executions';
import { activateWorkflows, n8nCli, type N8nInstance } from './lib/n8n';
import { startN8n } from './lib/server';
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
		return { runId, fireMs, polls };
	} finally {
		await n8n.stop();
	}
}
