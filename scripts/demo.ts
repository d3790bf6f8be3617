/**
 * `npm run demo`: the whole pipeline in n8n's engine against the local Adobe emulator, no Adobe
 * account needed:
 *   1. the alert example (examples/alert-on-failed-runs.json) is activated: its Adobe Experience
 *      Platform Trigger polls once and starts from now;
 *   2. the demo workflow runs: base connection (Redshift Sign-In credential) -> Dataflow > Create
 *      From Table (source connection, target connection, auto-mapped mapping set, dataflow) ->
 *      Flow Run > Run Now;
 *   3. the emulator's control finishes that run as failed; the trigger's next poll reports it and
 *      the alert example runs with it.
 * Prints a summary of each step. Loopback only, no prompts; exits non-zero with a message on any failure.
 */
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { startEmulator, type StartedEmulator } from '../test/emulator';
import {
	createPoller,
	loadWorkflow,
	runWorkflow,
	type HarnessCredential,
	type RunResult,
	type WorkflowDefinition,
} from '../test/support/engine/harness';
import { emulatorCredential } from '../test/support/credentials';
import { fillPlaceholders, readExample } from '../test/support/examples';

const WORKFLOW_FILE = path.join(
	__dirname,
	'..',
	'test',
	'engine',
	'workflows',
	'demo.workflow.json',
);
const ALERT_EXAMPLE = 'alert-on-failed-runs.json';
const TRIGGER_NODE = 'Failed run';
const ALERT_NODE = 'Send alert (replace with Slack/e-mail)';
const SIGN_IN = {
	server: 'orders.abc123xyz789.us-west-2.redshift.amazonaws.com',
	port: 5439,
	username: 'aep_reader',
	password: 'demo-redshift-Passw0rd',
	database: 'orders',
};

/** The stored credentials a workflow refers to, pointing at the emulator (ids and names from its nodes). */
function credentialsFor(
	workflow: WorkflowDefinition,
	emulator: StartedEmulator,
): HarnessCredential[] {
	const refs = new Map<string, { type: string; id: string; name: string }>();
	for (const node of workflow.nodes) {
		for (const [type, ref] of Object.entries(node.credentials ?? {}))
			if (ref.id) refs.set(ref.id, { type, id: ref.id, name: ref.name });
	}
	return [...refs.values()].map((ref) =>
		ref.type === 'adobeExperiencePlatformApi'
			? emulatorCredential(emulator, {}, ref)
			: { ...ref, data: { ...SIGN_IN } },
	);
}

function succeeded(result: RunResult, what: string): RunResult {
	if (result.error) {
		const { message, description } = result.error;
		throw new Error(`${what} failed: ${message}${description ? `\n${description}` : ''}`);
	}
	return result;
}

function only(result: RunResult, node: string): IDataObject {
	const items = result.outputOf(node).map((item) => item.json);
	if (items.length !== 1) throw new Error(`Expected 1 item from "${node}", got ${items.length}`);
	return items[0];
}

const line = (label: string, value: unknown) => `  ${label.padEnd(20)} ${String(value)}`;

async function main(): Promise<void> {
	const started = Date.now();
	let emulator: StartedEmulator | undefined;
	try {
		emulator = await startEmulator({ hosting: 'any' });
		const out: string[] = [
			`Adobe emulator at ${emulator.baseUrl}; every step runs in n8n's engine (n8n-core).`,
			'',
		];

		const alert = readExample<WorkflowDefinition>(ALERT_EXAMPLE);
		const poller = createPoller(alert, TRIGGER_NODE, {
			credentials: credentialsFor(alert, emulator),
		});
		const activation = await poller.poll();
		if (activation.error) throw activation.error;
		out.push(
			`1. Activated examples/${ALERT_EXAMPLE}: its trigger (Run Failed, every dataflow) polled once and starts from now.`,
			'',
		);

		const chain = loadWorkflow(WORKFLOW_FILE);
		const unknown = fillPlaceholders(chain.nodes, emulator);
		if (unknown.length) throw new Error(`${WORKFLOW_FILE}: no value for ${unknown.join(', ')}`);
		const result = succeeded(
			await runWorkflow(chain, { credentials: credentialsFor(chain, emulator) }),
			`"${chain.name}"`,
		);
		const connection = only(result, 'Create connection');
		const flow = only(result, 'Create From Table');
		const run = only(result, 'Run Now');
		const mapping = flow.autoMapping as { matched?: unknown[]; unmappedColumns?: unknown[] };
		out.push(
			`2. Ran "${chain.name}":`,
			line('base connection', `${connection.name} (${connection.id})`),
			line('source connection', flow.sourceConnectionId),
			line('target connection', `${flow.targetConnectionId} -> dataset ${flow.datasetId}`),
			line(
				'mapping set',
				`${flow.mappingSetId} (${mapping.matched?.length ?? 0} columns auto-mapped, ${mapping.unmappedColumns?.length ?? 0} unmapped)`,
			),
			line('dataflow', `${flow.name} (${flow.dataflowId}), flow spec ${flow.flowSpecId}`),
			line('Run Now', `run ${run.id}, window ${run.windowStart} .. ${run.windowEnd}`),
			'',
		);

		emulator.finishRun(String(run.id), {
			status: 'failed',
			inputRecordCount: 120,
			outputRecordCount: 100,
			failedRecordCount: 20,
			errors: [{ code: 'CONNECTOR-2001-500', message: 'Demo: the emulator failed this run' }],
		});
		out.push(`3. The emulator's control finished run ${run.id} as failed.`, '');

		const poll = await poller.poll();
		if (poll.error) throw poll.error;
		if (poll.emitted.length !== 1 || poll.emitted[0].json.runId !== run.id)
			throw new Error(`The trigger reported ${poll.emitted.length} runs, expected run ${run.id}`);
		const fired = poll.emitted[0].json;
		const records = fired.records as { input: number; output: number; failed: number };
		out.push(
			"4. The trigger's next poll reported it:",
			line('run', `${fired.runId}: ${fired.status}`),
			line('dataflow', `${fired.dataflowName} (${fired.dataflowId})`),
			line('records', `${records.input} read, ${records.output} written, ${records.failed} failed`),
			line(
				'errors',
				(fired.errors as Array<{ code: string; message: string; activity?: string }>)
					.map((e) => `${e.code}: ${e.message}${e.activity ? ` (${e.activity})` : ''}`)
					.join('; '),
			),
			'',
		);

		const alerted = succeeded(
			await runWorkflow(alert, {
				credentials: credentialsFor(alert, emulator),
				triggeredBy: { node: TRIGGER_NODE, items: poll.emitted },
			}),
			`"${alert.name}"`,
		);
		const message = only(alerted, ALERT_NODE);
		out.push(
			`5. The alert workflow ran with it; "${ALERT_NODE}" got:`,
			line('subject', message.subject),
			...String(message.text)
				.split('\n')
				.map((text, i) => line(i === 0 ? 'text' : '', text)),
			'',
		);

		out.push(
			`IMS tokens issued: ${emulator.tokensIssued()}; requests to the emulator: ${emulator.requests().length}`,
			`Finished in ${((Date.now() - started) / 1000).toFixed(1)} s`,
			'',
		);
		process.stdout.write(out.join('\n'));
	} finally {
		await emulator?.close();
	}
}

main().then(
	// Exit explicitly: keep-alive sockets of n8n's HTTP client must not hold the demo open.
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(
			`Demo failed: ${error instanceof Error ? error.message : String(error)}\n`,
		);
		process.exit(1);
	},
);
