/**
 * Catalog Service paging and response shapes (`/data/foundation/catalog/dataSets`). Pure.
 * Adobe docs followed: Catalog "Filter data" and "List objects" (`help/catalog/api/filter-data.md`,
 * `list-objects.md`), "Create a dataset" (`create-dataset.md`).
 *
 * Catalog lists are objects keyed by ID (no array, no `_page`, no next link), paged by a zero-based
 * `start` offset and `limit` (1..100, default 20). `properties=` should always be sent: an unfiltered
 * answer can be gigabytes.
 */
import { InvalidFieldError } from '../kernel/InvalidFieldError';

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
 * The Catalog `name=` value that finds a dataset by its exact name. Catalog reads `*` as a
 * wildcard (`**` is a literal asterisk), a comma as "any of" and a leading `!` as "not"
 * (filter-data.md), so a name is escaped, and a name with a comma or a leading `!` is narrowed to
 * what Catalog can express (the part before the comma, then `*`; a leading `*` for the `!`).
 * The caller must still compare names exactly.
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
