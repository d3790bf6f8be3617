/**
 * The headless half of the end-to-end proof: the packed package installed into a real n8n the way
 * its community installer does, a credential and workflows imported with n8n's CLI, each workflow
 * run with `n8n execute`, and the results checked against what the emulator received.
 */
import { deepStrictEqual } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import { startEmulator, type RequestLogEntry, type StartedEmulator } from '../emulator';
import {
	ERROR_WORKFLOW_ID,
	SIGN_IN_CREDENTIAL,
	errorWorkflowCheck,
	prepareErrorWorkflowRuns,
	type ErrorWorkflowFindings,
} from './error-workflow-check';
import {
	FAULT_CREDENTIAL,
	FAULT_WORKFLOW_ID,
	faultCheck,
	prepareFaultRun,
	type FaultFindings,
} from './fault-check';
import {
	STORM_CREDENTIAL,
	onErrorCheck,
	prepareOnErrorRuns,
	tokenStormCheck,
} from './on-error-check';
import {
	TRIGGER_WORKFLOW_ID,
	triggerCheck,
	preparePauseCheck,
	triggerPauseCheck,
	type TriggerFindings,
	type TriggerPauseFindings,
} from './trigger-check';
import {
	createInstance,
	installPackage,
	n8nCli,
	n8nExecute,
	type ExecuteOutput as RunSummary,
	type N8nInstance,
	type N8nVersion,
} from './lib/n8n';
import { REDSHIFT_SIGN_IN_CREDENTIAL_TYPE } from '../../nodes/shared/kernel/constants';
import { emulatorCredential } from '../support/credentials';
import { CREDENTIAL_TYPE, NODE_TYPE, PACKAGE_NAME } from '../support/workflow';
import { EXAMPLES_DIR, exampleFiles, fillPlaceholders, readExample } from '../support/examples';
import { accessTokensSent } from '../support/emulatorQueries';
import { findSecrets } from '../support/secrets';
import { freePort } from './lib/server';
import { check, log, step } from './lib/steps';
import { storedExecutionsLeakCheck, type StoredScanFindings } from './stored-leak-check';

const REDSHIFT_SPEC = { id: '3416976c-a9ca-4bba-901a-1f08f66978ff', version: '1.0' };
export const E2E_CREDENTIAL = { id: 'e2eAepCredent001', name: 'AEP (emulator)' };

interface WorkflowNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}
interface WorkflowFile {
	id?: string;
	name: string;
	nodes: WorkflowNode[];
	[key: string]: unknown;
}

export interface CliFindings {
	version: string;
	tokens: { afterFirstRun: number; afterSecondRun: number; afterAll: number };
	examplesRun: string[];
	faults: FaultFindings;
	/** Issue 10: error items routed by both On Error modes; token requests when the gateway rejects every token. */
	onError: { errorOutput: number; regular: number };
	tokenStorm: { items: number; tokensIssued: number; requests: number };
	/** Issue 9: failed runs (Fields and Credential mode) and the Error Trigger runs they started. */
	errorWorkflow: ErrorWorkflowFindings;
	storedScan: StoredScanFindings;
	/** Issue 13: the activated trigger fired for a run the emulator marked failed. */
	trigger: TriggerFindings;
	/** Issue 21: deactivate, fail runs, reactivate, for each After a Pause value. */
	triggerPause: TriggerPauseFindings;
	instance: N8nInstance;
}

const PAUSE_STEP =
	'deactivate the trigger, fail runs, reactivate: After a Pause (Catch Up, Start From Now) does what the notice says';

/**
 * E2E_ONLY=trigger: only the trigger checks against this n8n version (the package installed, the
 * credential imported, the alert example's check when `withAlertCheck`, then the pause check).
 */
