/**
 * Issue 9 in real n8n: a failed run and the Error Trigger workflow it starts carry no Redshift
 * password. `n8n execute` cannot show this: it exits when the failed run ends, while n8n starts the
 * error workflow without waiting for it (measured on 2.40.7: the CLI throws the run's error and the
 * error workflow is a fire-and-forget promise). So the failing workflows are webhook-triggered,
 * activated (on 2.x the Error Trigger workflow too, see `activate`), and called on a running
 * `n8n start`, bounded in time and stopped by PID.
 *
 * Two failing workflows, Webhook -> Adobe Redshift Connection create (no Continue On Fail), both
 * with workflow setting `errorWorkflow` = an Error Trigger workflow:
 *  - Fields mode: the password typed in the node (the workflow holds it by design; the error,
 *    `error.node` and the Error Trigger's item must not);
 *  - Credential mode: the password in a Redshift Sign-In credential (it must appear nowhere).
 * Each is called twice: a create that the emulator rejects (400, its message echoing the password)
 * and a name too long for Flow Service (refused before any request). Expected: 4 failed runs, 4
 * Error Trigger runs, each holding the failed node (`execution.error.node`) with its password
 * masked. Then the Credential-mode workflow is exported (`n8n export:workflow`) for the leak scan.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { StartedEmulator } from '../emulator';
import { readStoredExecutions, type StoredExecution } from './lib/executions';
import { activateWorkflows, activatesByPublish, n8nCli, type N8nInstance } from './lib/n8n';
import { startN8n } from './lib/server';
import { check, log } from './lib/steps';
import {
	chainWorkflow,
	webhookNode,
	CREDENTIAL_TYPE,
	NODE_TYPE,
	type WorkflowJson,
} from '../support/workflow';

export const REDSHIFT_SIGN_IN_CREDENTIAL_TYPE = 'aepRedshiftSignInApi';
export const SIGN_IN_CREDENTIAL = { id: 'e2eRedshiftSign1', name: 'Redshift sign-in (e2e)' };
export const ERROR_WORKFLOW_ID = 'e2eErrorTrigger1';
const NODE = 'Create connection';
const ERROR_TRIGGER = 'Error Trigger';
/** Flow Service allows 256 characters in a connection name; longer is refused before any request. */
const TOO_LONG_NAME = 'x'.repeat(300);
/** A webhook answer and the Error Trigger run take seconds here; a minute means something is stuck. */
const SETTLE_MS = 120_000;

type Mode = 'fields' | 'credential';
const FAILING: Record<Mode, { id: string; path: string }> = {
	fields: { id: 'e2eFailFields001', path: 'e2e-fail-fields' },
	credential: { id: 'e2eFailCredent01', path: 'e2e-fail-credential' },
};

export interface ErrorWorkflowRuns {
	workflows: WorkflowJson[];
	/** The Redshift Sign-In credential to import (its password belongs nowhere in n8n's data). */
	signInCredential: { id: string; name: string; type: string; data: Record<string, unknown> };
	/** Typed into the Fields-mode node: allowed in that workflow's JSON and snapshots only. */
	fieldsPassword: string;
	credentialPassword: string;
	failingWorkflowIds: string[];
}

export interface ErrorWorkflowFindings {
	failedRuns: number;
	errorTriggerRuns: number;
	/** The Credential-mode workflow as `n8n export:workflow` wrote it. */
	exportFile: string;
	/** Every webhook answer n8n gave (status and body), for the leak scan. */
	answersFile: string;
}

function failingWorkflow(
	mode: Mode,
	aepCredential: { id: string; name: string },
	fieldsPassword: string,
): WorkflowJson {
	const signIn =
		mode === 'fields'
			? {
					redshiftSignInFrom: 'fields',
					server: 'e2e-fail.abc123xyz789.us-west-2.redshift.amazonaws.com',
					port: 5439,
					username: 'e2e_fail',
					password: fieldsPassword,
					database: 'dev',
				}
			: { redshiftSignInFrom: 'credential' };
	return chainWorkflow({
		id: FAILING[mode].id,
		name: `E2E: failing create (${mode}), Error Trigger attached`,
		settings: { errorWorkflow: ERROR_WORKFLOW_ID },
		nodes: [
			webhookNode(FAILING[mode].path),
			{
				name: NODE,
				type: NODE_TYPE.adobeRedshiftConnection,
				typeVersion: 1.1,
				parameters: {
					resource: 'baseConnection',
					operation: 'create',
					hosting: 'azure',
					name: '={{ $json.body.name }}',
					...signIn,
				},
				credentials: {
					[CREDENTIAL_TYPE]: { ...aepCredential },
					...(mode === 'credential'
						? { [REDSHIFT_SIGN_IN_CREDENTIAL_TYPE]: { ...SIGN_IN_CREDENTIAL } }
						: {}),
				},
			},
		],
	});
}

