/**
 * Issue 10 in real n8n: the two "On Error: Continue" modes route a failed item as n8n promises, and
 * a gateway that rejects every token costs at most 2 token requests for a 30-item run.
 *
 * - On Error runs: Manual Trigger -> Code (2 items) -> Adobe Redshift Connection create. Item 0 is
 *   valid, item 1 has Port "abc" (refused before any request). "continueErrorOutput": item 0 on
 *   output 0, item 1 on output 1 (the error output), each paired with its input. "continueRegularOutput":
 *   both on output 0, item 1 an error item.
 * - Token storm: its own credential (no token stored), 30 Get items at concurrency 1, while the
 *   emulator answers every Flow Service request with 401013. Every item fails with the 401
 *   explanation (which names the IMS URL / Platform URL environment rule) and IMS issues at most 2
 *   tokens.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { StartedEmulator } from '../emulator';
import { CREDENTIAL_TYPE, itemsWorkflow, type WorkflowJson } from '../support/workflow';
import { n8nExecute, outputsOf, type ExecutedItem, type N8nInstance } from './lib/n8n';
import { check, log } from './lib/steps';

export const STORM_CREDENTIAL = { id: 'e2eAepStormCrd01', name: 'AEP (emulator, token storm)' };
const STORM_ITEMS = 30;
const NODE = 'Adobe Redshift Connection';
const CODE = 'Items';

type OnError = 'continueErrorOutput' | 'continueRegularOutput';
export const ON_ERROR_WORKFLOWS: Record<OnError, string> = {
	continueErrorOutput: 'e2eOnErrorOut001',
	continueRegularOutput: 'e2eOnErrorReg001',
};
export const STORM_WORKFLOW_ID = 'e2eTokenStorm001';

type Workflow = WorkflowJson;

function workflow(
	id: string,
	name: string,
	items: Array<Record<string, unknown>>,
	node: { onError: OnError; parameters: INodeParameters },
	credentialRef: { id: string; name: string },
): Workflow {
	const { onError, parameters } = node;
	return itemsWorkflow({
		id,
		name,
		items: items as IDataObject[],
		itemsNode: CODE,
		nodes: [
			{
				name: NODE,
				typeVersion: 1.1,
				parameters,
				credentials: { [CREDENTIAL_TYPE]: { ...credentialRef } },
				settings: { onError },
			},
		],
	});
}

export interface OnErrorRuns {
	workflows: Workflow[];
	/** The Redshift password typed into the On Error workflows' node (for the leak scans). */
	password: string;
	names: string[];
}

/** The three workflows; `credentialRef` is the e2e's ordinary credential. */
export function prepareOnErrorRuns(credentialRef: { id: string; name: string }): OnErrorRuns {
	const tag = randomBytes(3).toString('hex');
	const password = `e2e-onerror-pw-${randomBytes(12).toString('hex')}`;
	const names: string[] = [];
	const workflows = (Object.keys(ON_ERROR_WORKFLOWS) as OnError[]).map((onError) => {
		const name = `E2E ${onError} ${tag}`;
		names.push(name);
		return workflow(
			ON_ERROR_WORKFLOWS[onError],
			`E2E: On Error = ${onError}`,
			[{ port: 5439 }, { port: 'abc' }],
			{
				onError,
				parameters: {
					resource: 'baseConnection',
					operation: 'create',
					hosting: 'azure',
					name,
					redshiftSignInFrom: 'fields',
					server: 'e2e-onerror.abc123xyz789.us-west-2.redshift.amazonaws.com',
					port: '={{ $json.port }}',
					username: 'e2e_onerror',
					password,
					database: 'dev',
				},
			},
			credentialRef,
		);
	});
	workflows.push(
		workflow(
			STORM_WORKFLOW_ID,
			'E2E: a gateway that rejects every token',
			Array.from({ length: STORM_ITEMS }, () => ({ id: randomUUID() })),
			{
				onError: 'continueRegularOutput',
				parameters: {
					resource: 'baseConnection',
					operation: 'get',
					connectionId: '={{ $json.id }}',
					options: { concurrency: 1, maxRetries: 0 },
				},
			},
			STORM_CREDENTIAL,
		),
	);
	return { workflows, password, names };
}

