/**
 * Flow Service list query handling, shared by every list route (/connections, /sourceConnections,
 * /targetConnections, /flows, /flowSpecs, /runs): property filters (repeatable, AND-ed), orderby,
 * limit, continuationToken (opaque offset) and count.
 *
 * Filters follow Adobe's "Sort and filter" guide: `path<op>value` with ops `==`, `!=`, `<`, `<=`,
 * `>`, `>=`, `~` (contains / regex); a comma-separated value means "any of"; `[]` walks into an
 * array (`sourceConnectionIds[]==X`); a value in double quotes (`name=="CRMToAEP"`) is unquoted.
 */
import { flow } from './errors';

export const DEFAULT_LIMIT = 25;

type Filter = (item: unknown) => boolean;

/** Every value at a dotted path; a `[]` suffix on a segment walks into each array element. */
export function valuesAt(obj: unknown, path: string): unknown[] {
	let current: unknown[] = [obj];
	for (const raw of path.split('.')) {
		const spread = raw.endsWith('[]');
		const part = spread ? raw.slice(0, -2) : raw;
		const next: unknown[] = [];
		for (const cur of current) {
			if (typeof cur !== 'object' || cur === null) continue;
			const v = (cur as Record<string, unknown>)[part];
			if (spread) {
				if (Array.isArray(v)) next.push(...v);
			} else if (v !== undefined) next.push(v);
		}
		current = next;
	}
	return current;
}

export interface FilterOptions {
	/** Paths whose string values compare ignoring case (e.g. a run's status: `Failed` vs `failed`). */
	ignoreCase?: readonly string[];
	/** Paths that may never be filtered on (secrets): they match nothing. */
	hidden?: (path: string) => boolean;
}

function compare(actual: unknown, op: string, expected: string, ignoreCase: boolean): boolean {
	if (actual === null || actual === undefined || typeof actual === 'object') return false;
	const a = ignoreCase ? String(actual).toLowerCase() : String(actual);
	const e = ignoreCase ? expected.toLowerCase() : expected;
	if (op === '==') return a === e;
	if (op === '~') {
		try {
			return new RegExp(e).test(a);
		} catch {
			return a.includes(e);
		}
	}
	const numeric = typeof actual === 'number' && /^-?\d+(\.\d+)?$/.test(expected);
	const x = numeric ? (actual as number) : a;
	const y = numeric ? Number(expected) : e;
	if (op === '<') return x < y;
	if (op === '<=') return x <= y;
	if (op === '>') return x > y;
	return x >= y;
}

export function parseFilter(expr: string, options: FilterOptions = {}): Filter {
	const m = /^([A-Za-z_][A-Za-z0-9_.[\]:]*?)(==|!=|<=|>=|<|>|~)(.*)$/.exec(expr);
	if (!m) throw flow.invalid(`Unsupported property filter '${expr}'`);
	const [, path, op, rawValue] = m;
	const unquote = (v: string) => (/^".*"$/.test(v) ? v.slice(1, -1) : v);
	// Adobe documents a comma list as "any of", so `name==Orders, EU` means "Orders" or " EU": a
	// value containing a comma is never matched whole (callers must compare such names themselves).
	const values = (op === '==' || op === '!=' ? rawValue.split(',') : [rawValue]).map(unquote);
	const ignoreCase = options.ignoreCase?.includes(path) ?? false;
	const hidden = options.hidden?.(path) ?? false;
	return (item) => {
		const found = hidden ? [] : valuesAt(item, path);
		if (op === '!=') return !found.some((v) => values.some((e) => compare(v, '==', e, ignoreCase)));
		return found.some((v) => values.some((e) => compare(v, op, e, ignoreCase)));
	};
}

/** Whether an item passes every `property=` filter of the query. */
export function filterItems<T>(
	items: T[],
	query: URLSearchParams,
	options: FilterOptions = {},
): T[] {
	const filters = query.getAll('property').map((p) => parseFilter(p, options));
	return items.filter((item) => filters.every((f) => f(item)));
}

type Ranked<T> = { c: T; seq: number };

/** Ties (same millisecond) fall back to creation order, in the same direction as the sort. */
function parseOrder<T>(
	value: string | null,
	fields: readonly string[],
): (a: Ranked<T>, b: Ranked<T>) => number {
	if (value === null) value = '-createdAt'; // newest first unless asked otherwise
	const m = /^([+-]?)(.+)$/.exec(value);
	if (!m || !fields.includes(m[2])) throw flow.invalid(`Unsupported orderby '${value}'`);
	const sign = m[1] === '-' ? -1 : 1;
	const field = m[2];
	return (a, b) => {
		const av = valuesAt(a.c, field)[0] as string | number;
		const bv = valuesAt(b.c, field)[0] as string | number;
		return av < bv ? -sign : av > bv ? sign : (a.seq - b.seq) * sign;
	};
}

function parseLimit(value: string | null): number {
	if (value === null) return DEFAULT_LIMIT;
	if (!/^\d+$/.test(value) || Number(value) < 1)
		throw flow.invalid("'limit' must be a positive integer");
	return Number(value);
}

export function encodeToken(offset: number): string {
	return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeToken(token: string | null): number {
	if (token === null) return 0;
	try {
		const o = (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown }).o;
		if (typeof o === 'number' && Number.isInteger(o) && o >= 0) return o;
	} catch {
		// fall through to the error below
	}
	throw flow.invalid("'continuationToken' is not valid");
}

export type ListResult<V> = { count: number } | { items: V[]; _links?: { next: { href: string } } };

export interface ListOptions<T, V> extends FilterOptions {
	/** Path of the next link, relative to the Flow Service prefix, e.g. '/connections'. */
	href: string;
	/** What a list shows of a stored item (and what filters see). */
	view: (item: T) => V;
	/** Fields `orderby` accepts; default createdAt, updatedAt, name. */
	orderFields?: readonly string[];
}

/** One page of a Flow Service list. `items` must be in creation order. */
export function listItems<T, V>(
	items: T[],
	query: URLSearchParams,
	options: ListOptions<T, V>,
): ListResult<V> {
	const matching = filterItems(items.map(options.view), query, options);

	if (query.get('count') === 'true') {
		if (query.has('limit')) throw flow.limitWithCount();
		return { count: matching.length };
	}

	const order = parseOrder<V>(
		query.get('orderby'),
		options.orderFields ?? ['createdAt', 'updatedAt', 'name'],
	);
	const limit = parseLimit(query.get('limit'));
	const offset = decodeToken(query.get('continuationToken'));
	const sorted = matching
		.map((c, seq) => ({ c, seq }))
		.sort(order)
		.map((r) => r.c);
	const page = sorted.slice(offset, offset + limit);
	if (offset + limit >= sorted.length) return { items: page };

	// The next link repeats the caller's query so following it alone keeps filters and order.
	const next = new URLSearchParams();
	for (const [k, v] of query) if (k !== 'continuationToken') next.append(k, v);
	next.append('continuationToken', encodeToken(offset + limit));
	return { items: page, _links: { next: { href: `${options.href}?${next.toString()}` } } };
}
