/**
 * Redshift base connections (Flow Service `/connections`): listing (Redshift spec only, name
 * filters, continuation paging) and get. Used by the Redshift node and by the pickers every node shares.
 */
import type { IDataObject } from 'n8n-workflow';
import { flowServiceCollection } from '../../flowService/paging';
import { REDSHIFT_CONNECTION_SPEC } from '../../kernel/constants';
import { exploredColumns, type SourceColumn } from '../sourceConnection/body';
import {
	flowServicePath,
	platformRequest,
	type PlatformContext,
	type RequestContext,
} from '../../kernel/transport';

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

/**
 * The sandbox's Redshift base connections (Flow Service `/connections`, Redshift connection spec
 * only; Adobe: the Flow Service API reference and "Sort and filter"): `pathOf` (e.g.
 * `/connections/{id}/test`), `readPages`, `list`, `get`, `remove` (see FlowServiceCollection;
 * Adobe refuses a delete with FLOW-1418-400 while a dataflow uses it), newest first unless
 * `filter.orderBy`. Filters (ListFilter): exact name (sent as a property filter), name search.
 */
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
/** Flow Service path of a base connection's explore call. */
function explorePath(baseConnectionId: string): string {
	return flowServicePath(`/connections/${encodeURIComponent(baseConnectionId)}/explore`);
}

/** A table's structure as explore answers it: `format` (e.g. "flat") and the columns. */
export interface TableStructure {
	format?: string;
	columns: SourceColumn[];
}

/**
 * The columns of `tablePath` (an explore `path`, e.g. `public.orders`) as seen through the base
 * connection: `GET …/explore?objectType=table&object={path}`. Each column is
 * `{name, type, xdm: {type, format?}, "meta:xdmType"?}`, ready to be a source connection's
 * `params.columns`. Throws NodeApiError (e.g. FLOW-1439-404 for an unknown table or connection,
 * FLOW-1201-400 when Adobe cannot reach Redshift).
 */
export async function exploreTable(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	baseConnectionId: string,
	tablePath: string,
	itemIndex?: number,
): Promise<TableStructure> {
	const answer = (await platformRequest.call(
		this,
		ctx,
		{
			method: 'GET',
			path: explorePath(baseConnectionId),
			qs: { objectType: 'table', object: tablePath },
			sandboxName,
		},
		itemIndex,
	)) as { format?: string } | undefined;
	return { format: answer?.format, columns: exploredColumns(answer) };
}
