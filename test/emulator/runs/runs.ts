/**
 * Flow runs (`/data/foundation/flowservice/runs`): list, get, on-demand run, retry, and the
 * emulator's control over how a run ends.
 *
 * Follows Adobe's monitoring guides (help/sources/tutorials/api/monitor.md, help/dataflows/api/
 * monitor.md), "On-demand ingestion" (on-demand-ingestion.md) and "Retry failed dataflow runs"
 * (retry-flows.md). A run's status lives at `metrics.statusSummary.status`; times are epoch ms.
 * Where the sources disagree (dataflow-chain.md) both forms are accepted:
 * - `property=metrics.statusSummary.status==failed` and `==Failed` (case ignored), also for `state`;
 * - `POST /runs` params in epoch seconds (the docs' 10-digit examples) or milliseconds (the spec);
 * - `property=createdAt>…` and `orderby=-createdAt`.
 * `POST /runs` answers 201 `{items: [{id, etag}]}` (the docs' form; the spec shows a bare object).
 * Runs start `inProgress` (scheduler, retry) or `scheduled` (on demand) and stay so until the
 * control call `finishRun` ends them as `success` or `failed`, or, for on-demand runs, until a
 * script (`scriptOnDemandRuns`) moves them on, one step per GET of the run.
 */
import type { EmulatorCore } from '../core/emulatorCore';
import { MAX_EPOCH_SECONDS } from '../flows/validation';
import { flow } from '../core/errors';
import { isPlainObject, json, readJsonBody, type Reply } from '../core/http';
import { listItems } from '../core/listing';
import type { FlowContext, Route } from '../core/flowService';
import { newEtag, newResourceMeta } from '../core/store';
import type { RunSeed, StoredFlow, StoredMeta } from '../core/types';
import { bodyObject, requireObject, requireString, wholeNumber } from '../core/fields';

export type RunStatus = 'scheduled' | 'inProgress' | 'success' | 'failed';

export interface RunError {
	code: string;
	message: string;
}

export interface StoredRun extends Omit<StoredMeta, 'state'> {
	flowId: string;
	/** Mirrors metrics.statusSummary.status (listed as a filterable run property). */
	state: RunStatus;
	/** On-demand params as sent (times normalised to epoch ms); absent for scheduled runs. */
	params?: {
		startTime: number;
		windowStartTime: number;
		windowEndTime: number;
		deltaColumn?: { name: string };
	};
	/** The failed run this one retries. */
	retryOf?: string;
	metrics: {
		durationSummary: { startedAtUTC: number; completedAtUTC?: number };
		sizeSummary: { inputBytes: number; outputBytes: number };
		recordSummary: {
			inputRecordCount: number;
			outputRecordCount: number;
			failedRecordCount: number;
		};
		fileSummary: { inputFileCount: number; outputFileCount: number; activityRefs: string[] };
		statusSummary: { status: RunStatus; errors: RunError[]; activityRefs: string[] };
	};
	activities: Array<Record<string, unknown>>;
}

/** How the control call ends a run. Counts default to 10 in; all out on success, none on failure. */
export interface RunOutcome {
	status: 'success' | 'failed';
	inputRecordCount?: number;
	outputRecordCount?: number;
	failedRecordCount?: number;
	/** Default for a failure: one CONNECTOR-2001-500 error. */
	errors?: RunError[];
	/** completedAtUTC - startedAtUTC; default: the time since the run started. */
	durationMs?: number;
}

/** One step of an on-demand run's script: it starts running, or ends with this outcome. */
export type RunStep = 'inProgress' | RunOutcome;

const STATUS_PATHS = ['metrics.statusSummary.status', 'state'];

export function startRun(
	core: EmulatorCore,
	flowObj: StoredFlow,
	how: { status: 'scheduled' | 'inProgress'; params?: StoredRun['params']; retryOf?: string },
): StoredRun {
	const caller = core.caller(flowObj.sandboxName);
	const now = core.now();
	const meta = { ...newResourceMeta(caller), createdAt: now, updatedAt: now };
	return core.runs.add({
		...meta,
		state: how.status,
		flowId: flowObj.id,
		...(how.params ? { params: how.params } : {}),
		...(how.retryOf ? { retryOf: how.retryOf } : {}),
		metrics: {
			durationSummary: { startedAtUTC: meta.createdAt },
			sizeSummary: { inputBytes: 0, outputBytes: 0 },
			recordSummary: { inputRecordCount: 0, outputRecordCount: 0, failedRecordCount: 0 },
			fileSummary: { inputFileCount: 0, outputFileCount: 0, activityRefs: [] },
			statusSummary: { status: how.status, errors: [], activityRefs: [] },
		},
		activities: [],
	});
}

/** Starts a run of a flow of any sandbox, as the scheduler would. Throws a plain Error for unknown flows. */
export function startScheduledRun(core: EmulatorCore, flowId: string): StoredRun {
	const found = core.flows.values().find((f) => f.id === flowId);
	if (!found) throw new Error(`No flow with id '${flowId}'`);
	return startRun(core, found, { status: 'inProgress' });
}

