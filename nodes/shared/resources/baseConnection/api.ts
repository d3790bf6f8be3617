/**
 * Redshift base connections (Flow Service `/connections`): listing (Redshift spec only, name
 * filters, continuation paging) and get. Used by the Redshift node and by the pickers every node shares.
 */
import type { IDataObject } from 'n8n-workflow';
import { flowServiceCollection } from '../../flowService/paging';
import { REDSHIFT_CONNECTION_SPEC } from '../../kernel/constants';
import { flowServicePath } from '../../kernel/transport';

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

/** The sandbox's Redshift base connections (`/connections`), newest first; delete in use is FLOW-1418-400. */
export const connections = flowServiceCollection<StoredConnection, ListFilter>({
	path: flowServicePath('/connections'),
	noun: 'connection',
	connectionSpecId: REDSHIFT_CONNECTION_SPEC.id,
	equals: { name: 'name' },
	narrowHint:
		'Narrow the listing (a Name filter or a Limit), or try again later; if it persists, the listing in this sandbox does not end.',
});

/**
 * Exploring a base connection: `GET /connections/{id}/explore` (dataflow-chain.md §1). Lower-case
 * `objectType` values, as every Adobe tutorial writes them.
 */