/** Runs `workflowId` with `n8n execute` (noted in `executed`); it must not fail. Returns the node's outputs. */
async function executeForOutputs(
	instance: N8nInstance,
	executed: string[],
	workflowId: string,
	timeoutMs = 60_000,
): Promise<ExecutedItem[][]> {
	executed.push(workflowId);
	return outputsOf(await n8nExecute(instance, workflowId, { timeoutMs }), NODE);
}

const pairedWith = (item: ExecutedItem) =>
	(item.pairedItem as { item?: unknown } | undefined)?.item;

/** Runs both On Error workflows and checks where each item went. */
export async function onErrorCheck(
	instance: N8nInstance,
	executed: string[],
	runs: OnErrorRuns,
): Promise<{ errorOutput: number; regular: number }> {
	const [success = [], failed = []] = await executeForOutputs(
		instance,
		executed,
		ON_ERROR_WORKFLOWS.continueErrorOutput,
	);
	check(
		success.length === 1 &&
			success[0].json.name === runs.names[0] &&
			typeof success[0].json.id === 'string' &&
			pairedWith(success[0]) === 0,
		`success output: ${JSON.stringify(success)}`,
	);
	check(
		failed.length === 1 && pairedWith(failed[0]) === 1,
		`error output: ${JSON.stringify(failed)}`,
	);
	check(
		String(failed[0].json.error).includes('"Port"'),
		`the error item does not name the Port field: ${JSON.stringify(failed[0].json)}`,
	);

	const [regular = [], extra = []] = await executeForOutputs(
		instance,
		executed,
		ON_ERROR_WORKFLOWS.continueRegularOutput,
	);
	check(extra.length === 0, `continueRegularOutput put ${extra.length} items on a second output`);
	check(
		regular.length === 2 && pairedWith(regular[0]) === 0 && pairedWith(regular[1]) === 1,
		`regular output pairing: ${JSON.stringify(regular.map((item) => item.pairedItem))}`,
	);
	check(
		typeof regular[0].json.id === 'string' && String(regular[1].json.error).includes('"Port"'),
		`regular output: ${JSON.stringify(regular.map((item) => item.json))}`,
	);
	log(`  error output: 1 success + 1 error item routed; regular output: 2 items in place`);
	return { errorOutput: failed.length, regular: regular.length };
}

/** Runs the token-storm workflow while every Flow Service request gets a 401. */
export async function tokenStormCheck(
	instance: N8nInstance,
	emulator: StartedEmulator,
	executed: string[],
): Promise<{ items: number; tokensIssued: number; requests: number }> {
	const before = emulator.requests().length;
	const tokensBefore = emulator.tokensIssued();
	// At most what the node may send: the first item's request and its one re-send in n8n's
	// throwing mode (which n8n sends with the held token, then once more after the refresh), then
	// one request per remaining item.
	const allowed = STORM_ITEMS + 2;
	emulator.failNext({ path: /^\/data\/foundation\/flowservice\// }, 10_000, {
		status: 401,
		body: { error_code: '401013', message: 'Oauth token is not valid' },
	});
	let items: ExecutedItem[];
	try {
		[items = []] = await executeForOutputs(instance, executed, STORM_WORKFLOW_ID, 90_000);
	} finally {
		emulator.clearFaults();
	}
	check(items.length === STORM_ITEMS, `expected ${STORM_ITEMS} items, got ${items.length}`);
	items.forEach((item, i) => {
		check(pairedWith(item) === i, `item ${i} is paired with ${JSON.stringify(item.pairedItem)}`);
		check(
			String(item.json.error).includes('401013'),
			`item ${i} is not the 401 error: ${JSON.stringify(item.json)}`,
		);
	});
	const tokensIssued = emulator.tokensIssued() - tokensBefore;
	const requests = emulator
		.requests()
		.slice(before)
		.filter((entry) => entry.path.startsWith('/data/foundation/flowservice/'));
	check(
		tokensIssued <= 2,
		`a 30-item run against a gateway that rejects every token made IMS issue ${tokensIssued} tokens (at most 2 allowed)`,
	);
	check(
		requests.length <= allowed && requests.every((entry) => entry.fault !== undefined),
		`expected at most ${allowed} Flow Service requests, all rejected; the emulator saw ${requests.length}`,
	);
	log(
		`  ${STORM_ITEMS} items failed with 401013, ${tokensIssued} token requests, ${requests.length} Flow Service requests`,
	);
	return { items: STORM_ITEMS, tokensIssued, requests: requests.length };
}
