/**
 * Redshift base connections (Flow Service `/connections`): listing (Redshift spec only, name
 * filters, continuation paging) and get. Used by the Redshift node and by the pickers every node shares.
 */
import type { IDataObject } from 'n8n-workflow';

import { flowServiceCollection, type FlowServicePages } from './listing';
import { REDSHIFT_CONNECTION_SPEC } from '../constants';
import { flowServicePath } from '../transport';

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

/** Redshift base connections (the Redshift connection spec), by exact name and name search. */
const connections = flowServiceCollection<StoredConnection, ListFilter>({
	path: flowServicePath('/connections'),
	noun: 'connection',
	connectionSpecId: REDSHIFT_CONNECTION_SPEC.id,
	equals: { name: 'name' },
	narrowHint:
		'Narrow the listing (a Name filter or a Limit), or try again later; if it persists, the listing in this sandbox does not end.',
});

/** Flow Service path of one connection, e.g. /connections/{id}/test. */
export const connectionPath = connections.pathOf;

/** Matching connections read so far and, when Adobe has more pages, the `next.href` to resume from. */
export type ConnectionPages = FlowServicePages<StoredConnection>;

/**
 * Redshift base connections in the sandbox (newest first unless `filter.orderBy`), following
 * continuation links page by page from the first page or from `resumeFrom` (a `next.href` returned
 * earlier). Every item is checked against the Redshift connection spec and the name filters
 * (others are dropped). With a limit it stops at the end of the page that reaches it: all of that
 * page's matches are returned, with `next` to go on. Stops with an error after MAX_PAGES pages or
 * once the policy's request budget (ms) is spent.
 */
export const readConnectionPages = connections.readPages;

/** Redshift base connections in the sandbox, all pages (see readConnectionPages), at most `filter.limit`. */
export const listRedshiftConnections = connections.list;

/**
 * One base connection (`GET /connections/{id}`, answered as `{items: [connection]}`).
 * @throws NodeApiError (Adobe's 404 for an unknown ID); NodeOperationError when the answer holds none
 */
export const getConnection = connections.get;

/**
 * `DELETE /connections/{id}` (the collection's remove: a 404 on a retry after an interrupted
 * attempt is `alreadyAbsent`). A connection still used by dataflows fails with Adobe's FLOW-1418-400.
 * @throws NodeApiError
 */
export const deleteConnection = connections.remove;
