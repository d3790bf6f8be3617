import { sourceConnections } from '../api/sourceConnections';
import { flowServiceSearch } from './pagedSearch';
import { joinParts } from './pickers';

/** Source connections per page of the Source Connection list. */
export const SOURCE_SEARCH_PAGE_SIZE = 50;

/**
 * The Source Connection list: Redshift source connections of the node's sandbox, newest first,
 * whose name contains the search text (any case); SOURCE_SEARCH_PAGE_SIZE per call, `paginationToken`
 * being Adobe's `next.href`. Each entry is "name" with the ID as value, and the table and ID as
 * description.
 */
export const searchSourceConnections = flowServiceSearch(
	sourceConnections.readPages,
	SOURCE_SEARCH_PAGE_SIZE,
	(source) => ({
		name: source.name ?? source.id,
		value: source.id,
		description: joinParts(source.params?.tableName, source.id),
	}),
);
