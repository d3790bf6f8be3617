/**
 * The queue run's chain round (issue 21): the same Dataflow › Create From Table for the same tables
 * sent as concurrent webhook executions, which n8n's two workers run side by side. The emulator
 * delays every create before processing it, so executions of one table interleave between their
 * look-up and their create. Passes only if each table ends with exactly one chain (one source
 * connection, one target connection, one dataflow per base connection + table + dataset, counted
 * in what the emulator stores), every execution succeeded, and every execution's output names that
 * chain.
 */
import type { EmulatorTable, StartedEmulator } from '../emulator';
import { DEFAULT_TABLES } from '../emulator';
import type { StoredExecution } from '../e2e/lib/executions';
import { check, log } from '../e2e/lib/steps';
import { CREDENTIAL_TYPE, NODE_TYPE, chainWorkflow, webhookNode } from '../support/workflow';
import { fire, type Call, type WebhookBody } from './webhooks';

export const CHAIN_WORKFLOW_ID = 'queueAepChain001';
const CHAIN_WEBHOOK_PATH = 'aep-queue-chain';
const CHAIN_NODE = 'Create From Table';
/** Tables of the round, and how often each is sent. */
export const CHAIN_TABLES = 10;
export const CHAIN_SENDS = 4;
/** Wait (ms) before the emulator processes each create of the chain (sources, targets, mapping sets, flows). */
export const CHAIN_CREATE_LATENCY_MS = 400;
const CREATE_ROUTES =
	/^\/data\/foundation\/(flowservice\/(sourceConnections|targetConnections|flows)|conversion\/mappingSets)$/;
const OBJECT_ROUTES =
	/^\/data\/foundation\/(flowservice\/(sourceConnections|targetConnections|flows)|conversion\/mappingSets)\/[^/]+$/;
/** A future start, so the flow is accepted as scheduled (epoch seconds on the wire). */
const START_TIME = '2030-01-01T09:00:00.000Z';
/** Executions of a lost answer are finished by then (a worker takes well under 10 s for one). */
const STORED_WAIT_MS = 90_000;

/** The round's tables: copies of public.orders (its columns match the default orders schema). */
export function chainTables(): EmulatorTable[] {
	const orders = DEFAULT_TABLES.find((t) => t.path === 'public.orders')!;
	return Array.from({ length: CHAIN_TABLES }, (_, i) => ({
		path: `chain.orders_${String(i + 1).padStart(2, '0')}`,
		columns: orders.columns.map((c) => ({ ...c })),
	}));
}

/** Webhook -> Adobe Experience Platform › Dataflow › Create From Table, every input from the call's body. */
export function chainRoundWorkflow(credential: { id: string; name: string }) {
	const fromBody = (field: string) => `={{ $json.body.${field} }}`;
	return chainWorkflow({
		id: CHAIN_WORKFLOW_ID,
		name: 'Queue: webhook -> Dataflow Create From Table',
		nodes: [
			webhookNode(CHAIN_WEBHOOK_PATH, { responseData: 'firstEntryJson' }, 2.1),
			{
				name: CHAIN_NODE,
				type: NODE_TYPE.adobeExperiencePlatform,
				parameters: {
					resource: 'dataflow',
					operation: 'createFromTable',
					connectionId: { __rl: true, mode: 'id', value: fromBody('baseConnectionId') },
					tablePath: { __rl: true, mode: 'name', value: fromBody('table') },
					datasetId: { __rl: true, mode: 'id', value: fromBody('datasetId') },
					name: fromBody('name'),
					frequency: 'hour',
					interval: 1,
					startTime: START_TIME,
					deltaColumn: 'ordered_at',
				},
				credentials: { [CREDENTIAL_TYPE]: { ...credential } },
			},
		],
	});
}

export interface ChainFindings {
	tables: number;
	calls: Call[];
	ms: number;
	perWorker: number[];
	/** What the emulator holds for the round's tables. */
	stored: { sources: number; targets: number; flows: number; mappingSets: number };
	/** Chain objects created (POST answered 2xx) and deleted (DELETE 2xx: a race's loser removing its own) during the round. */
	requests: { creates: number; deletes: number };
	/** Objects beyond one per table (source + target + dataflow). */
	duplicates: { sources: number; targets: number; flows: number };
	/** Stored executions that did not succeed. */
	failed: number;
	/** Webhook calls n8n's main did not answer (their executions are judged from the database). */
	lost: number;
}

export interface ChainRoundDeps {
	emu: StartedEmulator;
	/** n8n's main, e.g. http://127.0.0.1:5678 */
	baseUrl: string;
	baseConnectionId: string;
	/** Makes the dataflow names of this run unique. */
	tag: string;
	/** Execution IDs each worker's log says it started. */
	workerStarts(): Array<Set<number>>;
	/** Every stored execution (PostgreSQL). */
	storedExecutions(): Promise<StoredExecution[]>;
	/** Files to name when the round fails. */
	evidence: string[];
}

