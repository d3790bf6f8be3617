/**
 * Flow Service list paging, shared by every Flow Service listing (connections, flows, runs, …).
 * Adobe docs followed: "Sort and filter Flow Service responses" (help/dataflows/api/sort-and-filter.md)
 * and the Flow Service OpenAPI: a list answers `{items: [...], _links: {next: {href}}}`, where `href`
 * is relative to the Flow Service base and carries `continuationToken` plus the caller's query.
 */
import type { IDataObject } from 'n8n-workflow';

import { FLOW_SERVICE_PATH } from '../constants';
import { safeOperationError } from '../nodeErrors';
import {
	flowServicePath,
	platformRequest,
	type PlatformContext,
	type PlatformRequest,
	type RequestContext,
} from '../transport';

/** At most this many pages per listing, so endless continuation links end. */
export const MAX_PAGES = 100;

/** Items per Flow Service page this package asks for (Adobe documents no maximum). */
export const PAGE_SIZE = 100;

/** One page of a Flow Service list as Adobe sends it. */
export interface FlowServicePage<T> {
	items?: T[];
	_links?: { next?: { href?: string } };
}

/** The request for a `next.href` (relative to the Flow Service base, e.g. "/runs?continuationToken=…"). */
export function nextPageRequest(href: string, sandboxName: string): PlatformRequest {
	const url = new URL(href, 'http://placeholder.invalid');
	const qs: IDataObject = {};
	const properties = url.searchParams.getAll('property');
	for (const [key, value] of url.searchParams) if (key !== 'property') qs[key] = value;
	if (properties.length) qs.property = properties;
	const path = url.pathname.startsWith(FLOW_SERVICE_PATH)
		? url.pathname
		: flowServicePath(url.pathname);
	return { method: 'GET', path, qs, sandboxName };
}

/** What a listing reads and how far. */
export interface PagingOptions<T> {
	/** Plural noun for errors, e.g. "connections", "runs". */
	noun: string;
	/** Keeps only the items that are what was asked for (a continuation link that dropped the filters must not leak others in). */
	keep?: (item: T) => boolean;
	/** Stop at the end of the page that reaches this many kept items; undefined = every page. */
	limit?: number;
	/** A `next.href` returned earlier, to resume from (a picker's next page); it must point at the first request's path. */
	resumeFrom?: string;
	/** Item-level secrets to scrub from errors. */
	secrets?: string[];
	itemIndex?: number;
	/** Hint when the listing does not end (MAX_PAGES or the policy budget). */
	narrowHint?: string;
}

/** Kept items read so far and, when Adobe has more pages, the `next.href` to resume from. */
export interface FlowServicePages<T> {
	found: T[];
	next?: string;
}

/**
 * Reads a Flow Service list page by page from `first` (or from `options.resumeFrom`), following
 * continuation links. A repeated link ends the listing (it would loop forever).
 * @throws NodeOperationError after MAX_PAGES pages, once the policy's request budget (ms) is spent,
 *   or when `resumeFrom` points at another list; NodeApiError when a request fails (after retries)
 */
export async function readFlowServicePages<T>(
	this: RequestContext,
	ctx: PlatformContext,
	first: PlatformRequest,
	options: PagingOptions<T>,
): Promise<FlowServicePages<T>> {
	const { noun, itemIndex } = options;
	let request: PlatformRequest | undefined = first;
	if (options.resumeFrom !== undefined) {
		request = nextPageRequest(options.resumeFrom, first.sandboxName);
		if (request.path !== first.path) {
			const singular = noun.replace(/s$/, '');
			throw safeOperationError(
				this,
				`The page token of the ${singular} list is not one this node handed out.`,
				{
					itemIndex,
					description: `Close and reopen the ${singular[0].toUpperCase()}${singular.slice(1)} list to start from its first page.`,
				},
			);
		}
	}
	const found: T[] = [];
	const seenLinks = new Set<string>();
	const started = Date.now();
	for (let pages = 0; request; pages++) {
		if (pages >= MAX_PAGES || Date.now() - started > ctx.policy.budgetMs) {
			const limit =
				pages >= MAX_PAGES
					? `the page cap of ${MAX_PAGES} pages`
					: `the request budget of ${ctx.policy.budgetMs / 1000} s`;
			throw safeOperationError(
				this,
				`Listing ${noun} stopped at ${limit}: Adobe kept sending continuation links (${found.length} matching ${noun} read so far).`,
				{
					itemIndex,
					description:
						options.narrowHint ??
						'Narrow the listing, or try again later; if it persists, the listing in this sandbox does not end.',
				},
			);
		}
		const page = (await platformRequest.call(
			this,
			ctx,
			{ ...request, secrets: options.secrets },
			itemIndex,
		)) as FlowServicePage<T>;
		const items = Array.isArray(page?.items) ? page.items : [];
		found.push(...(options.keep ? items.filter(options.keep) : items));
		const href = page?._links?.next?.href;
		const next = href && !seenLinks.has(href) ? href : undefined;
		if (options.limit !== undefined && found.length >= options.limit) return { found, next };
		request = next ? nextPageRequest(next, first.sandboxName) : undefined;
		if (href) seenLinks.add(href);
	}
	return { found };
}

/**
 * The object a Flow Service `GET /<collection>/{id}` answered: Adobe wraps it as `{items: [object]}`;
 * a bare object is accepted too (aepp handles both). Undefined when the answer holds no object with an `id`.
 */
export function singleItem<T extends { id: string }>(body: unknown): T | undefined {
	const items = (body as { items?: unknown } | null)?.items;
	const found = (Array.isArray(items) ? items[0] : body) as T | undefined;
	return found && typeof found.id === 'string' ? found : undefined;
}
