import type { IDataObject } from 'n8n-workflow';

import { FLOW_SERVICE_PATH, REDSHIFT_CONNECTION_SPEC } from '../../shared/constants';
import { safeOperationError } from '../../shared/nodeErrors';
import { flowServicePath, platformRequest, type PlatformContext, type PlatformRequest, type RequestContext } from '../../shared/transport';

/** A base connection as GET /connections returns it (secrets masked by Adobe). */
export interface StoredConnection extends IDataObject {
	id: string;
	name: string;
	etag: string;
	createdAt?: number;
	state?: string;
	auth?: { specName?: string; params?: IDataObject };
	connectionSpec?: { id: string; version: string };
}

interface ListPage {
	items?: StoredConnection[];
	_links?: { next?: { href?: string } };
}

export interface ListFilter {
	/** Only connections with exactly this name (sent to Adobe as a property filter). */
	name?: string;
	/** Only connections whose name contains this text, any case (checked here: Adobe has no such filter). */
	nameContains?: string;
	/** Stop after this many connections; undefined = all pages. */
	limit?: number;
	orderBy?: string;
	/** Item-level secrets (e.g. the password of the connection being created) to scrub from errors. */
	secrets?: string[];
}

/** Connections per listing page (the `limit` sent to Adobe). */
export const PAGE_SIZE = 100;
/** At most this many pages (10,000 connections) per listing, so endless continuation links end. */
export const MAX_PAGES = 100;

/** Flow Service path of one connection, e.g. /connections/{id}/test. */
export function connectionPath(id: string, suffix = ''): string {
	return flowServicePath(`/connections/${encodeURIComponent(id)}${suffix}`);
}

function nextPageRequest(href: string, sandboxName: string): PlatformRequest {
	// `next.href` is relative to the Flow Service base ("/connections?continuationToken=...").
	const url = new URL(href, 'http://placeholder.invalid');
	const qs: IDataObject = {};
	const properties = url.searchParams.getAll('property');
	for (const [key, value] of url.searchParams) if (key !== 'property') qs[key] = value;
	if (properties.length) qs.property = properties;
	const path = url.pathname.startsWith(FLOW_SERVICE_PATH) ? url.pathname : flowServicePath(url.pathname);
	return { method: 'GET', path, qs, sandboxName };
}

/** Is this listed item what we asked for? A continuation link that dropped the filters must not leak others in. */
function matchesFilter(item: StoredConnection, filter: ListFilter): boolean {
	return (
		item?.connectionSpec?.id === REDSHIFT_CONNECTION_SPEC.id &&
		(filter.name === undefined || item.name === filter.name) &&
		(filter.nameContains === undefined || String(item.name ?? '').toLowerCase().includes(filter.nameContains.toLowerCase()))
	);
}

/** The first page's request: Redshift connections (and the exact name, if given), newest first by default. */
function firstPageRequest(sandboxName: string, filter: ListFilter): PlatformRequest {
	const property = [`connectionSpec.id==${REDSHIFT_CONNECTION_SPEC.id}`];
	if (filter.name !== undefined) property.push(`name==${filter.name}`);
	return {
		method: 'GET',
		path: flowServicePath('/connections'),
		qs: { property, limit: Math.min(PAGE_SIZE, filter.limit ?? PAGE_SIZE), orderby: filter.orderBy ?? '-createdAt' },
		sandboxName,
	};
}

/** Where a listing resumes: a `next.href` that Adobe sent, which must point at the connection listing. */
function resumeRequest(this: RequestContext, href: string, sandboxName: string): PlatformRequest {
	const request = nextPageRequest(href, sandboxName);
	if (request.path !== flowServicePath('/connections')) {
		throw safeOperationError(this, 'The page token of the connection list is not one this node handed out.', {
			description: 'Close and reopen the Connection list to start from its first page.',
		});
	}
	return request;
}

/** Matching connections read so far and, when Adobe has more pages, the `next.href` to resume from. */
export interface ConnectionPages {
	found: StoredConnection[];
	next?: string;
}

/**
 * Redshift base connections in the sandbox, following continuation links page by page from the
 * first page or from `resumeFrom` (a `next.href` returned earlier). Every item is checked against
 * the Redshift connection spec and the name filters (others are dropped). With a limit it stops at
 * the end of the page that reaches it: all of that page's matches are returned, with `next` to go
 * on. Stops with an error after MAX_PAGES pages or once the policy's request budget (ms) is spent.
 */
export async function readConnectionPages(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	filter: ListFilter,
	resumeFrom?: string,
	itemIndex?: number,
): Promise<ConnectionPages> {
	let request: PlatformRequest | undefined = {
		...(resumeFrom === undefined ? firstPageRequest(sandboxName, filter) : resumeRequest.call(this, resumeFrom, sandboxName)),
		secrets: filter.secrets,
	};
	const found: StoredConnection[] = [];
	const seenLinks = new Set<string>();
	const started = Date.now();
	for (let pages = 0; request; pages++) {
		const spentMs = Date.now() - started;
		if (pages >= MAX_PAGES || spentMs > ctx.policy.budgetMs) {
			const limit = pages >= MAX_PAGES ? `the page cap of ${MAX_PAGES} pages` : `the request budget of ${ctx.policy.budgetMs / 1000} s`;
			throw safeOperationError(this, `Listing connections stopped at ${limit}: Adobe kept sending continuation links (${found.length} matching connections read so far).`, {
				itemIndex,
				description: 'Narrow the listing (a Name filter or a Limit), or try again later; if it persists, the listing in this sandbox does not end.',
			});
		}
		const page = (await platformRequest.call(this, ctx, request, itemIndex)) as ListPage;
		found.push(...(Array.isArray(page?.items) ? page.items : []).filter((item) => matchesFilter(item, filter)));
		const href = page?._links?.next?.href;
		// A repeated link would loop forever; treat it as the last page.
		const next = href && !seenLinks.has(href) ? href : undefined;
		if (filter.limit !== undefined && found.length >= filter.limit) return { found, next };
		request = next ? { ...nextPageRequest(next, sandboxName), secrets: filter.secrets } : undefined;
		if (href) seenLinks.add(href);
	}
	return { found };
}

/** Redshift base connections in the sandbox, all pages (see readConnectionPages), at most `filter.limit`. */
export async function listRedshiftConnections(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	filter: ListFilter,
	itemIndex?: number,
): Promise<StoredConnection[]> {
	const { found } = await readConnectionPages.call(this, ctx, sandboxName, filter, undefined, itemIndex);
	return filter.limit === undefined ? found : found.slice(0, filter.limit);
}

export async function getConnection(this: RequestContext, ctx: PlatformContext, sandboxName: string, id: string, itemIndex?: number): Promise<StoredConnection> {
	const request: PlatformRequest = { method: 'GET', path: connectionPath(id), sandboxName };
	const page = (await platformRequest.call(this, ctx, request, itemIndex)) as ListPage;
	const connection = page.items?.[0];
	if (!connection) {
		throw safeOperationError(this, `Adobe returned no connection with ID ${id} in sandbox "${sandboxName}".`, { itemIndex });
	}
	return connection;
}