export async function triggerChecksOnly(
	n8n: N8nVersion,
	tarball: string,
	root: string,
	withAlertCheck: boolean,
): Promise<{ trigger?: TriggerFindings; triggerPause: TriggerPauseFindings }> {
	const v = n8n.version;
	const { instance, emulator } = await instanceAndEmulator(n8n, root);
	try {
		await step(`[${v}] install the package into .n8n/nodes`, () =>
			installPackage(instance, tarball),
		);
		await step(`[${v}] n8n import:credentials`, async () => {
			const file = join(root, 'credentials.json');
			writeFileSync(file, JSON.stringify([emulatorCredential(emulator, {}, E2E_CREDENTIAL)]));
			await n8nCli(instance, ['import:credentials', `--input=${file}`]);
		});
		if (withAlertCheck) return await triggerSteps(v, instance, emulator, root);
		const triggerPause = await step(`[${v}] n8n start: ${PAUSE_STEP}`, () =>
			triggerPauseCheck(instance, emulator, E2E_CREDENTIAL, root),
		);
		return { triggerPause };
	} finally {
		await emulator.close();
	}
}

/**
 * The alert example's trigger check, then, on the same `n8n start` (a start saved), the pause check
 * with the alert workflow turned off first (it would fire for the pause check's failed runs).
 */
async function triggerSteps(
	v: string,
	instance: N8nInstance,
	emulator: StartedEmulator,
	root: string,
): Promise<{ trigger: TriggerFindings; triggerPause: TriggerPauseFindings }> {
	const pauseCheck = await preparePauseCheck(instance, emulator, E2E_CREDENTIAL, root);
	let triggerPause: TriggerPauseFindings | undefined;
	const trigger = await step(
		`[${v}] n8n start: the trigger (activated, polling every minute) fires once for a run marked failed; then ${PAUSE_STEP}`,
		() =>
			triggerCheck(instance, emulator, E2E_CREDENTIAL, root, async (server) => {
				triggerPause = await pauseCheck(server, [TRIGGER_WORKFLOW_ID]);
			}),
	);
	return { trigger, triggerPause: triggerPause! };
}

export function newSecret(label: string): string {
	return `e2e-${label}-${randomBytes(12).toString('hex')}`;
}

/**
 * An n8n instance under `root` on free ports (2.x starts a task broker even for CLI commands; a
 * local n8n may hold the defaults) and an emulator whose client ID and secret are new secrets.
 */
export async function instanceAndEmulator(
	n8n: N8nVersion,
	root: string,
): Promise<{ instance: N8nInstance; emulator: StartedEmulator }> {
	const instance = createInstance(n8n, root, {
		port: await freePort(),
		brokerPort: await freePort(),
	});
	const emulator = await startEmulator({
		clientId: newSecret('client'),
		clientSecret: newSecret('secret'),
	});
	return { instance, emulator };
}

/**
 * The workflows the e2e imports: ours, and the project's examples with their FILL_IN values filled
 * (test/support/examples.ts, the rules the engine test uses) and their credentials swapped for the
 * e2e's: the Platform credential and the Redshift Sign-In credential `signIn`.
 */
function collectWorkflows(
	emulator: StartedEmulator,
	signIn: { id: string; name: string },
): Array<{ file: string; workflow: WorkflowFile; example: boolean }> {
	const list: Array<{ file: string; workflow: WorkflowFile; example: boolean }> = [];
	const ours = join(__dirname, 'workflows');
	for (const name of readdirSync(ours)
		.filter((n) => n.endsWith('.json'))
		.sort()) {
		list.push({
			file: join(ours, name),
			workflow: JSON.parse(readFileSync(join(ours, name), 'utf8')) as WorkflowFile,
			example: false,
		});
	}
	for (const name of exampleFiles()) {
		const workflow = readExample<WorkflowFile>(name);
		const unknown = fillPlaceholders(workflow.nodes, emulator);
		check(
			unknown.length === 0,
			`examples/${name} has placeholders the e2e cannot fill: ${unknown.join('; ')} (add a rule to test/support/examples.ts)`,
		);
		// A stable 16-character id derived from the file name, when the example has none.
		workflow.id ??= `ex${createHash('sha1').update(name).digest('hex').slice(0, 14)}`;
		for (const node of workflow.nodes) {
			if (node.credentials?.[CREDENTIAL_TYPE])
				node.credentials[CREDENTIAL_TYPE] = { ...E2E_CREDENTIAL };
			if (node.credentials?.[REDSHIFT_SIGN_IN_CREDENTIAL_TYPE])
				node.credentials[REDSHIFT_SIGN_IN_CREDENTIAL_TYPE] = { ...signIn };
		}
		list.push({ file: join(EXAMPLES_DIR, name), workflow, example: true });
	}
	return list;
}

