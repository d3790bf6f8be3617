import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { readSourceConnectionPages } from '../api/sourceConnections';
import { loadPlatformContext } from '../transport';
import { pickerSandbox, searchText } from './pickers';

/** Source connections per page of the Source Connection list. */
export const SOURCE_SEARCH_PAGE_SIZE = 50;

/**
 * The Source Connection list: Redshift source connections of the node's sandbox, newest first,
 * whose name contains the search text (any case); SOURCE_SEARCH_PAGE_SIZE per call, `paginationToken`
 * being Adobe's `next.href`. Each entry is "name" with the ID as value, and the table and ID as
 * description.
 */
export async function searchSourceConnections(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const ctx = await loadPlatformContext.call(this);
	const sandboxName = pickerSandbox.call(this, ctx);
	const { found, next } = await readSourceConnectionPages.call(
		this,
		ctx,
		sandboxName,
		{ nameContains: searchText(filter), limit: SOURCE_SEARCH_PAGE_SIZE },
		typeof paginationToken === 'string' && paginationToken !== '' ? paginationToken : undefined,
	);
	const results: INodeListSearchItems[] = found.map((source) => ({
		name: source.name ?? source.id,
		value: source.id,
		description: [source.params?.tableName, source.id].filter(Boolean).join(' · '),
	}));
	return { results, paginationToken: next };
}
