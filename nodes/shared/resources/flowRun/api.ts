/**
 * Flow runs (Flow Service `/runs`): read calls. Adobe: "Monitor dataflows for sources", "Sort and filter".
 * Status is at `metrics.statusSummary.status`; times are epoch ms.
 */
import type { IDataObject } from 'n8n-workflow';

import { idAndEtag, type RunNowBody } from './body';
import { reachedService } from '../../kernel/retryPolicy';
import {
	flowServicePath,
	platformRequest,
	toNodeApiError,
	type Failure,
	type PlatformContext,
	type PlatformRequest,
	type RequestContext,
} from '../../kernel/transport';
import { sendAtMostOnce } from '../../flowService/createOnce';
import {
	collectionFilters,
	flowServiceCollection,
	listRequest,
	nextPageRequest,
	type CollectionRules,
	type FlowServicePage,
} from '../../flowService/paging';

/** A run as `GET /runs` lists it; only the fields this package reads are typed. */
export interface FlowRun extends IDataObject {
	id: string;
	flowId?: string;
	createdAt?: number;
	updatedAt?: number;
	metrics?: {
		durationSummary?: { startedAtUTC?: number; completedAtUTC?: number };
		statusSummary?: { status?: string; errors?: IDataObject[] };
		recordSummary?: IDataObject;
	} & IDataObject;
}

/** Which runs to list; every given condition must hold. */
export interface RunFilter {
	/** Runs of these dataflows only (`property=flowId==a,b`, Adobe's "any of"). */
	flowIds?: string[];
	/** These runs only (`property=id==a,b`). */
	ids?: string[];
	/** Runs with one of these `metrics.statusSummary.status` values, e.g. `failed` (Adobe's case; compared ignoring case here). */
	statuses?: string[];
	/** Runs started at or after this time (epoch ms; `metrics.durationSummary.startedAtUTC>=`). */
	startedFrom?: number;
	/** Runs started before this time (epoch ms; `metrics.durationSummary.startedAtUTC<`). */
	startedBefore?: number;
	/** Flow Service `orderby`, e.g. `-createdAt` (newest first, the default). */
	orderBy?: string;
	/** Stop at the end of the page that reaches this many runs; undefined = every page. */
	limit?: number;
}

/** IDs per `==a,b,…` filter: keeps each request's URL short (a run ID is 36 characters). */
export const IDS_PER_REQUEST = 20;

function statusOf(run: FlowRun): string {
	return String(run?.metrics?.statusSummary?.status ?? '').toLowerCase();
}

/** The run's start (epoch ms), or undefined when Adobe sent none. */
export function runStartedAt(run: FlowRun): number | undefined {
	const started = run?.metrics?.durationSummary?.startedAtUTC;
	return typeof started === 'number' && Number.isFinite(started) ? started : undefined;
}

/** `values` in lists of at most `size`, in order. */
export function chunk<T>(values: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
	return out;
}

/** Local checks of a listed run beyond the ID lists: status (any case) and start time. */
function matches(run: FlowRun, filter: RunFilter): boolean {
	if (filter.statuses && !filter.statuses.some((s) => s.toLowerCase() === statusOf(run)))
		return false;
	if (filter.startedFrom !== undefined && !((runStartedAt(run) ?? -Infinity) >= filter.startedFrom))
		return false;
	if (
		filter.startedBefore !== undefined &&
		!((runStartedAt(run) ?? Infinity) < filter.startedBefore)
	)
		return false;
	return true;
}

/**
 * The sandbox's flow runs (`/runs`): filters by dataflow and run IDs ("any of"; empty sends no
 * request), status, start time; each run re-checked locally.
 */
const RUN_RULES: CollectionRules<FlowRun, RunFilter> = {
	path: flowServicePath('/runs'),
	noun: 'run',
	anyOf: { flowIds: 'flowId', ids: 'id' },
	properties: (filter) => {
		const property: string[] = [];
		if (filter.statuses)
			property.push(`metrics.statusSummary.status==${filter.statuses.join(',')}`);
		if (filter.startedFrom !== undefined)
			property.push(`metrics.durationSummary.startedAtUTC>=${filter.startedFrom}`);
		if (filter.startedBefore !== undefined)
			property.push(`metrics.durationSummary.startedAtUTC<${filter.startedBefore}`);
		return property;
	},
	keep: matches,
	narrowHint:
		'Narrow the runs (fewer dataflows, a later start), or try again later; if it persists, the run listing in this sandbox does not end.',
};
export const flowRuns = flowServiceCollection<FlowRun, RunFilter>(RUN_RULES);

const runFilters = collectionFilters(RUN_RULES);

/** What readRunPages read: the runs, whether the listing ended (no further continuation link), the requests sent. */
export interface RunPages {
	runs: FlowRun[];
	ended: boolean;
	requests: number;
}

/**
 * Runs matching `filter`, at most `maxPages` pages; `ended` is false when a continuation link remained.
 * @throws NodeApiError when a request fails after retries
 */
