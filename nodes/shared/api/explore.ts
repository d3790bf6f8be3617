/**
 * Exploring a base connection: `GET /connections/{id}/explore` (dataflow-chain.md §1). Lower-case
 * `objectType` values, as every Adobe tutorial writes them.
 */
import { exploredColumns, type SourceColumn } from '../pipeline/sourceConnection';
import {
	flowServicePath,
	platformRequest,
	type PlatformContext,
	type RequestContext,
} from '../kernel/transport';

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
