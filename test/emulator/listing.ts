/**
 * GET /connections query handling: property filters (repeatable, AND-ed), orderby, limit,
 * continuationToken (opaque offset) and count.
 */
import { flow } from './errors';
import { SECRET_PARAMS } from './spec';
import { publicView } from './state';
import type { StoredConnection } from './types';

export const DEFAULT_LIMIT = 25;

type Filter = (c: StoredConnection) => boolean;

/** Reads a dotted path (e.g. connectionSpec.id) from the connection's public view. */
function valueAt(obj: unknown, path: string): unknown {
	let cur: unknown = obj;
	for (const part of path.split('.')) {
		if (typeof cur !== 'object' || cur === null) return undefined;
		cur = (cur as Record<string, unknown>)[part];
	}
	return cur;
}

function parseFilter(expr: string): Filter {
	const m = /^([A-Za-z][A-Za-z0-9_.]*)(==|!=)(.*)$/.exec(expr);
	if (!m) throw flow.invalid(`Unsupported property filter '${expr}'`);
	const [, path, op, expected] = m;
	// Secrets are never filterable; reading the stored object directly avoids a deep copy per row.
	const secret = path.startsWith('auth.params.') && SECRET_PARAMS.has(path.slice('auth.params.'.length));
	return (c) => {
		const v = secret ? undefined : valueAt(c, path);
		const equal = v !== undefined && v !== null && typeof v !== 'object' && String(v) === expected;
		return op === '==' ? equal : !equal;
	};
}

type Ranked = { c: StoredConnection; seq: number };

/** Ties (same millisecond) fall back to creation order, in the same direction as the sort. */
function parseOrder(value: string | null): (a: Ranked, b: Ranked) => number {
	if (value === null) value = '-createdAt'; // newest first unless asked otherwise
	const m = /^([+-]?)(createdAt|updatedAt|name)$/.exec(value);
	if (!m) throw flow.invalid(`Unsupported orderby '${value}'`);
	const sign = m[1] === '-' ? -1 : 1;
	const field = m[2] as 'createdAt' | 'updatedAt' | 'name';
	return (a, b) => {
		const av = a.c[field];
		const bv = b.c[field];
		return av < bv ? -sign : av > bv ? sign : (a.seq - b.seq) * sign;
	};
}

function parseLimit(value: string | null): number {
	if (value === null) return DEFAULT_LIMIT;
	if (!/^\d+$/.test(value) || Number(value) < 1) throw flow.invalid("'limit' must be a positive integer");
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

export type ListResult =
	| { count: number }
	| { items: StoredConnection[]; _links?: { next: { href: string } } };

/** `connections` must be in creation order. */
export function listConnections(connections: StoredConnection[], query: URLSearchParams): ListResult {
	const filters = query.getAll('property').map(parseFilter);
	const matching = connections.filter((c) => filters.every((f) => f(c)));

	if (query.get('count') === 'true') {
		if (query.has('limit')) throw flow.limitWithCount();
		return { count: matching.length };
	}

	const order = parseOrder(query.get('orderby'));
	const limit = parseLimit(query.get('limit'));
	const offset = decodeToken(query.get('continuationToken'));
	const sorted = matching.map((c, seq) => ({ c, seq })).sort(order).map((r) => r.c);
	const page = sorted.slice(offset, offset + limit).map(publicView);
	if (offset + limit >= sorted.length) return { items: page };

	// The next link repeats the caller's query so following it alone keeps filters and order.
	const next = new URLSearchParams();
	for (const [k, v] of query) if (k !== 'continuationToken') next.append(k, v);
	next.append('continuationToken', encodeToken(offset + limit));
	return { items: page, _links: { next: { href: `/connections?${next.toString()}` } } };
}
