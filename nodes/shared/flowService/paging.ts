/**
 * Flow Service list paging: `{items, _links: {next: {href}}}` with `continuationToken`.
 * Adobe: "Sort and filter Flow Service responses" (sort-and-filter.md).
 */
import type { IDataObject } from 'n8n-workflow';

import { FLOW_SERVICE_PATH } from '../kernel/constants';
import { safeOperationError } from '../kernel/nodeErrors';
import {
	flowServicePath,
	idempotentRequest,
	platformRequest,
	toNodeApiError,
	type PlatformContext,
	type PlatformRequest,
	type RequestContext,
} from '../kernel/transport';

/** At most this many pages per listing, so endless continuation links end. */
export const MAX_PAGES = 100;

/** Items per Flow Service page this package asks for (Adobe documents no maximum). */
export const PAGE_SIZE = 100;

/** One page of a Flow Service list as Adobe sends it. */
export interface FlowServicePage<T> {
	items?: T[];
	_links?: { next?: { href?: string } };
}

/** Paging and order asked of a Flow Service list: at most `limit` items, Flow Service `orderBy`. */
export interface ListOrder {
	/** Stop at the end of the page that reaches this many kept items; undefined = every page. */
	limit?: number;
	/** Flow Service `orderby`; default `-createdAt` (newest first). */
	orderBy?: string;
}

/** First page request: `GET {path}?property=…&limit=…&orderby=…`, newest first by default. */
export function listRequest(
	path: string,
	sandboxName: string,
	property: string[],
	order: ListOrder,
): PlatformRequest {
	return {
		method: 'GET',
		path,
		qs: {
			...(property.length ? { property } : {}),
			limit: Math.min(PAGE_SIZE, order.limit ?? PAGE_SIZE),
			orderby: order.orderBy ?? '-createdAt',
		},
		sandboxName,
	};
}

/**
 * Does `name` contain `text`, ignoring case? True when `text` is undefined (no filter). Checked
 * here for every listing: Adobe's filters have no "contains".
 */
export function nameContains(name: unknown, text: string | undefined): boolean {
	return (
		text === undefined ||
		String(name ?? '')
			.toLowerCase()
			.includes(text.toLowerCase())
	);
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
 * Reads a Flow Service list page by page, following continuation links; a repeated link ends it.
 * Fails after MAX_PAGES pages or the policy's request budget (ms).
 */
async function readFlowServicePages<T>(
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

/** The object of a `GET /<collection>/{id}`, bare or as `{items: [object]}`; undefined without an `id`. */
export function singleItem<T extends { id: string }>(body: unknown): T | undefined {
	const items = (body as { items?: unknown } | null)?.items;
	const found = (Array.isArray(items) ? items[0] : body) as T | undefined;
	return found && typeof found.id === 'string' ? found : undefined;
}

/** Reads Flow Service pages of one collection, from the first page or from `resumeFrom`. */
export type PageReader<T, F> = (
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	filter: F,
	resumeFrom?: string,
	itemIndex?: number,
) => Promise<FlowServicePages<T>>;

/** Lists every page of one collection matching `filter` (Flow Service or start-paged), at most `filter.limit` objects. */
export type ListReader<T, F> = (
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	filter: F,
	itemIndex?: number,
) => Promise<T[]>;

/** What every Flow Service list filter may carry besides its own conditions. */
export interface CollectionFilter extends ListOrder {
	/** Only objects whose name contains this text, any case (checked here: Adobe has no such filter). */
	nameContains?: string;
	/** Item-level secrets (e.g. a password being sent) to scrub from errors. */
	secrets?: string[];
}

/** How one Flow Service collection is filtered; flowServiceCollection builds its calls from it. */
export interface CollectionRules<T, F> {
	/** Flow Service path of the collection, e.g. `flowServicePath('/connections')`. */
	path: string;
	/** Singular noun for messages, e.g. "source connection"; lists say it with an "s". */
	noun: string;
	/** Only objects of this connection spec (`property=connectionSpec.id==…`), e.g. Redshift's. */
	connectionSpecId?: string;
	/** Exact-value filters: filter key -> object property, e.g. `{ tableName: 'params.tableName' }`. */
	equals?: { [K in keyof F]?: string };
	/** "Any of" filters: list key -> object property, e.g. `{ ids: 'id' }`; an empty list sends no request. */
	anyOf?: { [K in keyof F]?: string };
	/** Further `property=` filters, sent after those above (see listRequest). */
	properties?(filter: F): string[];
	/** Further checks of each listed object, for `properties` that are not plain equality. */
	keep?(item: T, filter: F): boolean;
	/** The error's hint when a listing does not end (MAX_PAGES or the policy budget). */
	narrowHint: string;
}

/**
 * Whether a value is safe as a `property=` filter (letters, digits, spaces, `_ . ( ) - : / @`): Adobe
 * reads `,` as "any of" and strips quotes. Other values are matched locally only.
 */
export function literalFilterValue(value: string): boolean {
	return /^[\p{L}\p{N}_.()\-:/@]+( +[\p{L}\p{N}_.()\-:/@]+)*$/u.test(value);
}

/** The value at a dotted property path of a listed object, e.g. `params.tableName`. */
function valueAt(item: unknown, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], item);
}

/** A collection's filters for one listing (see collectionFilters). */
export interface CollectionFilters<T, F> {
	/** True when an "any of" filter holds an empty list: nothing can match, so no request is sent. */
	matchesNothing(filter: F): boolean;
	/** The `property=` values to send, in order: connection spec, `equals`, `anyOf`, then `properties`. */
	properties(filter: F): string[];
	/** Whether a listed object is one that was asked for (a string `id`, and every filter holds). */
	keep(item: T, filter: F): boolean;
}