const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';

/** How many base connections, source and target connections, mapping sets, datasets and dataflows the emulator holds. */
function createdResources(emulator: StartedEmulator): number[] {
	return [
		emulator.connections(),
		emulator.sourceConnections(),
		emulator.targetConnections(),
		emulator.mappingSets(),
		emulator.datasets(),
		emulator.flows(),
	].map((list) => list.length);
}

function outputOf(run: RunSummary, nodeName: string): Array<Record<string, unknown>> {
	const runs = run.data?.resultData?.runData?.[nodeName];
	check(Array.isArray(runs) && runs.length > 0, `node "${nodeName}" did not run`);
	const items = runs[runs.length - 1].data?.main?.[0] ?? [];
	return items.map((item) => item.json);
}

async function execute(
	instance: N8nInstance,
	workflowId: string,
	executed: string[],
): Promise<RunSummary> {
	executed.push(workflowId);
	const parsed = await n8nExecute(instance, workflowId);
	check(
		!parsed.data?.resultData?.error,
		`execution reported an error: ${JSON.stringify(parsed.data?.resultData?.error)}`,
	);
	return parsed;
}

function lastCreateRequest(since: RequestLogEntry[], label: string): RequestLogEntry {
	const posts = since.filter(
		(r) => r.method === 'POST' && /\/data\/foundation\/flowservice\/connections$/.test(r.path),
	);
	check(
		posts.length === 1,
		`${label}: expected exactly one POST /connections, the emulator saw ${posts.length}`,
	);
	return posts[0];
}

/** Passwords typed into our node's parameters (expressions are not secrets; their values are checked elsewhere). */
function parameterPasswords(workflows: Array<{ workflow: WorkflowFile }>): Record<string, string> {
	const secrets: Record<string, string> = {};
	for (const { workflow } of workflows) {
		for (const node of workflow.nodes.filter((n) => n.type === NODE_TYPE.adobeRedshiftConnection)) {
			const updateFields = node.parameters.updateFields as Record<string, unknown> | undefined;
			for (const [field, value] of [
				['password', node.parameters.password],
				['updateFields.password', updateFields?.password],
			] as const) {
				if (typeof value === 'string' && value.length >= 6 && !value.startsWith('=')) {
					secrets[`Redshift password of ${workflow.id}/${node.name} (${field})`] = value;
				}
			}
		}
	}
	return secrets;
}

function checkHeaders(request: RequestLogEntry, emulator: StartedEmulator, sandbox: string): void {
	const h = request.headers;
	check(/^Bearer \S+$/.test(h.authorization ?? ''), 'Authorization header is not "Bearer <token>"');
	check(
		h['x-api-key'] === emulator.options.clientId,
		`x-api-key is not the client id (got "${h['x-api-key']}")`,
	);
	check(
		h['x-gw-ims-org-id'] === emulator.options.orgId,
		`x-gw-ims-org-id is not the org id (got "${h['x-gw-ims-org-id']}")`,
	);
	check(
		h['x-sandbox-name'] === sandbox,
		`x-sandbox-name: expected "${sandbox}", got "${h['x-sandbox-name']}"`,
	);
	check(
		/^application\/json/.test(h['content-type'] ?? ''),
		`Content-Type is not application/json (got "${h['content-type']}")`,
	);
}

