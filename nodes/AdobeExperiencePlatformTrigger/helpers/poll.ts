import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type IPollFunctions,
} from 'n8n-workflow';

import { flows } from '../../shared/resources/dataflow/api';
import {
	chunk,
	IDS_PER_REQUEST,
	listRuns,
	readRunPages,
	runStartedAt,
	type FlowRun,
} from '../../shared/resources/flowRun/api';
import {
	InvalidFieldError,
	checkText,
	CONNECTION_ID_PATTERN,
} from '../../shared/kernel/validation';
import { scrubSecrets } from '../../shared/kernel/errors';
import { makeErrorSafe, safeOperationError } from '../../shared/kernel/nodeErrors';
import { modesOf } from '../../shared/node/picker';
import { dataflowPicker } from '../../shared/resources/dataflow/fields';
import { chooseSandbox, locatorValue } from '../../shared/node/readers';
import { summarizeRun } from '../../shared/resources/flowRun/body';
import { loadPlatformContext, type PlatformContext } from '../../shared/kernel/transport';
import {
	AFTER_PAUSE,
	EVENTS,
	PARAM,
	type AfterPause,
	type Scope,
	type TriggerEvent,
} from '../description';
import {
	activationCursor,
	advanceCursor,
	boundCatchUp,
	MAX_PENDING,
	MAX_SEEN,
	MAX_WIDTH_MS,
	OVERLAP_MS,
	readCursor,
	reportedStarts,
	type RunCursor,
	type SeenRun,
} from './cursor';
import { isFinished, matchesEvent, triggerItem } from './output';

/** Where the cursor lives in the node's workflow static data. */
const CURSOR_KEY = 'runCursor';

/** Runs read in manual mode, per listing of up to IDS_PER_REQUEST dataflows, to pick the latest matching one. */
const MANUAL_LOOKBACK = 10;

/** Run listing pages (requests of up to PAGE_SIZE runs) a poll spends on start-time slices. */
export const PAGES_PER_POLL = 40;

/** Pages one start-time slice may take before it is given up and narrowed. */
export const SLICE_PAGES = 10;

// Flow Service IDs (flows, runs, connections) are UUIDs.
const DATAFLOW_ID = new RegExp(CONNECTION_ID_PATTERN);

/** The modes the Dataflow picker stores. */
const DATAFLOW_MODES = modesOf(dataflowPicker(''));

interface Settings {
	event: TriggerEvent;
	afterPause: AfterPause;
	/** undefined: every dataflow of the sandbox. */
	flowIds?: string[];
	sandboxOverride: unknown;
}

/** Checks an options parameter against its allowed values; InvalidFieldError names the field. */
function oneOf<T extends string>(
	field: string,
	label: string,
	value: string,
	allowed: readonly T[],
): T {
	if (!(allowed as readonly string[]).includes(value)) {
		throw new InvalidFieldError(
			field,
			`"${label}" is ${JSON.stringify(value)}; allowed: ${allowed.map((v) => `"${v}"`).join(', ')}.`,
		);
	}
	return value as T;
}

