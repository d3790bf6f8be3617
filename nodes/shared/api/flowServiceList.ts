/**
 * Reading a Flow Service list (`/sourceConnections`, `/targetConnections`, `/flows`, `/runs`...) page
 * by page. Adobe answers `{ items, _links: { next: { href } } }`, where `href` is a path relative to
 * the Flow Service base carrying `continuationToken` and repeating the query (dataflow-chain.md §0).
 */
import type { IDataObject } from 'n8n-workflow';

import { FLOW_SERVICE_PATH } from '../constants';
import { safeOperationError } from '../nodeErrors';
import { flowServicePath, platformRequest, type PlatformContext, type PlatformRequest, type RequestContext } from '../transport';

/** Adobe's largest documented page is not known (open question 11); 100 is what aepp and this package use. */
export const FLOW_SERVICE_PAGE_SIZE = 100;
/** At most this many pages per listing, so that endless continuation links end. */
export const MAX_LIST_PAGES = 100;

/** One Flow Service listing: the collection, its filters and order. */
export interface FlowServiceListQuery {
	/** The collection below the Flow Service base, e.g. `/sourceConnections`. */
	collection: string;
	/** `property=` filters, AND-ed by Adobe, e.g. `baseConnectionId==<id>` (Adobe's "Sort and filter" syntax). */
	property: string[];
	/** Default `-createdAt` (newest first). */
	orderby?: string;
	/** Stop after this many matching items; undefined = every page. */
	limit?: number;
	/** Item-level secrets to scrub from errors. */
	secrets?: string[];
	/** What one item is called in errors, e.g. "source connection" ("Listing source connections stopped…"). */
	noun: string;
}

/** Matching items read so far and, when Adobe has more pages, the `next.href` to resume from. */
export interface FlowServicePages<T> {
	found: T[];
	next?: string;
}

interface ListPage<T> {
	items?: T[];
	_links?: { next?: { href?: string } };
}

/** The request for a `next.href` (relative to the Flow Service base), its query kept, `property` repeated. */
export function nextPageRequest(href: string, sandboxName: string): PlatformRequest {
	const url = new URL(href, 'http://placeholder.invalid');
	const qs: IDataObject = {};
	const properties = url.searchParams.getAll('property');
	for (const [key, value] of url.searchParams) if (key !== 'property') qs[key] = value;
	if (properties.length) qs.property = properties;
	const path = url.pathname.startsWith(FLOW_SERVICE_PATH) ? url.pathname : flowServicePath(url.pathname);
	return { method: 'GET', path, qs, sandboxName };
}

/**
 * Items of one Flow Service collection, following continuation links from the first page or from
 * `resumeFrom` (a `next.href` handed out earlier, which must point at the same collection). Each
 * item must pass `accept` (a continuation link that dropped the filters must not leak others in).
 * With a limit it stops at the end of the page that reaches it, returning all of that page's
 * matches and `next`. Throws a NodeOperationError after MAX_LIST_PAGES pages or once the policy's
 * time budget (`ctx.policy.budgetMs`, ms) is spent, and NodeApiError for a failed request.
 */
export async function readFlowServicePages<T>(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	query: FlowServiceListQuery,
	accept: (item: T) => boolean,
	resumeFrom?: string,
	itemIndex?: number,
): Promise<FlowServicePages<T>> {
	const path = flowServicePath(query.collection);
	let request: PlatformRequest | undefined;
	if (resumeFrom === undefined) {
		request = {
			method: 'GET',
			path,
			qs: { property: query.property, limit: Math.min(FLOW_SERVICE_PAGE_SIZE, query.limit ?? FLOW_SERVICE_PAGE_SIZE), orderby: query.orderby ?? '-createdAt' },
			sandboxName,
		};
	} else {
		request = nextPageRequest(resumeFrom, sandboxName);
		if (request.path !== path) {
			throw safeOperationError(this, `The page token of the ${query.noun} list is not one this node handed out.`, {
				description: `Close and reopen the ${query.noun} list to start from its first page.`,
			});
		}
	}
	const found: T[] = [];
	const seenLinks = new Set<string>();
	const started = Date.now();
	for (let pages = 0; request; pages++) {
		if (pages >= MAX_LIST_PAGES || Date.now() - started > ctx.policy.budgetMs) {
			const limit = pages >= MAX_LIST_PAGES ? `the page cap of ${MAX_LIST_PAGES} pages` : `the request budget of ${ctx.policy.budgetMs / 1000} s`;
			throw safeOperationError(this, `Listing ${query.noun}s stopped at ${limit}: Adobe kept sending continuation links (${found.length} matching ${query.noun}s read so far).`, {
				itemIndex,
				description: 'Narrow the listing (a filter or a Limit), or try again later; if it persists, the listing in this sandbox does not end.',
			});
		}
		const page = (await platformRequest.call(this, ctx, { ...request, secrets: query.secrets }, itemIndex)) as ListPage<T>;
		found.push(...(Array.isArray(page?.items) ? page.items : []).filter((item) => item !== null && typeof item === 'object' && accept(item)));
		const href = page?._links?.next?.href;
		// A repeated link would loop forever; treat it as the last page.
		const next = href && !seenLinks.has(href) ? href : undefined;
		if (query.limit !== undefined && found.length >= query.limit) return { found, next };
		request = next ? nextPageRequest(next, sandboxName) : undefined;
		if (href) seenLinks.add(href);
	}
	return { found };
}

/** Every matching item (all pages, see readFlowServicePages), at most `query.limit`. */
export async function listFlowService<T>(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	query: FlowServiceListQuery,
	accept: (item: T) => boolean,
	itemIndex?: number,
): Promise<T[]> {
	const { found } = await (readFlowServicePages<T>).call(this, ctx, sandboxName, query, accept, undefined, itemIndex);
	return query.limit === undefined ? found : found.slice(0, query.limit);
}
