import { flows } from '../api/flows';
import { flowServiceSearch } from './pagedSearch';
import { joinParts } from './pickers';

/** Dataflows per page of the Dataflow list: Adobe pages are read until this many match. */
export const DATAFLOW_SEARCH_PAGE_SIZE = 50;

/**
 * The Dataflow list (listSearch `searchDataflows`): dataflows of the node's sandbox (Options >
 * Sandbox, else the credential's), newest first, whose name contains the search text (any case).
 * `paginationToken` is Adobe's `next.href` to resume from. Each entry is the flow's name with its
 * ID as value, and "ID · state" as description.
 */
export const searchDataflows = flowServiceSearch(
	flows.readPages,
	DATAFLOW_SEARCH_PAGE_SIZE,
	(flow) => ({
		name: flow.name || flow.id,
		value: flow.id,
		description: joinParts(flow.id, flow.state),
	}),
);