function count(value: unknown, name: string, fallback: number): number {
	if (value === undefined) return fallback;
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
		throw new Error(`${name} must be a whole number >= 0`);
	return value;
}

/** Ends a scheduled or running run (any sandbox). Throws a plain Error for bad input. */
export function finishRun(core: EmulatorCore, runId: string, outcome: RunOutcome): StoredRun {
	const run = core.runs.values().find((r) => r.id === runId);
	if (!run) throw new Error(`No run with id '${runId}'`);
	return endRun(core, run, outcome);
}

/**
 * Stores runs of a flow directly, started at the given times (epoch ms) and ended unless
 * `inProgress` (for large backlogs: no lookups). Throws a plain Error for unknown flows.
 */
export function seedRuns(core: EmulatorCore, flowId: string, seeds: RunSeed[]): string[] {
	const found = core.flows.values().find((f) => f.id === flowId);
	if (!found) throw new Error(`No flow with id '${flowId}'`);
	return seeds.map((seed) => {
		const run = startRun(core, found, { status: 'inProgress' });
		run.createdAt = run.updatedAt = run.metrics.durationSummary.startedAtUTC = seed.startedAt;
		if (seed.status !== 'inProgress')
			endRun(core, run, { status: seed.status, durationMs: seed.durationMs ?? 1000 });
		return run.id;
	});
}

function endRun(core: EmulatorCore, run: StoredRun, outcome: RunOutcome): StoredRun {
	const runId = run.id;
	if (run.state === 'success' || run.state === 'failed')
		throw new Error(`Run '${runId}' has already finished (${run.state})`);
	if (outcome.status !== 'success' && outcome.status !== 'failed')
		throw new Error("status must be 'success' or 'failed'");
	const failed = outcome.status === 'failed';
	const input = count(outcome.inputRecordCount, 'inputRecordCount', 10);
	const output = count(outcome.outputRecordCount, 'outputRecordCount', failed ? 0 : input);
	const failedRecords = count(outcome.failedRecordCount, 'failedRecordCount', input - output);
	const errors =
		outcome.errors ??
		(failed
			? [
					{
						code: 'CONNECTOR-2001-500',
						message: 'Something went wrong while copying data from the source',
					},
				]
			: []);
	if (
		!Array.isArray(errors) ||
		!errors.every(
			(e) => isPlainObject(e) && typeof e.code === 'string' && typeof e.message === 'string',
		)
	) {
		throw new Error('errors must be a list of {code, message}');
	}
	const started = run.metrics.durationSummary.startedAtUTC;
	const completed =
		started + count(outcome.durationMs, 'durationMs', Math.max(0, core.now() - started));
	const batchId = run.id.replace(/-/g, '').slice(0, 26).toUpperCase();
	run.state = outcome.status;
	run.etag = newEtag();
	run.updatedAt = Math.max(core.now(), run.updatedAt);
	run.metrics = {
		durationSummary: { startedAtUTC: started, completedAtUTC: completed },
		sizeSummary: { inputBytes: input * 128, outputBytes: output * 96 },
		recordSummary: {
			inputRecordCount: input,
			outputRecordCount: output,
			failedRecordCount: failedRecords,
		},
		fileSummary: {
			inputFileCount: input > 0 ? 1 : 0,
			outputFileCount: output > 0 ? 1 : 0,
			activityRefs: ['copy'],
		},
		statusSummary: {
			status: outcome.status,
			errors: structuredClone(errors),
			activityRefs: ['copy', 'promotion'],
		},
	};
	run.activities = [
		{
			id: 'copy',
			name: 'Copy Activity',
			updatedAtUTC: completed,
			durationSummary: { startedAtUTC: started, completedAtUTC: completed },
			recordSummary: {
				inputRecordCount: input,
				outputRecordCount: output,
				failedRecordCount: failedRecords,
			},
			statusSummary: {
				status: outcome.status,
				extensions: { errors: errors.map((e) => ({ ...e, recordCount: failedRecords })) },
			},
			targetInfo:
				failed && output === 0
					? []
					: [{ type: 'TargetConnection', reference: { type: 'Batch', ids: [batchId] } }],
		},
	];
	return run;
}

function view(run: StoredRun): StoredRun {
	return structuredClone(run);
}

/** Latest run of a flow, for the flow's `lastRunDetails`. */
/** Each flow's latest run (the last stored), in one pass over the runs: for listings of many flows. */
export function lastRuns(core: EmulatorCore): Map<string, StoredRun> {
	const last = new Map<string, StoredRun>();
	for (const run of core.runs.values()) last.set(run.flowId, run);
	return last;
}

export function lastRun(core: EmulatorCore, flowId: string): StoredRun | undefined {
	return core.runs
		.values()
		.filter((r) => r.flowId === flowId)
		.at(-1);
}

export function listRuns(ctx: FlowContext, core: EmulatorCore): Reply {
	core.runListingHook?.(ctx.query);
	// Filters and order read the stored runs (a view is a copy of them); only the page is copied.
	const result = listItems(core.runs.inSandbox(ctx.sandboxName), ctx.query, {
		href: '/runs',
		view: (run: StoredRun) => run,
		ignoreCase: STATUS_PATHS,
		orderFields: ['createdAt', 'updatedAt', 'metrics.durationSummary.startedAtUTC'],
	});
	return json(200, 'items' in result ? { ...result, items: result.items.map(view) } : result);
}

