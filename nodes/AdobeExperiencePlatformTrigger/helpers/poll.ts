import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type IPollFunctions,
} from 'n8n-workflow';

import { flows } from '../../shared/api/flows';
import { IDS_PER_REQUEST, listRuns, runStartedAt, type FlowRun } from '../../shared/api/runs';
import { InvalidFieldError } from '../../shared/InvalidFieldError';
import { scrubSecrets } from '../../shared/errors';
import { makeErrorSafe, safeOperationError } from '../../shared/nodeErrors';
import { dataflowPicker, modesOf } from '../../shared/locators';
import { chooseSandbox, locatorValue } from '../../shared/parameters';
import {
	advanceCursor,
	readCursor,
	startCursor,
	type RunCursor,
	type SeenRun,
} from '../../shared/pipeline/runCursor';
import { summarizeRun } from '../../shared/pipeline/runSummary';
import { loadPlatformContext, type PlatformContext } from '../../shared/transport';
import { checkText, CONNECTION_ID_PATTERN } from '../../shared/validation';
import { EVENTS, PARAM, type Scope, type TriggerEvent } from '../description';
import { isFinished, matchesEvent, triggerItem } from './output';

/** Where the cursor lives in the node's workflow static data. */
const CURSOR_KEY = 'runCursor';

/** Runs read in manual mode to pick the latest matching one. */
const MANUAL_LOOKBACK = 10;

// Flow Service IDs (flows, runs, connections) are UUIDs.
const DATAFLOW_ID = new RegExp(CONNECTION_ID_PATTERN);

/** The modes the Dataflow picker stores. */
const DATAFLOW_MODES = modesOf(dataflowPicker(PARAM.dataflowId, 'Dataflow', ''));

interface Settings {
	event: TriggerEvent;
	/** undefined: every dataflow of the sandbox. */
	flowIds?: string[];
	sandboxOverride: unknown;
}

/** Reads and checks the parameters; throws InvalidFieldError naming the field before any request. */
function readSettings(this: IPollFunctions): Settings {
	const event = this.getNodeParameter(PARAM.event, 'runFailed') as string;
	if (!(event in EVENTS)) {
		throw new InvalidFieldError(
			PARAM.event,
			`"Event" is ${JSON.stringify(event)}; allowed: ${Object.keys(EVENTS)
				.map((e) => `"${e}"`)
				.join(', ')}.`,
		);
	}
	const scope = this.getNodeParameter(PARAM.scope, 'selected') as Scope;
	if (scope !== 'selected' && scope !== 'all')
		throw new InvalidFieldError(
			PARAM.scope,
			`"Watch" is ${JSON.stringify(scope)}; allowed: "selected", "all".`,
		);
	const options = this.getNodeParameter(PARAM.options, {}) as IDataObject;
	const settings: Settings = { event: event as TriggerEvent, sandboxOverride: options.sandboxName };
	if (scope === 'all') return settings;

	const entries = ((this.getNodeParameter(PARAM.dataflows, {}) as IDataObject).items ??
		[]) as IDataObject[];
	if (!Array.isArray(entries) || entries.length === 0) {
		throw new InvalidFieldError(
			PARAM.dataflows,
			'"Dataflows" is empty: add at least one dataflow, or set "Watch" to All Dataflows in the Sandbox.',
		);
	}
	const flowIds = entries.map((entry, i) => {
		const ref = {
			field: `${PARAM.dataflows}.items[${i}].${PARAM.dataflowId}`,
			label: `Dataflows › Dataflow ${i + 1}`,
		};
		const id = checkText(ref, locatorValue(ref, entry?.[PARAM.dataflowId], DATAFLOW_MODES), {
			required: true,
			maxLength: 64,
		});
		if (!DATAFLOW_ID.test(id)) {
			throw new InvalidFieldError(
				ref.field,
				`"${ref.label}" "${id}" is not a dataflow ID: expected a UUID such as 993f908f-3342-4d9c-9f3b-b9a3a9123d4e.`,
			);
		}
		return id;
	});
	return { ...settings, flowIds: [...new Set(flowIds)] };
}

function seen(run: FlowRun): SeenRun {
	return { id: run.id, startedAt: runStartedAt(run), finished: isFinished(summarizeRun(run)) };
}

/** Dataflow ID -> name, for the runs that fire ( IDS_PER_REQUEST flows per listing). Unknown (deleted) flows are left out. */
async function dataflowNames(
	this: IPollFunctions,
	ctx: PlatformContext,
	sandboxName: string,
	ids: string[],
): Promise<Map<string, string>> {
	const names = new Map<string, string>();
	for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) {
		const found = await flows.list.call(this, ctx, sandboxName, {
			ids: ids.slice(i, i + IDS_PER_REQUEST),
		});
		for (const flow of found) if (typeof flow.name === 'string') names.set(flow.id, flow.name);
	}
	return names;
}