/** The `property=` filters and the local re-check (a continuation link may drop filters). */
export function collectionFilters<T extends { id: string }, F extends CollectionFilter>(
	rules: CollectionRules<T, F>,
): CollectionFilters<T, F> {
	const equals = Object.entries(rules.equals ?? {}) as Array<[keyof F, string]>;
	const anyOf = Object.entries(rules.anyOf ?? {}) as Array<[keyof F, string]>;
	const given = (filter: F) => equals.filter(([key]) => filter[key] !== undefined);
	const lists = (filter: F) =>
		anyOf
			.filter(([key]) => filter[key] !== undefined)
			.map(([key, path]) => [filter[key] as unknown as string[], path] as const);
	return {
		matchesNothing: (filter: F): boolean => lists(filter).some(([values]) => values.length === 0),
		properties: (filter: F): string[] => [
			...(rules.connectionSpecId === undefined
				? []
				: [`connectionSpec.id==${rules.connectionSpecId}`]),
			...given(filter)
				.filter(([key]) => literalFilterValue(String(filter[key])))
				.map(([key, path]) => `${path}==${String(filter[key])}`),
			...lists(filter).map(([values, path]) => `${path}==${values.join(',')}`),
			...(rules.properties?.(filter) ?? []),
		],
		keep: (item: T, filter: F): boolean =>
			typeof item?.id === 'string' &&
			(rules.connectionSpecId === undefined ||
				valueAt(item, 'connectionSpec.id') === rules.connectionSpecId) &&
			given(filter).every(([key, path]) => valueAt(item, path) === filter[key]) &&
			lists(filter).every(([values, path]) => values.includes(String(valueAt(item, path)))) &&
			nameContains((item as { name?: unknown }).name, filter.nameContains) &&
			(rules.keep?.(item, filter) ?? true),
	};
}

/** What a delete ended with: deleted now, or found already gone. */
export interface DeleteResult {
	deleted: boolean;
	alreadyAbsent: boolean;
}

/** The calls of one Flow Service collection (see flowServiceCollection). */
export interface FlowServiceCollection<T, F> {
	/**
	 * Flow Service path of the collection (no `id`), or of one object plus `suffix`, e.g.
	 * `/flows/{id}/action` for `pathOf(id, '/action')`; the ID is URL-encoded.
	 */
	pathOf(id?: string, suffix?: string): string;
	/** Matching objects, newest first, from the first page or `resumeFrom`; with a limit, returns `next`. */
	readPages: PageReader<T, F>;
	/** All pages (readPages from the first), at most `filter.limit`. Throws as readPages. */
	list: ListReader<T, F>;
	/** `GET <collection>/{id}` (see singleItem); fails naming the ID when the answer holds none. */
	get(
		this: RequestContext,
		ctx: PlatformContext,
		sandboxName: string,
		id: string,
		itemIndex?: number,
	): Promise<T>;
	/**
	 * `DELETE <collection>/{id}` (204). A 404 on a retry after an interrupted attempt is
	 * `{deleted: false, alreadyAbsent: true}`, so a re-run passes; a first 404 fails.
	 */
	remove(
		this: RequestContext,
		ctx: PlatformContext,
		sandboxName: string,
		id: string,
		itemIndex?: number,
	): Promise<DeleteResult>;
}

/** The list and get calls of one Flow Service collection, from its filter rules. */
export function flowServiceCollection<T extends { id: string }, F extends CollectionFilter>(
	rules: CollectionRules<T, F>,
): FlowServiceCollection<T, F> {
	const plural = `${rules.noun}s`;
	const { matchesNothing, properties, keep } = collectionFilters(rules);
	const collection: FlowServiceCollection<T, F> = {
		pathOf: (id, suffix = '') =>
			id === undefined ? rules.path : `${rules.path}/${encodeURIComponent(id)}${suffix}`,
		async readPages(ctx, sandboxName, filter, resumeFrom, itemIndex) {
			if (matchesNothing(filter)) return { found: [] };
			return await (readFlowServicePages<T>).call(
				this,
				ctx,
				listRequest(rules.path, sandboxName, properties(filter), filter),
				{
					noun: plural,
					keep: (item) => keep(item, filter),
					limit: filter.limit,
					resumeFrom,
					secrets: filter.secrets,
					itemIndex,
					narrowHint: rules.narrowHint,
				},
			);
		},
		async list(ctx, sandboxName, filter, itemIndex) {
			const { found } = await collection.readPages.call(
				this,
				ctx,
				sandboxName,
				filter,
				undefined,
				itemIndex,
			);
			return filter.limit === undefined ? found : found.slice(0, filter.limit);
		},
		async get(ctx, sandboxName, id, itemIndex) {
			const request = { method: 'GET' as const, path: collection.pathOf(id), sandboxName };
			const found = singleItem<T>(await platformRequest.call(this, ctx, request, itemIndex));
			if (!found) {
				throw safeOperationError(
					this,
					`Adobe returned no ${rules.noun} with ID ${id} in sandbox "${sandboxName}".`,
					{ itemIndex },
				);
			}
			return found;
		},
		async remove(ctx, sandboxName, id, itemIndex) {
			const outcome = await idempotentRequest.call(this, ctx, {
				method: 'DELETE',
				path: collection.pathOf(id),
				sandboxName,
			});
			if (outcome.ok) return { deleted: true, alreadyAbsent: false };
			if (outcome.afterAmbiguousAttempt === true && outcome.failure.facts.status === 404)
				return { deleted: false, alreadyAbsent: true };
			throw toNodeApiError.call(this, outcome.failure, itemIndex);
		},
	};
	return collection;
}