function findRun(ctx: FlowContext, core: EmulatorCore, id: string): StoredRun {
	const run = core.runs.get(id, ctx.sandboxName);
	if (!run) throw flow.notFound(`Run '${id}'`);
	return run;
}

/** Moves a scripted run one step on (see RunStep). */
function advance(core: EmulatorCore, run: StoredRun): void {
	const step = core.runScripts.get(run.id)?.shift();
	if (step === undefined) return;
	if (step === 'inProgress') {
		run.state = run.metrics.statusSummary.status = 'inProgress';
		run.updatedAt = Math.max(core.now(), run.updatedAt);
	} else endRun(core, run, step);
}

export function getRun(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	const run = findRun(ctx, core, id);
	advance(core, run);
	return json(200, { items: [view(run)] });
}

/** Epoch seconds or milliseconds (the sources disagree) -> epoch ms. */
function epochMs(value: unknown, field: string): number {
	const n = wholeNumber(value, field);
	return n > MAX_EPOCH_SECONDS ? n : n * 1000;
}

/** The keys a run request's `params` may have. */
const RUN_PARAMS = ['startTime', 'windowStartTime', 'windowEndTime', 'deltaColumn'];

export function createRun(ctx: FlowContext, core: EmulatorCore): Reply {
	const body = bodyObject(readJsonBody(ctx), ['flowId', 'params'], 'the run');
	const flowId = requireString(body.flowId, 'flowId');
	const params = requireObject(body.params, 'params', RUN_PARAMS);
	const startTime = epochMs(params.startTime, 'params.startTime');
	const windowStartTime = epochMs(params.windowStartTime, 'params.windowStartTime');
	const windowEndTime = epochMs(params.windowEndTime, 'params.windowEndTime');
	const target = core.flows.get(flowId, ctx.sandboxName);
	if (!target) throw flow.notFound(`Flow '${flowId}'`);
	if (target.scheduleParams.frequency !== 'once') throw flow.runNotOnce();
	if (windowEndTime < windowStartTime) throw flow.runWindowInvalid();

	let deltaColumn: { name: string } | undefined;
	if (params.deltaColumn !== undefined) {
		if (
			!isPlainObject(params.deltaColumn) ||
			typeof params.deltaColumn.name !== 'string' ||
			params.deltaColumn.name.trim() === ''
		) {
			throw flow.runParamsInvalid('\'params.deltaColumn\' must be {"name": "<column>"}');
		}
		deltaColumn = { name: params.deltaColumn.name };
		const columns = target.sourceConnectionIds.flatMap(
			(id) => core.sourceConnections.get(id, ctx.sandboxName)?.params.columns ?? [],
		);
		if (!columns.some((c) => c.name === deltaColumn?.name))
			throw flow.runParamsInvalid(
				"'params.deltaColumn.name' is not a column of the source connection",
			);
	}
	// The first run's delta column is kept; later runs may leave it out but not change it.
	const stored = core.runs.values().find((r) => r.flowId === flowId && r.params?.deltaColumn)
		?.params?.deltaColumn;
	if (!stored && !deltaColumn) throw flow.runDeltaMissing();
	if (stored && deltaColumn && stored.name !== deltaColumn.name) throw flow.runDeltaChanged();

	const run = startRun(core, target, {
		status: 'scheduled',
		params: { startTime, windowStartTime, windowEndTime, ...(deltaColumn ? { deltaColumn } : {}) },
	});
	if (core.onDemandRunScript) core.runScripts.set(run.id, structuredClone(core.onDemandRunScript));
	return json(201, { items: [{ id: run.id, etag: run.etag }] });
}

/** POST /runs/{id}/action?op=re-trigger: a new run for the same window. */
export function runAction(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	const op = ctx.query.get('op');
	if (!op) throw flow.mandatory('op');
	if (op.toLowerCase() !== 're-trigger') throw flow.invalid("'op' must be re-trigger");
	const run = findRun(ctx, core, id);
	const target = core.flows.get(run.flowId, ctx.sandboxName);
	if (!target) throw flow.notFound(`Flow '${run.flowId}'`);
	if (target.state !== 'enabled') throw flow.retryFlowDisabled();
	if (run.state !== 'failed') throw flow.retryNotFailed();
	const retry = startRun(core, target, {
		status: 'inProgress',
		...(run.params ? { params: structuredClone(run.params) } : {}),
		retryOf: run.id,
	});
	return json(200, { id: retry.id, etag: retry.etag });
}

export const RUN_ROUTES: Route[] = [
	{ pattern: /^\/runs$/, methods: { GET: listRuns, POST: createRun } },
	{ pattern: /^\/runs\/([^/]+)$/, methods: { GET: getRun } },
	{ pattern: /^\/runs\/([^/]+)\/action$/, methods: { POST: runAction } },
];