async function toItems(
	this: IPollFunctions,
	ctx: PlatformContext,
	sandboxName: string,
	runs: FlowRun[],
): Promise<INodeExecutionData[]> {
	const flowIds = [
		...new Set(runs.map((run) => run.flowId).filter((id): id is string => typeof id === 'string')),
	];
	const names = await dataflowNames.call(this, ctx, sandboxName, flowIds);
	return runs.map((run) => ({
		json: triggerItem(run, names.get(String(run.flowId)), sandboxName),
	}));
}

/** Manual mode (Fetch Test Event): the latest finished run the event matches; the cursor is left alone. */
async function latestRun(
	this: IPollFunctions,
	ctx: PlatformContext,
	sandboxName: string,
	settings: Settings,
): Promise<INodeExecutionData[][] | null> {
	const runs = await listRuns.call(this, ctx, sandboxName, {
		flowIds: settings.flowIds,
		statuses: [...EVENTS[settings.event].outcomes],
		orderBy: '-createdAt',
		limit: MANUAL_LOOKBACK,
	});
	const endOf = (run: FlowRun) =>
		run.metrics?.durationSummary?.completedAtUTC ?? runStartedAt(run) ?? 0;
	const latest = runs
		.filter((run) => matchesEvent(summarizeRun(run), settings.event))
		.sort((a, b) => endOf(b) - endOf(a))[0];
	return latest ? [await toItems.call(this, ctx, sandboxName, [latest])] : null;
}

/**
 * One poll. The first (at activation) only stores the cursor: now, plus the runs in progress.
 * Later polls list runs started since the cursor and look up the pending ones (see runCursor.ts),
 * then output each newly finished run that matches the event, once. The cursor is stored only
 * after every request succeeded, so a failed poll is repeated whole by the next one.
 */
async function pollOnce(
	this: IPollFunctions,
	ctx: PlatformContext,
	settings: Settings,
): Promise<INodeExecutionData[][] | null> {
	const sandboxName = chooseSandbox(settings.sandboxOverride, ctx);
	if (this.getMode() === 'manual') return await latestRun.call(this, ctx, sandboxName, settings);

	const staticData = this.getWorkflowStaticData('node');
	const cursor = readCursor(staticData[CURSOR_KEY]);
	if (!cursor) {
		const now = Date.now();
		const unfinished = await listRuns.call(this, ctx, sandboxName, {
			flowIds: settings.flowIds,
			statuses: ['inProgress', 'scheduled'],
		});
		staticData[CURSOR_KEY] = startCursor(
			now,
			unfinished.map((run) => run.id),
		) as unknown as IDataObject;
		return null;
	}

	const listed = await listRuns.call(this, ctx, sandboxName, {
		flowIds: settings.flowIds,
		startedFrom: cursor.since,
	});
	const lookedUp = await listRuns.call(this, ctx, sandboxName, {
		flowIds: settings.flowIds,
		ids: cursor.pendingIds,
	});
	const step = advanceCursor(cursor, listed.map(seen), lookedUp.map(seen));
	const byId = new Map([...lookedUp, ...listed].map((run) => [run.id, run]));
	const firing = step.finished
		.map((id) => byId.get(id) as FlowRun)
		.filter((run) => matchesEvent(summarizeRun(run), settings.event));
	const items = firing.length ? await toItems.call(this, ctx, sandboxName, firing) : [];
	staticData[CURSOR_KEY] = step.cursor satisfies RunCursor as unknown as IDataObject;
	return items.length ? [items] : null;
}

/** Errors leave with a masked node and no secrets; a bad field is named, with nothing sent to Adobe. */
function toTriggerError(
	this: IPollFunctions,
	error: unknown,
	secrets: string[],
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError)
		return makeErrorSafe(error, this.getNode(), secrets);
	if (error instanceof InvalidFieldError) {
		return safeOperationError(this, error.message, {
			description: `Fix the field named above (parameter "${error.field}"); nothing was sent to Adobe.`,
		});
	}
	return safeOperationError(
		this,
		scrubSecrets(error instanceof Error ? error.message : String(error), secrets),
	);
}

/** The trigger's poll: see pollOnce; manual mode returns the latest matching run. */
export async function pollRuns(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	let ctx: PlatformContext | undefined;
	try {
		const settings = readSettings.call(this);
		ctx = await loadPlatformContext.call(this);
		return await pollOnce.call(this, ctx, settings);
	} catch (error) {
		throw toTriggerError.call(this, error, ctx?.secrets ?? []);
	}
}