export async function readRunPages(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	filter: RunFilter,
	maxPages: number,
): Promise<RunPages> {
	if (runFilters.matchesNothing(filter)) return { runs: [], ended: true, requests: 0 };
	const first = listRequest(RUN_RULES.path, sandboxName, runFilters.properties(filter), {
		orderBy: filter.orderBy,
	});
	const runs: FlowRun[] = [];
	const links = new Set<string>();
	let request: PlatformRequest | undefined = first;
	let requests = 0;
	while (request && requests < maxPages) {
		const page = (await platformRequest.call(this, ctx, request)) as FlowServicePage<FlowRun>;
		requests++;
		const items = Array.isArray(page?.items) ? page.items : [];
		runs.push(...items.filter((run) => runFilters.keep(run, filter)));
		const href = page?._links?.next?.href;
		request = href && !links.has(href) ? nextPageRequest(href, sandboxName) : undefined;
		if (href) links.add(href);
	}
	return { runs, ended: request === undefined, requests };
}

/**
 * All runs matching `filter`, at most `filter.limit`; long ID lists are sent IDS_PER_REQUEST at a time.
 * @throws NodeApiError; NodeOperationError when a listing does not end (MAX_PAGES, budget)
 */
export async function listRuns(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	filter: RunFilter,
	itemIndex?: number,
): Promise<FlowRun[]> {
	const key = filter.ids ? 'ids' : filter.flowIds ? 'flowIds' : undefined;
	const parts = key
		? chunk(filter[key] as string[], IDS_PER_REQUEST).map((values) => ({
				...filter,
				[key]: values,
			}))
		: [filter];
	const byId = new Map<string, FlowRun>();
	for (const part of parts) {
		for (const run of await flowRuns.list.call(this, ctx, sandboxName, part, itemIndex))
			if (!byId.has(run.id)) byId.set(run.id, run);
		if (filter.limit !== undefined && byId.size >= filter.limit) break;
	}
	const runs = [...byId.values()];
	return filter.limit === undefined ? runs : runs.slice(0, filter.limit);
}

// ---------------------------------------------------------------------------------------------
// Writes: run now, retry

/** A 2xx answer without a run ID: Adobe may have started a run, so it is never sent again. */
function noRunId(status: number, body: unknown, what: string): Failure {
	const facts = { malformedBody: true };
	return {
		facts,
		reached: reachedService(facts),
		decoded: {
			source: 'http',
			status,
			title: `Adobe answered the ${what} with HTTP ${status} but without a run ID`,
			detail: `Answer: ${JSON.stringify(body ?? '').slice(0, 200)}`,
			hint: 'A run may have started: check Flow Run > Get Many for the dataflow before trying again.',
		},
	};
}

/** What a run start answers: the new run's ID (and etag when Adobe sends one). */
export interface StartedRun {
	id: string;
	etag?: string;
}

/**
 * A run-starting call, sent at most once without a lookup (a run from an interrupted attempt cannot
 * be told apart): resent only when Adobe certainly did not act. `what` names it in errors.
 */
function runStarter<A>(what: string, requestFor: (sandboxName: string, arg: A) => PlatformRequest) {
	return async function (
		this: RequestContext,
		ctx: PlatformContext,
		sandboxName: string,
		arg: A,
		itemIndex?: number,
	): Promise<StartedRun> {
		const outcome = await (sendAtMostOnce<unknown>).call(this, ctx, requestFor(sandboxName, arg), {
			accept: (status, body) => (idAndEtag(body) ? undefined : noRunId(status, body, what)),
		});
		if (!outcome.ok) {
			const failure = outcome.failure;
			if (failure.reached !== 'no') {
				failure.decoded = {
					...failure.decoded,
					hint: `${failure.decoded.hint} The request may have started a run: check Flow Run > Get Many for the dataflow before trying again.`,
				};
			}
			throw toNodeApiError.call(this, failure, itemIndex);
		}
		return idAndEtag(outcome.body) as StartedRun;
	};
}

/**
 * On-demand run of a `once` dataflow: `POST /runs`.
 * @throws NodeApiError (1386 flow not `once`, 1381 window, 1382/1383 delta column, …)
 */
export const runNow = runStarter<RunNowBody>('on-demand run', (sandboxName, body) => ({
	method: 'POST',
	path: flowRuns.pathOf(),
	body: body as unknown as IDataObject,
	sandboxName,
}));

/**
 * Retries a failed run (given its ID): `POST /runs/{id}/action?op=re-trigger` → the new run's
 * `{id, etag}`.
 * @throws NodeApiError (1387 run not failed, 1388 flow disabled, …)
 */
export const retryRun = runStarter<string>('retry', (sandboxName, runId) => ({
	method: 'POST',
	path: flowRuns.pathOf(runId, '/action'),
	qs: { op: 're-trigger' },
	sandboxName,
}));