/** The workflows (two failing, one Error Trigger) and the sign-in credential, with fresh passwords. */
export function prepareErrorWorkflowRuns(aepCredential: {
	id: string;
	name: string;
}): ErrorWorkflowRuns {
	const fieldsPassword = `e2e-fields-pw-${randomBytes(12).toString('hex')}`;
	const credentialPassword = `e2e-credential-pw-${randomBytes(12).toString('hex')}`;
	const errorWorkflow = chainWorkflow({
		id: ERROR_WORKFLOW_ID,
		name: 'E2E: Error Trigger',
		nodes: [{ name: ERROR_TRIGGER, type: NODE_TYPE.errorTrigger, parameters: {} }],
	});
	return {
		workflows: [
			failingWorkflow('fields', aepCredential, fieldsPassword),
			failingWorkflow('credential', aepCredential, fieldsPassword),
			errorWorkflow,
		],
		signInCredential: {
			...SIGN_IN_CREDENTIAL,
			type: REDSHIFT_SIGN_IN_CREDENTIAL_TYPE,
			data: {
				server: 'e2e-cred.abc123xyz789.us-west-2.redshift.amazonaws.com',
				port: 5439,
				username: 'e2e_cred',
				password: credentialPassword,
				database: 'dev',
			},
		},
		fieldsPassword,
		credentialPassword,
		failingWorkflowIds: Object.values(FAILING).map((f) => f.id),
	};
}

/**
 * Activates the failing workflows (`publish:workflow` on 2.x, `update:workflow --active` on 1.x),
 * and on 2.x the Error Trigger workflow too: 2.40.7 runs only an active error workflow, while
 * 1.123.81 runs any and refuses to activate one whose only trigger is the Error Trigger (that
 * failed activation would itself start it).
 */
async function activate(instance: N8nInstance, failingIds: string[]): Promise<void> {
	await activateWorkflows(
		instance,
		activatesByPublish(instance) ? [...failingIds, ERROR_WORKFLOW_ID] : failingIds,
	);
}

async function callWebhook(url: string, name: string): Promise<{ status: number; body: string }> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name }),
			signal: AbortSignal.timeout(SETTLE_MS),
		});
		const body = await response.text();
		// 404 until n8n has registered the activated workflow's webhook; no execution is started then.
		if (response.status !== 404) return { status: response.status, body };
		check(Date.now() < deadline, `${url} answered 404 for 60 s; the webhook was never registered`);
		await new Promise((r) => setTimeout(r, 1_000));
	}
}

type Item = { json: Record<string, unknown> };

/** The item the Error Trigger received (n8n's workflowErrorData). */
function errorTriggerItem(execution: StoredExecution): {
	execution?: {
		error?: { message?: string; node?: { name?: string; parameters?: Record<string, unknown> } };
	};
	workflow?: { id?: string };
} {
	const runs = execution.data.resultData?.runData?.[ERROR_TRIGGER];
	const items = (runs?.[0]?.data?.main?.[0] ?? []) as Item[];
	check(
		items.length === 1,
		`Error Trigger run ${execution.id} holds ${items.length} items, expected 1`,
	);
	return items[0].json;
}

/**
 * Activates the failing workflows, starts n8n, calls each webhook twice (rejected create, refused
 * name), waits for 4 failed runs and 4 Error Trigger runs in the database, stops n8n (also on
 * failure) and exports the Credential-mode workflow. Checks each Error Trigger item names our node
 * with its password masked (Fields mode) and the failure's message.
 */