interface ChainKey {
	table: string;
	datasetId: string;
	name: string;
}

/** One line per problem of one table's chain: counts, links, and what its executions output. */
function tableProblems(
	emu: StartedEmulator,
	baseConnectionId: string,
	key: ChainKey,
	outputs: Array<Record<string, unknown> | undefined>,
): { problems: string[]; counts: { sources: number; targets: number; flows: number } } {
	const sources = emu
		.sourceConnections()
		.filter((s) => s.baseConnectionId === baseConnectionId && s.params.tableName === key.table);
	const targets = emu.targetConnections().filter((t) => t.params.dataSetId === key.datasetId);
	const sourceIds = new Set(sources.map((s) => s.id));
	const targetIds = new Set(targets.map((t) => t.id));
	const flows = emu
		.flows()
		.filter(
			(f) =>
				f.sourceConnectionIds.some((id) => sourceIds.has(id)) ||
				f.targetConnectionIds.some((id) => targetIds.has(id)),
		);
	const counts = { sources: sources.length, targets: targets.length, flows: flows.length };
	const problems: string[] = [];
	if (counts.sources !== 1 || counts.targets !== 1 || counts.flows !== 1)
		problems.push(
			`${key.table}: ${counts.sources} source connections, ${counts.targets} target connections, ${counts.flows} dataflows (expected 1 each)`,
		);
	if (problems.length) return { problems, counts };
	const [source, target, flow] = [sources[0], targets[0], flows[0]];
	if (
		flow.sourceConnectionIds.join() !== source.id ||
		flow.targetConnectionIds.join() !== target.id
	)
		problems.push(`${key.table}: dataflow ${flow.id} does not link its source and target`);
	const wrong = outputs.filter(
		(o) =>
			o?.dataflowId !== flow.id ||
			o?.sourceConnectionId !== source.id ||
			o?.targetConnectionId !== target.id,
	);
	if (wrong.length)
		problems.push(
			`${key.table}: ${wrong.length} of ${outputs.length} executions output another chain than the one stored, e.g. ${JSON.stringify(
				wrong[0] && {
					dataflowId: wrong[0].dataflowId,
					sourceConnectionId: wrong[0].sourceConnectionId,
					targetConnectionId: wrong[0].targetConnectionId,
				},
			)}; stored: ${JSON.stringify({ dataflowId: flow.id, sourceConnectionId: source.id, targetConnectionId: target.id })}`,
		);
	return { problems, counts };
}

/** The webhook body and the node output of a stored chain execution. */
function storedCall(execution: StoredExecution): {
	table?: string;
	output?: Record<string, unknown>;
} {
	const runData = execution.data.resultData?.runData ?? {};
	const body = runData.Webhook?.[0]?.data?.main?.[0]?.[0]?.json?.body as
		| { table?: unknown }
		| undefined;
	return {
		table: typeof body?.table === 'string' ? body.table : undefined,
		output: runData[CHAIN_NODE]?.[0]?.data?.main?.[0]?.[0]?.json,
	};
}

/**
 * Seeds one dataset per table, fires CHAIN_SENDS calls per table (grouped by table, so a table's
 * calls are in flight together) with the create routes delayed, waits until every execution is
 * stored, then checks each table's chain. What it measured goes to `onFindings` before the checks.
 */
