/**
 * Offset paging (`start`/`limit`; a short page is the last) for Catalog datasets and Data Prep mapping sets.
 * Adobe: Catalog "List objects", "Filter data"; Data Prep "Mapping sets".
 */
import type { IDataObject } from 'n8n-workflow';
import { safeOperationError } from '../kernel/nodeErrors';
import { platformRequest, type PlatformContext, type RequestContext } from '../kernel/transport';
import { nameContains, type ListReader } from './paging';
import { InvalidFieldError } from '../kernel/validation';

/** Objects per page this package asks for: the most Catalog allows (Data Prep documents no maximum). */
const START_PAGE_SIZE = 100;

/** Which page to read: at most `limit` objects from the zero-based `start`, matching `filter`. */
export interface StartPageRequest<F> {
	start: number;
	limit: number;
	filter: F;
}

/** One page: the objects that match the filter, and the next page's `start` (undefined after the last page). */
export interface StartPage<T> {
	found: T[];
	nextStart?: number;
}

/** Reads one page of one collection (see StartPageRequest). */
export type StartPageReader<T, F> = (
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	page: StartPageRequest<F>,
	itemIndex?: number,
) => Promise<StartPage<T>>;

/** How a listing is named in its error, and where it stops. */
export interface StartListingRules {
	/** Plural noun, e.g. "datasets". */
	noun: string;
	/** At most this many pages, so a collection that never ends does not loop. */
	maxPages: number;
	/** The error's hint when `maxPages` is reached. */
	narrowHint: string;
}

/**
 * Pages from `start` 0 until a short page or `filter.limit` objects; an object read twice (new
 * objects push older ones to a later page while listing) is kept once. Fails at `rules.maxPages`.
 */
function listFromStart<T extends { id: string }, F extends { limit?: number }>(
	readPage: StartPageReader<T, F>,
	rules: StartListingRules,
): ListReader<T, F> {
	return async function (ctx, sandboxName, filter, itemIndex) {
		const found: T[] = [];
		const seen = new Set<string>();
		let start: number | undefined = 0;
		for (let pages = 0; start !== undefined; pages++) {
			if (pages >= rules.maxPages) {
				throw safeOperationError(
					this,
					`Listing ${rules.noun} stopped at the page cap of ${rules.maxPages} pages (${found.length} ${rules.noun} read).`,
					{ itemIndex, description: rules.narrowHint },
				);
			}
			const missing = filter.limit === undefined ? START_PAGE_SIZE : filter.limit - found.length;
			const limit = Math.min(START_PAGE_SIZE, Math.max(1, missing));
			const page: StartPage<T> = await readPage.call(
				this,
				ctx,
				sandboxName,
				{ start, limit, filter },
				itemIndex,
			);
			for (const object of page.found) {
				if (!seen.has(object.id)) found.push(object);
				seen.add(object.id);
			}
			if (filter.limit !== undefined && found.length >= filter.limit)
				return found.slice(0, filter.limit);
			start = page.nextStart;
		}
		return found;
	};
}

/** What every start-paged list filter may carry. */
export interface StartFilter {
	/** Only objects whose name contains this text, any case (checked here on each object). */
	nameContains?: string;
	/** Stop after this many objects; undefined = all pages. */
	limit?: number;
}

/** How one start-paged collection is read; startPagedCollection builds its calls from it. */
export interface StartCollectionRules<T, F> {
	/** Path of the collection, e.g. `/data/foundation/catalog/dataSets`. */
	path: string;
	/** Singular noun for messages, e.g. "dataset"; lists say it with an "s". */
	noun: string;
	/** The service, as errors name it, e.g. "Catalog". */
	service: string;
	/** The query of one page (its `start` and `limit`, and the filter's parameters). */
	query(page: StartPageRequest<F>): IDataObject;
	/** The objects of one answer, in its order (a page shorter than `limit` is the last). */
	objects(body: unknown, page: StartPageRequest<F>): T[];
	/** Further checks of each object (e.g. an exact name, when the service's filter is looser). */
	keep?(object: T, filter: F): boolean;
	/** At most this many pages per listing. */
	maxPages: number;
	/** The error's hint when `maxPages` is reached. */
	narrowHint: string;
}

/** The calls of one start-paged collection (see startPagedCollection). */
export interface StartPagedCollection<T, F> {
	/** One page from `page.start`, filtered; `next` is undefined after a short (last) page. */
	readPage: StartPageReader<T, F>;
	/** All pages, at most `filter.limit` objects (listFromStart). */
	list: ListReader<T, F>;
}

/**
 * The page reader and the list of one start-paged collection: `GET <path>?<query>` per page, each
 * object checked against the name search and `keep`, the next page at `start + count` unless the
 * page was short.
 */
export function startPagedCollection<
	T extends { id: string; name?: unknown },
	F extends StartFilter,