export async function errorWorkflowCheck(
	instance: N8nInstance,
	emulator: StartedEmulator,
	runs: ErrorWorkflowRuns,
	root: string,
): Promise<ErrorWorkflowFindings> {
	await activate(instance, runs.failingWorkflowIds);
	const storedBefore = (await readStoredExecutions(instance)).length;
	const answers: Array<{ workflow: string; call: string; status: number; body: string }> = [];
	const n8n = await startN8n(instance, 240_000);
	let stored: StoredExecution[] = [];
	try {
		for (const mode of ['fields', 'credential'] as const) {
			const url = `${n8n.baseUrl}/webhook/${FAILING[mode].path}`;
			const password = mode === 'fields' ? runs.fieldsPassword : runs.credentialPassword;
			const before = emulator.requests().length;
			// The gateway's message echoes the password, as a misbehaving proxy might: n8n must get it scrubbed.
			emulator.failNext({ method: 'post', path: /\/connections$/ }, 1, {
				status: 400,
				body: {
					error_code: '400-E2E',
					message: `Invalid auth.params: password ${password} rejected`,
				},
			});
			try {
				answers.push({
					workflow: FAILING[mode].id,
					call: 'rejected create',
					...(await callWebhook(url, `E2E failing ${mode} ${randomBytes(3).toString('hex')}`)),
				});
			} finally {
				emulator.clearFaults();
			}
			const posts = emulator
				.requests()
				.slice(before)
				.filter((r) => r.method === 'POST' && /\/connections$/.test(r.path));
			check(
				posts.length === 1 && posts[0].fault !== undefined,
				`${mode}: expected 1 rejected POST /connections, the emulator saw ${posts.length}`,
			);
			check(
				posts[0].body.includes(password),
				`${mode}: the rejected create did not carry the ${mode} password; the run did not sign in as expected`,
			);

			const beforeRefused = emulator.requests().length;
			answers.push({
				workflow: FAILING[mode].id,
				call: 'refused name',
				...(await callWebhook(url, TOO_LONG_NAME)),
			});
			const sent = emulator
				.requests()
				.slice(beforeRefused)
				.filter(
					(r) =>
						r.path.startsWith('/data/foundation/flowservice/connections') && r.method === 'POST',
				);
			check(
				sent.length === 0,
				`${mode}: a name over 256 characters still sent ${sent.length} create requests`,
			);
		}
		const deadline = Date.now() + SETTLE_MS;
		for (;;) {
			// A run n8n has only just created may have no execution_data row yet: then read again later.
			const all = await readStoredExecutions(instance).catch(() => undefined);
			if (all) stored = all.slice(storedBefore);
			const done = stored.filter((e) => e.status !== 'running' && e.status !== 'new').length;
			if (all && done >= 8) break;
			check(
				Date.now() < deadline,
				`after ${SETTLE_MS / 1000} s n8n stored ${done} finished executions of the 8 expected (4 failed runs + 4 Error Trigger runs)`,
				[instance.logFile],
			);
			await new Promise((r) => setTimeout(r, 2_000));
		}
	} finally {
		await n8n.stop();
	}

	const failed = stored.filter((e) => runs.failingWorkflowIds.includes(e.workflowId));
	const triggered = stored.filter((e) => e.workflowId === ERROR_WORKFLOW_ID);
	check(
		stored.length === 8 && failed.length === 4 && triggered.length === 4,
		`stored: ${stored.map((e) => `${e.workflowId}/${e.mode}/${e.status}`).join(', ')}`,
	);
	for (const e of failed)
		check(e.status === 'error', `failing run ${e.id} (${e.workflowId}) has status ${e.status}`);
	for (const e of triggered) {
		check(
			e.mode === 'error' && e.status === 'success',
			`Error Trigger run ${e.id} has mode ${e.mode}, status ${e.status}`,
		);
		const item = errorTriggerItem(e);
		const node = item.execution?.error?.node;
		check(
			node?.name === NODE && node.parameters,
			`Error Trigger run ${e.id}: execution.error.node is not our node with its parameters: ${JSON.stringify(node?.name)}`,
		);
		check(
			typeof item.execution?.error?.message === 'string' && item.execution.error.message.length > 0,
			`Error Trigger run ${e.id}: no error message`,
		);
		if (item.workflow?.id === FAILING.fields.id) {
			check(
				node.parameters.password === '***',
				`Error Trigger run ${e.id}: the Fields-mode password in execution.error.node is not masked as "***"`,
			);
		}
	}
	const messages = triggered.map((e) => String(errorTriggerItem(e).execution?.error?.message));
	check(
		messages.filter((m) => m.includes('Connection Name')).length === 2,
		`expected 2 Error Trigger items for the refused name (naming "Connection Name"), got: ${JSON.stringify(messages)}`,
	);

	const answersFile = join(instance.outputDir, 'error-workflow-webhook-answers.json');
	writeFileSync(answersFile, JSON.stringify(answers, null, 2));

	const exportFile = join(root, 'export-credential-mode.json');
	await n8nCli(instance, [
		'export:workflow',
		`--id=${FAILING.credential.id}`,
		`--output=${exportFile}`,
	]);
	const exported = readFileSync(exportFile, 'utf8');
	check(
		exported.includes(NODE_TYPE.adobeRedshiftConnection) &&
			exported.includes(SIGN_IN_CREDENTIAL.id),
		'the export lacks our node or its sign-in credential reference; the scan would prove nothing',
	);
	log(
		`  4 failed runs (2 Fields, 2 Credential), 4 Error Trigger runs, each with our node in execution.error.node; webhook answers ${answers.map((a) => a.status).join('/')}`,
	);
	return { failedRuns: failed.length, errorTriggerRuns: triggered.length, exportFile, answersFile };
}
