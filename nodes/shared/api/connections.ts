/**
 * Redshift base connections (Flow Service `/connections`): listing (Redshift spec only, name
 * filters, continuation paging) and get. Used by the Redshift node and by the pickers every node shares.
 */
import type { IDataObject } from 'n8n-workflow';

import { readFlowServicePages, PAGE_SIZE, type FlowServicePages } from './listing';
import { REDSHIFT_CONNECTION_SPEC } from '../constants';
import { safeOperationError } from '../nodeErrors';
import {
	flowServicePath,
	platformRequest,
	type PlatformContext,
	type PlatformRequest,
	type RequestContext,
} from '../transport';

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

/** Flow Service path of one connection, e.g. /connections/{id}/test. */
export function connectionPath(id: string, suffix = ''): string {
	return flowServicePath(`/connections/${encodeURIComponent(id)}${suffix}`);
}

/** Is this listed item what we asked for? A continuation link that dropped the filters must not leak others in. */
function matchesFilter(item: StoredConnection, filter: ListFilter): boolean {
	return (
		item?.connectionSpec?.id === REDSHIFT_CONNECTION_SPEC.id &&
		(filter.name === undefined || item.name === filter.name) &&
		(filter.nameContains === undefined ||
			String(item.name ?? '')
				.toLowerCase()
				.includes(filter.nameContains.toLowerCase()))
	);
}

/** The first page's request: Redshift connections (and the exact name, if given), newest first by default. */
function firstPageRequest(sandboxName: string, filter: ListFilter): PlatformRequest {
	const property = [`connectionSpec.id==${REDSHIFT_CONNECTION_SPEC.id}`];
	if (filter.name !== undefined) property.push(`name==${filter.name}`);
	return {
		method: 'GET',
		path: flowServicePath('/connections'),
		qs: {
			property,
			limit: Math.min(PAGE_SIZE, filter.limit ?? PAGE_SIZE),
			orderby: filter.orderBy ?? '-createdAt',
		},
		sandboxName,
	};
}

/** Matching connections read so far and, when Adobe has more pages, the `next.href` to resume from. */
export type ConnectionPages = FlowServicePages<StoredConnection>;

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
	return await (readFlowServicePages<StoredConnection>).call(
		this,
		ctx,
		firstPageRequest(sandboxName, filter),
		{
			noun: 'connections',
			keep: (item) => matchesFilter(item, filter),
			limit: filter.limit,
			resumeFrom,
			secrets: filter.secrets,
			itemIndex,
			narrowHint:
				'Narrow the listing (a Name filter or a Limit), or try again later; if it persists, the listing in this sandbox does not end.',
		},
	);
}

/** Redshift base connections in the sandbox, all pages (see readConnectionPages), at most `filter.limit`. */
export async function listRedshiftConnections(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	filter: ListFilter,
	itemIndex?: number,
): Promise<StoredConnection[]> {
	const { found } = await readConnectionPages.call(
		this,
		ctx,
		sandboxName,
		filter,
		undefined,
		itemIndex,
	);
	return filter.limit === undefined ? found : found.slice(0, filter.limit);
}

export async function getConnection(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	id: string,
	itemIndex?: number,
): Promise<StoredConnection> {
	const request: PlatformRequest = { method: 'GET', path: connectionPath(id), sandboxName };
	const page = (await platformRequest.call(this, ctx, request, itemIndex)) as ListPage;
	const connection = page.items?.[0];
	if (!connection) {
		throw safeOperationError(
			this,
			`Adobe returned no connection with ID ${id} in sandbox "${sandboxName}".`,
			{ itemIndex },
		);
	}
	return connection;
}