function checkCreateOutput(
	json: Record<string, unknown>,
	emulator: StartedEmulator,
	expected: Record<string, unknown>,
): void {
	check(
		typeof json.id === 'string' && json.id.length > 0,
		`output has no id: ${JSON.stringify(json)}`,
	);
	const stored = emulator.connections().find((c) => c.id === json.id);
	check(stored, `output id ${String(json.id)} is not a connection the emulator stored`);
	check(
		json.etag === stored.etag,
		`output etag ${JSON.stringify(json.etag)} differs from the emulator's ${JSON.stringify(stored.etag)}`,
	);
	check(
		/^".+"$/.test(String(json.etag)),
		`etag lost its quote characters: ${JSON.stringify(json.etag)}`,
	);
	for (const [key, value] of Object.entries(expected)) {
		check(
			JSON.stringify(json[key]) === JSON.stringify(value),
			`output ${key}: expected ${JSON.stringify(value)}, got ${JSON.stringify(json[key])}`,
		);
	}
}

/** The exact body Flow Service documents for a Redshift base connection (port as a string). */
function expectedBody(node: WorkflowNode, withSchema: boolean): unknown {
	const p = node.parameters;
	const params: Record<string, string> = {
		server: String(p.server),
		port: String(p.port),
		username: String(p.username),
		password: String(p.password),
		database: String(p.database),
	};
	if (withSchema) params.schema = String(p.schema);
	return {
		name: p.name,
		...(p.description ? { description: p.description } : {}),
		auth: { specName: 'Basic Authentication', params },
		connectionSpec: REDSHIFT_SPEC,
	};
}

function checkBody(request: RequestLogEntry, expected: unknown): void {
	let body: unknown;
	try {
		body = JSON.parse(request.body);
	} catch {
		check(false, 'POST /connections body is not JSON');
	}
	try {
		deepStrictEqual(body, expected);
	} catch {
		const mask = (s: string) => s.replace(/"password":"[^"]*"/g, '"password":"***"');
		check(
			false,
			`POST /connections body differs.\n expected: ${mask(JSON.stringify(expected))}\n      got: ${mask(JSON.stringify(body))}`,
		);
	}
}

