/**
 * Leak scan of what n8n stored about the runs (sqlite: execution_entity, execution_data,
 * execution_metadata), read after the runs have ended: successful `n8n execute` runs, failed runs
 * (status error, `resultData.error` with `error.node`) and the Error Trigger runs they started
 * (mode error). Two scopes:
 *
 *  1. The whole stored execution (entity row, run data, the workflow snapshot, metadata): the client
 *     secret, every access token and every credential secret (the Redshift Sign-In credential's
 *     password). No node parameter or item holds those, so they belong nowhere; text shaped like an
 *     emulator token counts too (a token issued but never sent).
 *  2. Our node's part of the run data (resultData.runData of every node of our type in the stored
 *     workflow snapshot: output items, error, hints, metadata), the execution-level error (with
 *     `error.node`), and the whole run data of every Error Trigger run (its item carries the failed
 *     run's error and node, the thing teams forward to chat or email): every Redshift password (node
 *     parameters, values that reached our node through expressions, and everything the emulator was
 *     sent or stored). Not scanned for passwords: the workflow snapshot (a Fields-mode node holds
 *     them by design) and other nodes' data (a Code or Set node that carries a password into our
 *     node outputs it legitimately); executionData's stack is empty in a finished run and would hold
 *     our node's input, not its output.
 *
 * Controls, so that a scan that cannot find anything fails: every run is stored once with the
 * status expected; every failed run stored `error.node` with our node's parameters; every connection
 * id the emulator holds is in scope 2; the same search over the fault run's Code node (decoded, and
 * the raw stored text) finds each of its passwords; every token matches the pattern.
 */
import type { StartedEmulator } from '../emulator';
import { FAULT_CODE_NODE, FAULT_WORKFLOW_ID, type FaultRun } from './fault-check';
import { readStoredExecutions, type StoredExecution } from './lib/executions';
import { warnings, type N8nInstance } from './lib/n8n';
import { accessTokensSent, passwordsSeen } from '../support/emulatorQueries';
import { EMULATOR_TOKEN_PATTERN, MIN_SECRET_LENGTH, findSecretsInText } from '../support/secrets';
import { NODE_TYPE } from '../support/workflow';
import { check, log } from './lib/steps';

export interface StoredScanFindings {
	executions: number;
	/** Of `executions`: runs that failed, and Error Trigger runs. */
	failed: number;
	errorTrigger: number;
	secrets: number;
	passwords: number;
}

/** Every Redshift password the emulator was sent or stored, labelled. */
function emulatorPasswords(emulator: StartedEmulator): Record<string, string> {
	return Object.fromEntries(
		passwordsSeen(emulator).map((value, i) => [
			`Redshift password #${i + 1} the emulator received`,
			value,
		]),
	);
}

/**
 * The texts of scope 2, as JSON: our node's run data and the execution error; for an Error Trigger
 * run (mode error), its whole run data.
 */
function ourNodesText(execution: StoredExecution): string {
	if (execution.mode === 'error') return JSON.stringify(execution.data.resultData ?? null);
	const runData = execution.data.resultData?.runData ?? {};
	const ours = execution.workflow.nodes
		.filter((node) => node.type === NODE_TYPE.adobeRedshiftConnection)
		.map((node) => node.name);
	return JSON.stringify({
		runData: Object.fromEntries(ours.map((name) => [name, runData[name] ?? null])),
		error: execution.data.resultData?.error ?? null,
	});
}

/**
 * Scans stored executions in the two scopes described above: `everywhere` (plus text shaped like
 * an emulator token) in every stored part, `passwords` in our node's run data and the execution
 * error. Returns one line per hit. Control: every connection the emulator holds must appear in
 * our node's stored output, else the scan could not see leaks (CheckFailure).
 */
export function scanStoredExecutions(
	executions: StoredExecution[],
	everywhere: Record<string, string>,
	passwords: Record<string, string>,
	emulator: StartedEmulator,
): string[] {
	const hits: string[] = [];
	let ourText = '';
	for (const execution of executions) {
		const where = `execution ${execution.id} (${execution.workflowId})`;
		if (execution.status === 'error') {
			// Control: the scan reads the stored error.node; a run that stored none would prove nothing.
			const node = (
				execution.data.resultData?.error as
					| { node?: { type?: string; parameters?: unknown } }
					| undefined
			)?.node;
			check(
				node?.type === NODE_TYPE.adobeRedshiftConnection && node.parameters,
				`${where} failed without our node in resultData.error.node; the scan of error.node would prove nothing`,
			);
		}
		for (const [part, text] of Object.entries(execution.text))
			hits.push(...findSecretsInText(`${where} ${part}`, text, everywhere, { tokenPattern: true }));
		const ours = ourNodesText(execution);
		const scope =
			execution.mode === 'error'
				? "Error Trigger run's data"
				: "our node's run data or the execution error";
		hits.push(...findSecretsInText(`${where} ${scope}`, ours, passwords));
		ourText += ours;
	}
	for (const connection of emulator.connections()) {
		check(
			ourText.includes(connection.id),
			`connection id ${connection.id} is in no stored output of our node; the scan would miss leaks`,
		);
	}
	return hits;
}