/** Reads and checks the parameters; throws InvalidFieldError naming the field before any request. */
function readSettings(this: IPollFunctions): Settings {
	const event = oneOf(
		PARAM.event,
		'Event',
		this.getNodeParameter(PARAM.event, 'runFailed') as string,
		Object.keys(EVENTS) as TriggerEvent[],
	);
	const scope = oneOf<Scope>(
		PARAM.scope,
		'Watch',
		this.getNodeParameter(PARAM.scope, 'selected') as string,
		['selected', 'all'],
	);
	const afterPause = oneOf(
		PARAM.afterPause,
		'After a Pause',
		this.getNodeParameter(PARAM.afterPause, 'catchUp') as string,
		Object.keys(AFTER_PAUSE) as AfterPause[],
	);
	const options = this.getNodeParameter(PARAM.options, {}) as IDataObject;
	const settings: Settings = { event, afterPause, sandboxOverride: options.sandboxName };
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

/** The selected dataflows IDS_PER_REQUEST at a time (one listing each), or one listing of every dataflow. */
function flowChunks(settings: Settings): Array<string[] | undefined> {
	return settings.flowIds ? chunk(settings.flowIds, IDS_PER_REQUEST) : [undefined];
}

/** Manual mode (Fetch Test Event): the latest finished run the event matches, over every selected dataflow; the cursor is left alone. */
async function latestRun(
	this: IPollFunctions,
	ctx: PlatformContext,
	sandboxName: string,
	settings: Settings,
): Promise<INodeExecutionData[][] | null> {
	const runs: FlowRun[] = [];
	for (const flowIds of flowChunks(settings)) {
		runs.push(
			...(await listRuns.call(this, ctx, sandboxName, {
				flowIds,
				statuses: [...EVENTS[settings.event].outcomes],
				orderBy: '-createdAt',
				limit: MANUAL_LOOKBACK,
			})),
		);
	}
	const endOf = (run: FlowRun) =>
		run.metrics?.durationSummary?.completedAtUTC ?? runStartedAt(run) ?? 0;
	const latest = runs
		.filter((run) => matchesEvent(summarizeRun(run), settings.event))
		.sort((a, b) => endOf(b) - endOf(a))[0];
	return latest ? [await toItems.call(this, ctx, sandboxName, [latest])] : null;
}

/** The first cursor (see activationCursor): runs of the last OVERLAP_MS and every unfinished run are recorded, none fired. */
async function activate(
	this: IPollFunctions,
	ctx: PlatformContext,
	sandboxName: string,
	settings: Settings,
): Promise<RunCursor> {
	const now = Date.now();
	const window = await listRuns.call(this, ctx, sandboxName, {
		flowIds: settings.flowIds,
		startedFrom: now - OVERLAP_MS,
	});
	const unfinished = await listRuns.call(this, ctx, sandboxName, {
		flowIds: settings.flowIds,
		statuses: ['inProgress', 'scheduled'],
		startedBefore: now - OVERLAP_MS,
	});
	const step = activationCursor(now, window.map(seen), unfinished.map(seen));
	if (step.dropped > 0) {
		this.logger.warn(
			`Adobe Experience Platform Trigger: ${step.dropped} runs in progress at activation are beyond the limit of ${MAX_PENDING} and will not fire; the ${MAX_PENDING} oldest are watched.`,
		);
	}
	return step.cursor;
}

/** A run's start when the run has begun (not `scheduled`: its start may be a planned one). */
function startOfStartedRun(run: FlowRun): number | undefined {
	return summarizeRun(run).status?.toLowerCase() === 'scheduled' ? undefined : runStartedAt(run);
}

/** What one slice's listing gave. */
interface SliceListing {
	runs: FlowRun[];
	ended: boolean;
	requests: number;
}

/** Runs started in `[lo, hi)` (hi undefined: no end), every chunk of dataflows, in at most `maxPages` requests. */
async function listSlice(
	this: IPollFunctions,
	ctx: PlatformContext,
	sandboxName: string,
	chunks: Array<string[] | undefined>,
	slice: { lo: number; hi?: number },
	maxPages: number,
): Promise<SliceListing> {
	const runs: FlowRun[] = [];
	let requests = 0;
	for (const [i, flowIds] of chunks.entries()) {
		const read = await readRunPages.call(
			this,
			ctx,
			sandboxName,
			{ flowIds, startedFrom: slice.lo, startedBefore: slice.hi },
			maxPages - requests - (chunks.length - 1 - i),
		);
		runs.push(...read.runs);
		requests += read.requests;
		if (!read.ended) return { runs, ended: false, requests };
	}
	return { runs, ended: true, requests };
}

/** Pages a slice of one millisecond may take (it cannot be narrowed): 10,000 runs, plus one page per further chunk. */
export function millisecondPages(chunks: number): number {
	return 10 * SLICE_PAGES + chunks - 1;
}

/** Pages the re-listed overlap `[since, next)` may take: 2,000 runs, plus one page per further chunk; on top of pagesPerPoll. */
export function overlapPages(chunks: number): number {
	return 2 * SLICE_PAGES + chunks - 1;
}

/** Pages one slice may take: SLICE_PAGES, plus one per further chunk of dataflows. */
export function slicePages(chunks: number): number {
	return SLICE_PAGES + chunks - 1;
}

/** Whether a slice was sparse enough to double the width (at most half of SLICE_PAGES beyond one request per chunk). */
export function sparse(requests: number, chunks: number): boolean {
	return 2 * (requests - (chunks - 1)) <= SLICE_PAGES;
}

/** Run listing requests one poll sends at most for its slices (`chunks`: listings per slice); pending lookups come on top. */
export function pagesPerPoll(chunks: number): number {
	return Math.max(PAGES_PER_POLL, slicePages(chunks));
}

/** A later poll: looks up pending runs, then lists start-time slices from `cursor.since` within the page budget. */
async function advance(
	this: IPollFunctions,
	ctx: PlatformContext,
	sandboxName: string,
	settings: Settings,
	cursor: RunCursor,
): Promise<{ cursor: RunCursor; firing: FlowRun[] }> {
	const inScope = (run: FlowRun) =>
		!settings.flowIds || settings.flowIds.includes(String(run.flowId));
	const lookedUp = (
		await listRuns.call(this, ctx, sandboxName, { ids: Object.keys(cursor.pending) })
	).filter(inScope);

	const chunks = flowChunks(settings);
	const perSlice = slicePages(chunks.length);
	let budget = pagesPerPoll(chunks.length);
	let width = cursor.width;
	let lo = cursor.since;
	let done = cursor.since;
	let last = cursor.since;
	const listed: FlowRun[] = [];
	const reported: number[] = [];
	if (cursor.next !== undefined && cursor.next > lo) {
		// The overlap up to where the last poll stopped is one slice, so a burst is not re-walked every poll.
		const hi = cursor.next;
		const slice = await listSlice.call(
			this,
			ctx,
			sandboxName,
			chunks,
			{ lo, hi },
			overlapPages(chunks.length),
		);
		reported.push(...reportedStarts(slice.runs.map(startOfStartedRun), Date.now()));
		if (slice.ended) {
			listed.push(...slice.runs);
			done = lo = hi;
		}
	}
	while (budget >= perSlice) {
		// A slice reaching past n8n's clock is listed to the end; the overlap covers Adobe's clock.
		const hi = lo + width > Date.now() ? undefined : lo + width;
		last = lo;
		// A slice of one millisecond cannot be narrowed: it is read whole, up to MILLISECOND_PAGES.
		const pages = width === 1 && hi !== undefined ? millisecondPages(chunks.length) : perSlice;
		const slice = await listSlice.call(this, ctx, sandboxName, chunks, { lo, hi }, pages);
		budget -= slice.requests;
		reported.push(...reportedStarts(slice.runs.map(startOfStartedRun), Date.now()));
		if (!slice.ended) {
			if (width === 1 && hi !== undefined) {
				this.logger.error(
					`Adobe Experience Platform Trigger: more runs started in the same millisecond (${new Date(lo).toISOString()}) than ${pages} pages of runs hold; the trigger cannot pass them and fires no later run. Watch fewer dataflows per trigger.`,
				);
				break;
			}
			width = Math.max(1, Math.floor(width / 4));
			continue;
		}
		listed.push(...slice.runs);
		if (hi === undefined) {
			done = Infinity;
			break;
		}
		done = lo = hi;
		if (sparse(slice.requests, chunks.length)) width = Math.min(MAX_WIDTH_MS, width * 2);
	}

	const step = advanceCursor(cursor, {
		lookedUp: lookedUp.map(seen),
		listed: listed.map(seen),
		done,
		last,
		reported,
		width,
		now: Date.now(),
	});
	if (step.deferred > 0) {
		this.logger.warn(
			`Adobe Experience Platform Trigger: ${MAX_PENDING} runs in progress are watched (the limit); ${step.deferred} later runs wait until older ones finish, none is lost.`,
		);
	}
	if (step.shortenedMs > 0) {
		this.logger.warn(
			`Adobe Experience Platform Trigger: more than ${MAX_SEEN} runs started within the ${OVERLAP_MS / 60_000}-minute overlap; the overlap is shortened by ${Math.ceil(step.shortenedMs / 1000)} s to remember ${MAX_SEEN}, so a run Adobe lists that late could be missed. Watch fewer dataflows per trigger if this repeats.`,
		);
	}
	const byId = new Map([...listed, ...lookedUp].map((run) => [run.id, run]));
	const firing = step.finished
		.map((id) => byId.get(id) as FlowRun)
		.filter((run) => matchesEvent(summarizeRun(run), settings.event));
	return { cursor: step.cursor, firing };
}

/** Static data objects of the node that a poll already used: n8n builds a new one per activation. */
const polledBefore = new WeakSet<object>();

/**
 * One poll: the first only records the cursor; later ones output each newly finished matching run
 * once. The cursor is stored only if every request succeeded, no other poll stored one, and `current()`.
 */
async function pollOnce(
	this: IPollFunctions,
	ctx: PlatformContext,
	settings: Settings,
	current: () => boolean,
): Promise<INodeExecutionData[][] | null> {
	const sandboxName = chooseSandbox(settings.sandboxOverride, ctx);
	if (this.getMode() === 'manual') return await latestRun.call(this, ctx, sandboxName, settings);

	const staticData = this.getWorkflowStaticData('node');
	const before = JSON.stringify(staticData[CURSOR_KEY] ?? null);
	const stored = readCursor(staticData[CURSOR_KEY]);
	// 'activate': the user turned the workflow on ('init': n8n started, 'update': saved while active).
	const reactivated = !polledBefore.has(staticData) && this.getActivationMode() === 'activate';

	let next: RunCursor;
	let firing: FlowRun[] = [];
	if (!stored || (reactivated && settings.afterPause === 'startFromNow')) {
		next = await activate.call(this, ctx, sandboxName, settings);
	} else {
		const from = reactivated ? boundCatchUp(stored, Date.now()) : stored;
		({ cursor: next, firing } = await advance.call(this, ctx, sandboxName, settings, from));
	}
	const items = firing.length ? await toItems.call(this, ctx, sandboxName, firing) : [];
	if (!current() || JSON.stringify(staticData[CURSOR_KEY] ?? null) !== before) return null;
	staticData[CURSOR_KEY] = next as unknown as IDataObject;
	polledBefore.add(staticData);
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

/** Polls in progress in this process, by workflow ID and node: one at a time. */
const inFlight = new Set<string>();

/** The static data of the latest activation; a stale activation's poll stores and fires nothing. */
const latestActivation = new Map<string, WeakRef<object>>();

/** The trigger's poll; returns null if another poll of this workflow and node still runs (n8n's cron does not wait). */
export async function pollRuns(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	if (this.getMode() === 'manual') return await pollChecked.call(this);
	const node = this.getNode();
	const key = JSON.stringify([this.getWorkflow().id ?? '', node.id ?? node.name]);
	const staticData = this.getWorkflowStaticData('node');
	latestActivation.set(key, new WeakRef(staticData));
	if (inFlight.has(key)) {
		this.logger.debug(
			'Adobe Experience Platform Trigger: the previous poll is still running; this one is skipped.',
		);
		return null;
	}
	inFlight.add(key);
	try {
		return await pollChecked.call(this, () => latestActivation.get(key)?.deref() === staticData);
	} finally {
		inFlight.delete(key);
	}
}

/** One poll with its parameters checked first; errors leave through toTriggerError. */
async function pollChecked(
	this: IPollFunctions,
	current: () => boolean = () => true,
): Promise<INodeExecutionData[][] | null> {
	let ctx: PlatformContext | undefined;
	try {
		const settings = readSettings.call(this);
		ctx = await loadPlatformContext.call(this);
		return await pollOnce.call(this, ctx, settings, current);
	} catch (error) {
		throw toTriggerError.call(this, error, ctx?.secrets ?? []);
	}
}