>(rules: StartCollectionRules<T, F>): StartPagedCollection<T, F> {
	const readPage: StartPageReader<T, F> = async function (ctx, sandboxName, page, itemIndex) {
		const request = {
			method: 'GET' as const,
			path: rules.path,
			qs: rules.query(page),
			sandboxName,
		};
		const body = await platformRequest.call(this, ctx, request, itemIndex);
		let objects: T[];
		try {
			objects = rules.objects(body, page);
		} catch (error) {
			throw safeOperationError(
				this,
				`${rules.service}'s ${rules.noun} list could not be read: ${(error as Error).message}.`,
				{ itemIndex },
			);
		}
		return {
			found: objects.filter(
				(object) =>
					nameContains(object.name, page.filter.nameContains) &&
					(rules.keep?.(object, page.filter) ?? true),
			),
			nextStart: objects.length < page.limit ? undefined : page.start + objects.length,
		};
	};
	const list = listFromStart(readPage, {
		noun: `${rules.noun}s`,
		maxPages: rules.maxPages,
		narrowHint: rules.narrowHint,
	});
	return { readPage, list };
}

/**
 * Catalog paging and response shapes: lists are objects keyed by ID, `start` zero-based, `limit`
 * 1..100. Always send `properties=` (unfiltered answers can be gigabytes). Adobe: Catalog "Filter data".
 */
export const CATALOG_DEFAULT_LIMIT = 20;
export const CATALOG_MAX_LIMIT = 100;

export interface CatalogPageRequest {
	/** Zero-based offset of the first object. */
	start: number;
	/** Page size, 1..100. */
	limit: number;
	/** Top-level fields to return, e.g. ['name', 'schemaRef']; never empty. */
	properties: string[];
}

/** One Catalog object with its ID copied in (Catalog keeps the ID only as the key). */
export type CatalogObject = { id: string } & Record<string, unknown>;

export interface CatalogPage {
	items: CatalogObject[];
	/** The `start` of the next page, or undefined when this page was the last (fewer than `limit`). */
	nextStart?: number;
}

/**
 * Query parameters for one page: `{start, limit, properties}` as strings.
 * @throws InvalidFieldError (`limit`) outside 1..100, (`properties`) when empty or not top-level names
 */
export function catalogPageQuery(request: CatalogPageRequest): Record<string, string> {
	if (!Number.isSafeInteger(request.start) || request.start < 0)
		throw new InvalidFieldError('start', "'start' must be a whole number of at least 0");
	if (
		!Number.isSafeInteger(request.limit) ||
		request.limit < 1 ||
		request.limit > CATALOG_MAX_LIMIT
	) {
		throw new InvalidFieldError(
			'limit',
			`'limit' must be a whole number from 1 to ${CATALOG_MAX_LIMIT}`,
		);
	}
	if (request.properties.length === 0)
		throw new InvalidFieldError(
			'properties',
			"'properties' must name at least one field, e.g. name",
		);
	for (const p of request.properties) {
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(p))
			throw new InvalidFieldError(
				'properties',
				`'properties' takes top-level field names only, not '${p}'`,
			);
	}
	return {
		start: String(request.start),
		limit: String(request.limit),
		properties: request.properties.join(','),
	};
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns one Catalog list answer into a list, in the answer's key order, with `nextStart`.
 * @throws Error when the body is not an object keyed by ID (e.g. an array or an error body)
 */
export function parseCatalogPage(
	body: unknown,
	request: Pick<CatalogPageRequest, 'start' | 'limit'>,
): CatalogPage {
	if (!isObject(body))
		throw new Error('Catalog answered with something other than an object keyed by ID');
	const items: CatalogObject[] = [];
	for (const [id, value] of Object.entries(body)) {
		if (!isObject(value)) throw new Error(`Catalog object '${id}' is not an object`);
		items.push({ ...value, id });
	}
	return items.length < request.limit
		? { items }
		: { items, nextStart: request.start + items.length };
}

/**
 * The one object of `GET /dataSets/{id}` (answered as `{"<id>": {...}}`), with `id` set.
 * @throws Error when the answer does not hold that ID
 */
export function parseCatalogObject(body: unknown, id: string): CatalogObject {
	const value = isObject(body) ? body[id] : undefined;
	if (!isObject(value)) throw new Error(`Catalog's answer does not contain object '${id}'`);
	return { ...value, id };
}

/**
 * The new ID from `POST /dataSets`, whose 201 body is `["@/dataSets/<id>"]`.
 * @throws Error for any other shape
 */
export function parseCatalogCreated(body: unknown, collection = 'dataSets'): string {
	const prefix = `@/${collection}/`;
	if (
		Array.isArray(body) &&
		body.length === 1 &&
		typeof body[0] === 'string' &&
		body[0].startsWith(prefix) &&
		body[0].length > prefix.length
	) {
		return body[0].slice(prefix.length);
	}
	throw new Error(`Catalog did not answer with ["${prefix}<id>"]`);
}

/**
 * The Catalog `name=` value for an exact name: `*`, `,` and a leading `!` are filter syntax
 * (filter-data.md), so they are escaped or narrowed. Callers still compare names exactly.
 */
export function catalogNameQuery(name: string): string {
	const comma = name.indexOf(',');
	let head = comma < 0 ? name : name.slice(0, comma);
	let prefix = '';
	if (head.startsWith('!')) {
		prefix = '*';
		head = head.slice(1);
	}
	const escaped = `${prefix}${head.replace(/\*/g, '**')}`;
	return comma < 0 ? escaped : `${escaped}*`;
}