export async function storedExecutionsLeakCheck(
	instance: N8nInstance,
	emulator: StartedEmulator,
	input: {
		/** Workflow ids in the order they were executed (one stored execution each, status success). */
		executed: string[];
		/** Workflow ids of runs that failed (one stored execution each, status error). */
		failed?: string[];
		/** The Error Trigger workflow's id once per run it made (mode error, status success). */
		errorTriggerRuns?: string[];
		/** Secrets of credentials other than Adobe's (e.g. the Redshift Sign-In password): searched everywhere. */
		credentialSecrets?: Record<string, string>;
		/** Passwords typed into our node's parameters (labelled). */
		parameterPasswords: Record<string, string>;
		faultRun: FaultRun;
	},
): Promise<StoredScanFindings> {
	const executions = await readStoredExecutions(instance);

	const failed = input.failed ?? [];
	const errorTriggerRuns = input.errorTriggerRuns ?? [];
	const storedIds = executions.map((e) => e.workflowId).sort();
	const executedIds = [...input.executed, ...failed, ...errorTriggerRuns].sort();
	check(
		JSON.stringify(storedIds) === JSON.stringify(executedIds),
		`n8n stored executions of [${storedIds.join(', ')}], the e2e ran [${executedIds.join(', ')}]`,
	);
	for (const execution of executions) {
		const expected =
			execution.mode === 'error'
				? 'success'
				: failed.includes(execution.workflowId)
					? 'error'
					: 'success';
		check(
			execution.status === expected,
			`stored execution ${execution.id} (${execution.workflowId}, mode ${execution.mode}) has status ${execution.status}, expected ${expected}`,
		);
		check(
			execution.mode !== 'error' || errorTriggerRuns.includes(execution.workflowId),
			`stored execution ${execution.id} (${execution.workflowId}) is an error-workflow run the e2e did not expect`,
		);
	}

	// Scope 1 secrets: the client secret and every token a request carried.
	const everywhere: Record<string, string> = {
		'client secret': emulator.options.clientSecret,
		...input.credentialSecrets,
	};
	const tokens = new Set(accessTokensSent(emulator));
	check(tokens.size > 0, 'no access token reached the emulator');
	[...tokens].forEach((t, i) => (everywhere[`access token #${i + 1}`] = t));
	// Control: the pattern search stands for tokens not in the list; it must match the real ones.
	for (const token of tokens)
		check(
			EMULATOR_TOKEN_PATTERN.test(token),
			'an access token does not match EMULATOR_TOKEN_PATTERN; the pattern search would miss tokens',
		);
	if (tokens.size !== emulator.tokensIssued()) {
		warnings.push(
			`${instance.n8n.version}: IMS issued ${emulator.tokensIssued()} tokens, ${tokens.size} reached a request; the stored-execution scan finds the others by pattern only`,
		);
	}

	// Scope 2 secrets: every password, however it reached our node (each value once, under its most telling label).
	const passwords: Record<string, string> = {};
	// Credential secrets are already searched everywhere.
	const labelled = new Set<string>(Object.values(input.credentialSecrets ?? {}));
	const addPassword = (label: string, value: string) => {
		if (labelled.has(value)) return;
		labelled.add(value);
		passwords[label] = value;
	};
	for (const [label, value] of Object.entries(input.parameterPasswords)) addPassword(label, value);
	input.faultRun.items.forEach((item, i) =>
		addPassword(`Redshift password of fault item ${i}`, item.password),
	);
	for (const [label, value] of Object.entries(emulatorPasswords(emulator)))
		addPassword(label, value);
	for (const [label, value] of Object.entries(passwords)) {
		check(
			value.length >= MIN_SECRET_LENGTH,
			`${label} is shorter than ${MIN_SECRET_LENGTH} characters; it would match ordinary text`,
		);
	}

	const hits = scanStoredExecutions(executions, everywhere, passwords, emulator);
	// Control: the search finds passwords n8n stored.
	const fault = executions.find((e) => e.workflowId === FAULT_WORKFLOW_ID);
	check(fault, 'the fault run was not stored');
	const controlPasswords = Object.fromEntries(
		input.faultRun.items.map((item, i) => [`fault item ${i}`, item.password]),
	);
	const codeNodeText = JSON.stringify(fault.data.resultData?.runData?.[FAULT_CODE_NODE] ?? null);
	for (const [label, text] of [
		['decoded Code node output', codeNodeText],
		['raw execution_data.data', fault.text.data],
	] as const) {
		const found = findSecretsInText(label, text, controlPasswords).length;
		check(
			found === input.faultRun.items.length,
			`control: the search found ${found} of the ${input.faultRun.items.length} passwords in the fault run's ${label}; it cannot be trusted to find leaks`,
		);
	}

	check(hits.length === 0, `secrets in n8n's stored executions:\n${hits.join('\n')}`);
	const secrets = Object.keys(everywhere).length + Object.keys(passwords).length;
	log(
		`  scanned ${executions.length} stored executions: ${Object.keys(everywhere).length} secrets everywhere, ${Object.keys(passwords).length} passwords in our node's data; controls found`,
	);
	return {
		executions: executions.length,
		failed: executions.filter((e) => e.status === 'error').length,
		errorTrigger: executions.filter((e) => e.mode === 'error').length,
		secrets,
		passwords: Object.keys(passwords).length,
	};
}