export async function chainRound(
	deps: ChainRoundDeps,
	onFindings: (findings: ChainFindings) => void,
): Promise<void> {
	const { emu } = deps;
	const keys: ChainKey[] = chainTables().map((table) => ({
		table: table.path,
		datasetId: emu.seedDataset().id,
		name: `Queue ${deps.tag} chain ${table.path}`,
	}));
	const bodies: WebhookBody[] = keys.flatMap((key) =>
		Array.from({ length: CHAIN_SENDS }, () => ({
			name: key.name,
			baseConnectionId: deps.baseConnectionId,
			table: key.table,
			datasetId: key.datasetId,
		})),
	);
	const storedBefore = new Set(
		(await deps.storedExecutions())
			.filter((e) => e.workflowId === CHAIN_WORKFLOW_ID)
			.map((e) => e.id),
	);
	const seen = deps.workerStarts();
	const requestsBefore = emu.requests().length;
	emu.setRouteLatency({ method: 'POST', path: CREATE_ROUTES }, CHAIN_CREATE_LATENCY_MS);
	const t0 = Date.now();
	let calls: Call[];
	try {
		calls = await fire(`${deps.baseUrl}/webhook/${CHAIN_WEBHOOK_PATH}`, bodies);
	} finally {
		emu.setRouteLatency({ method: 'POST', path: CREATE_ROUTES }, 0);
	}
	const ms = Date.now() - t0;

	// Every execution, answered or not, judged from what n8n stored.
	let stored: StoredExecution[] = [];
	for (const deadline = Date.now() + STORED_WAIT_MS; ; ) {
		stored = (await deps.storedExecutions()).filter(
			(e) =>
				e.workflowId === CHAIN_WORKFLOW_ID &&
				!storedBefore.has(e.id) &&
				e.status !== 'running' &&
				e.status !== 'new',
		);
		if (stored.length >= bodies.length || Date.now() > deadline) break;
		await new Promise((r) => setTimeout(r, 2_000));
	}
	const answered = emu
		.requests()
		.slice(requestsBefore)
		.filter((r) => r.status >= 200 && r.status < 300);
	const requests = {
		creates: answered.filter((r) => r.method === 'POST' && CREATE_ROUTES.test(r.path)).length,
		deletes: answered.filter((r) => r.method === 'DELETE' && OBJECT_ROUTES.test(r.path)).length,
	};
	const perWorker = deps
		.workerStarts()
		.map((ids, i) => [...ids].filter((id) => !seen[i].has(id)).length);
	const failed = stored.filter((e) => e.status !== 'success');
	const byTable = new Map<string, Array<Record<string, unknown> | undefined>>();
	for (const execution of stored) {
		const { table, output } = storedCall(execution);
		if (table) byTable.set(table, [...(byTable.get(table) ?? []), output]);
	}

	const problems: string[] = [];
	const totals = { sources: 0, targets: 0, flows: 0 };
	const duplicates = { sources: 0, targets: 0, flows: 0 };
	for (const key of keys) {
		const outputs = byTable.get(key.table) ?? [];
		const result = tableProblems(emu, deps.baseConnectionId, key, outputs);
		problems.push(...result.problems);
		for (const kind of ['sources', 'targets', 'flows'] as const) {
			totals[kind] += result.counts[kind];
			duplicates[kind] += Math.max(0, result.counts[kind] - 1);
		}
		if (outputs.length !== CHAIN_SENDS)
			problems.push(
				`${key.table}: n8n stored ${outputs.length} finished executions, ${CHAIN_SENDS} were sent`,
			);
	}
	const mappingNames = new Set(keys.map((k) => `${k.name} (mapping)`));
	for (const name of mappingNames) {
		const count = emu.mappingSets().filter((m) => m.name === name).length;
		if (count !== 1) problems.push(`${name}: the emulator holds ${count} mapping sets, expected 1`);
	}
	const findings: ChainFindings = {
		tables: keys.length,
		calls,
		ms,
		perWorker,
		requests,
		stored: {
			...totals,
			mappingSets: emu.mappingSets().filter((m) => mappingNames.has(m.name ?? '')).length,
		},
		duplicates,
		failed: failed.length,
		lost: calls.filter((c) => c.status === 0).length,
	};
	onFindings(findings);
	log(`  ${chainSummary(findings)}`);
	if (failed.length)
		problems.unshift(
			`${failed.length} of ${stored.length} stored executions did not succeed, e.g. ${failed
				.slice(0, 3)
				.map(
					(e) =>
						`${e.id}: ${e.status} ${JSON.stringify((e.data.resultData?.error as { message?: unknown } | undefined)?.message ?? '').slice(0, 200)}`,
				)
				.join('; ')}`,
		);
	const unanswered = calls.filter((c) => c.status !== 0 && c.status !== 200);
	if (unanswered.length)
		problems.unshift(
			`${unanswered.length} of ${calls.length} webhook calls answered an error, e.g. HTTP ${unanswered[0].status} ${JSON.stringify(unanswered[0].body).slice(0, 200)}`,
		);
	check(
		problems.length === 0,
		`one chain per table: ${problems.length} problems\n  ${problems.join('\n  ')}`,
		deps.evidence,
	);
}

/** One line: calls, time, workers, what is stored, duplicates. */
export function chainSummary(f: ChainFindings): string {
	const slowest = Math.max(0, ...f.calls.map((c) => c.ms));
	const dup = f.duplicates;
	return (
		`chain: ${f.calls.length} executions (${f.tables} tables x ${CHAIN_SENDS}) in ${(f.ms / 1000).toFixed(1)} s ` +
		`(slowest ${(slowest / 1000).toFixed(1)} s; creates delayed ${CHAIN_CREATE_LATENCY_MS} ms); per worker ${f.perWorker.join(' / ')}; ` +
		`${f.requests.creates} creates, ${f.requests.deletes} deletes; stored ${f.stored.sources} source connections, ${f.stored.targets} target connections, ${f.stored.flows} dataflows, ${f.stored.mappingSets} mapping sets; ` +
		`duplicates ${dup.sources + dup.targets + dup.flows} (source ${dup.sources}, target ${dup.targets}, dataflow ${dup.flows}); ` +
		`${f.failed} failed executions, ${f.lost} answers lost`
	);
}