export async function cliCheck(
	n8n: N8nVersion,
	tarball: string,
	root: string,
): Promise<CliFindings> {
	const v = n8n.version;
	const { instance, emulator } = await instanceAndEmulator(n8n, root);
	// Every `n8n execute`, in order: n8n must have stored each of them (stored-execution scan).
	const executed: string[] = [];
	const faultRun = prepareFaultRun();
	const onErrorRuns = prepareOnErrorRuns(E2E_CREDENTIAL);
	const errorRuns = prepareErrorWorkflowRuns(E2E_CREDENTIAL);
	try {
		await step(`[${v}] install the package into .n8n/nodes`, () =>
			installPackage(instance, tarball),
		);

		await step(`[${v}] n8n import:credentials`, async () => {
			const file = join(root, 'credentials.json');
			// The fault run has a credential of its own, so that its token count starts from none stored.
			const credentials = [
				...[E2E_CREDENTIAL, FAULT_CREDENTIAL, STORM_CREDENTIAL].map((ref) =>
					emulatorCredential(emulator, {}, ref),
				),
				errorRuns.signInCredential,
			];
			writeFileSync(file, JSON.stringify(credentials));
			await n8nCli(instance, ['import:credentials', `--input=${file}`]);
		});

		const workflows = await step(`[${v}] prepare workflows (ours + examples/)`, async () =>
			collectWorkflows(emulator, SIGN_IN_CREDENTIAL),
		);
		await step(
			`[${v}] n8n import:workflow (${workflows.length} workflows + the fault run)`,
			async () => {
				const dir = join(root, 'workflows');
				mkdirSync(dir, { recursive: true });
				for (const { workflow } of workflows)
					writeFileSync(join(dir, `${workflow.id}.json`), JSON.stringify(workflow));
				writeFileSync(join(dir, `${FAULT_WORKFLOW_ID}.json`), JSON.stringify(faultRun.workflow));
				for (const extra of [...onErrorRuns.workflows, ...errorRuns.workflows])
					writeFileSync(join(dir, `${extra.id}.json`), JSON.stringify(extra));
				await n8nCli(instance, ['import:workflow', '--separate', `--input=${dir}`]);
			},
		);

		const byId = (id: string) => {
			const found = workflows.find((w) => w.workflow.id === id);
			if (!found) throw new Error(`workflow ${id} missing from test/e2e/workflows`);
			return found.workflow;
		};
		const azure = byId('e2eAzureCreate01');
		const aws = byId('e2eAwsCreate0001');
		const ourNode = (wf: WorkflowFile) =>
			wf.nodes.find((n) => n.type === NODE_TYPE.adobeRedshiftConnection)!;
		// Runs a one-create workflow and checks its output, the exact body and the headers Adobe got.
		const executeCreate = async (
			wf: WorkflowFile,
			hosting: 'azure' | 'aws',
			sandboxName: string,
		): Promise<void> => {
			const before = emulator.requests().length;
			const run = await execute(instance, wf.id!, executed);
			const node = ourNode(wf);
			const items = outputOf(run, node.name);
			check(items.length === 1, `expected 1 output item, got ${items.length}`);
			checkCreateOutput(items[0], emulator, {
				name: node.parameters.name,
				hosting,
				sandboxName,
				connectionSpec: REDSHIFT_SPEC,
			});
			const request = lastCreateRequest(emulator.requests().slice(before), hosting);
			checkBody(request, expectedBody(node, hosting === 'aws'));
			checkHeaders(request, emulator, sandboxName);
		};

		const tokens = { afterFirstRun: 0, afterSecondRun: 0, afterAll: 0 };
		for (const round of [1, 2]) {
			await step(`[${v}] n8n execute create-azure (run ${round})`, async () => {
				await executeCreate(azure, 'azure', 'prod');
				tokens[round === 1 ? 'afterFirstRun' : 'afterSecondRun'] = emulator.tokensIssued();
				log(`  tokens issued so far: ${emulator.tokensIssued()}`);
				// Measured on 2.40.7 and 1.123.81: the CLI stores the token preAuthentication returned
				// in the credential, so the second execution reuses it instead of asking IMS again.
				if (round === 1)
					check(
						tokens.afterFirstRun === 1,
						`expected 1 token for the first run, IMS issued ${tokens.afterFirstRun}`,
					);
				else
					check(
						tokens.afterSecondRun === tokens.afterFirstRun,
						`the second run asked IMS for a new token (issued so far: ${tokens.afterSecondRun}); the refreshed token was not persisted`,
					);
			});
		}

		await step(`[${v}] n8n execute create-aws (schema, sandbox override "dev")`, async () => {
			await executeCreate(aws, 'aws', 'dev');
		});

		const examplesRun: string[] = [];
		// Examples started by a manual trigger; the trigger example is activated in trigger-check.ts.
		const manual = workflows.filter(
			(w) => w.example && w.workflow.nodes.some((n) => n.type === MANUAL_TRIGGER),
		);
		for (const { file, workflow } of manual) {
			// Run twice: the second run must create nothing (every create reuses what the first made).
			for (const round of [1, 2]) {
				await step(`[${v}] n8n execute example ${basename(file)} (run ${round})`, async () => {
					const before = createdResources(emulator);
					const run = await execute(instance, workflow.id!, executed);
					// The teardown's second run finds its dataflow gone: its deletes do not run.
					const goneOnRerun = (name: string) =>
						round === 2 && basename(file) === 'teardown-chain.json' && name.startsWith('Delete ');
					for (const node of workflow.nodes.filter((n) => n.type.startsWith(`${PACKAGE_NAME}.`))) {
						if (goneOnRerun(node.name)) {
							check(
								!run.data?.resultData?.runData?.[node.name],
								`${node.name}: ran again on the second run`,
							);
							continue;
						}
						const items = outputOf(run, node.name);
						check(items.length > 0, `${node.name}: no output items`);
						for (const json of items)
							check(
								json.error === undefined && typeof (json.id ?? json.path) === 'string',
								`${node.name}: output item lacks an id: ${JSON.stringify(json)}`,
							);
					}
					const created = createdResources(emulator).map((count, i) => count - before[i]);
					log(
						`  created (connections, source, target, mapping sets, datasets, dataflows): ${created.join(', ')}`,
					);
					if (round === 2)
						check(
							created.every((n) => n === 0),
							`the second run of ${basename(file)} created resources: ${created.join(', ')}`,
						);
				});
			}
			examplesRun.push(basename(file));
		}
		tokens.afterAll = emulator.tokensIssued();

		const faults = await step(
			`[${v}] n8n execute fault run (40 creates, concurrency 4, 429/503/reset-after injected)`,
			async () => {
				executed.push(FAULT_WORKFLOW_ID);
				return faultCheck(instance, emulator, faultRun);
			},
		);

		const onError = await step(
			`[${v}] n8n execute On Error = continueErrorOutput / continueRegularOutput`,
			() => onErrorCheck(instance, executed, onErrorRuns),
		);
		const tokenStorm = await step(
			`[${v}] n8n execute token storm (30 items, every token rejected)`,
			() => tokenStormCheck(instance, emulator, executed),
		);

		const errorWorkflow = await step(
			`[${v}] n8n start: failing runs (Fields + Credential mode) start the Error Trigger workflow`,
			() => errorWorkflowCheck(instance, emulator, errorRuns, root),
		);

		await step(`[${v}] no secret in n8n's output, log or the Credential-mode export`, async () => {
			// The fault run's passwords are not here: its Code node outputs them, and n8n prints that.
			const secrets: Record<string, string> = {
				'client secret': emulator.options.clientSecret,
				...parameterPasswords(workflows),
				'On Error password': onErrorRuns.password,
				'Fields-mode password (failing workflow)': errorRuns.fieldsPassword,
				'Redshift Sign-In credential password': errorRuns.credentialPassword,
			};
			const tokensSeen = new Set(accessTokensSent(emulator));
			check(tokensSeen.size > 0, 'no access token reached the emulator');
			[...tokensSeen].forEach((t, i) => (secrets[`access token #${i + 1}`] = t));
			const files = [
				instance.logFile,
				errorWorkflow.exportFile,
				...readdirSync(instance.outputDir).map((f) => join(instance.outputDir, f)),
			];
			// Positive control: the searched text does hold the runs' output (the connection ids),
			// so an empty or misplaced log cannot make this check pass.
			const searched = files
				.filter(existsSync)
				.map((f) => readFileSync(f, 'utf8'))
				.join('\n');
			for (const connection of emulator.connections()) {
				check(
					searched.includes(connection.id),
					`connection id ${connection.id} is in none of the searched files; the search would miss leaks`,
				);
			}
			const leaks = findSecrets(files, secrets);
			check(leaks.length === 0, `secrets found:\n${leaks.join('\n')}`, files);
			log(`  searched ${files.length} files for ${Object.keys(secrets).length} secrets`);
		});

		const storedScan = await step(`[${v}] no secret in n8n's stored executions (database)`, () =>
			storedExecutionsLeakCheck(instance, emulator, {
				executed,
				failed: errorRuns.failingWorkflowIds.flatMap((id) => [id, id]),
				errorTriggerRuns: Array(errorWorkflow.errorTriggerRuns).fill(ERROR_WORKFLOW_ID),
				credentialSecrets: { 'Redshift Sign-In credential password': errorRuns.credentialPassword },
				parameterPasswords: {
					...parameterPasswords(workflows),
					'On Error password': onErrorRuns.password,
					'Fields-mode password (failing workflow)': errorRuns.fieldsPassword,
				},
				faultRun,
			}),
		);

		const { trigger, triggerPause } = await triggerSteps(v, instance, emulator, root);

		return {
			version: v,
			tokens,
			examplesRun,
			faults,
			onError,
			tokenStorm,
			errorWorkflow,
			storedScan,
			trigger,
			triggerPause,
			instance,
		};
	} finally {
		await emulator.close();
	}
}
