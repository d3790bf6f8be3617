import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { listFlows } from '../api/flows';
import { loadPlatformContext } from '../transport';
import { pickerSandbox, searchText } from './pickers';

/** Dataflows per page of the Dataflow list: Adobe pages are read until this many match. */
export const DATAFLOW_SEARCH_PAGE_SIZE = 50;

/**
 * The Dataflow list (listSearch `searchDataflows`): dataflows of the node's sandbox (Options >
 * Sandbox, else the credential's), newest first, whose name contains the search text (any case).
 * `paginationToken` is Adobe's `next.href` to resume from. Each entry is the flow's name with its
 * ID as value, and "ID · state" as description.
 */
export async function searchDataflows(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const ctx = await loadPlatformContext.call(this);
	const sandboxName = pickerSandbox.call(this, ctx);
	const { found, next } = await listFlows.call(this, ctx, sandboxName, {
		nameContains: searchText(filter),
		limit: DATAFLOW_SEARCH_PAGE_SIZE,
		resumeFrom:
			typeof paginationToken === 'string' && paginationToken !== '' ? paginationToken : undefined,
	});
	const results: INodeListSearchItems[] = found.map((flow) => ({
		name: flow.name || flow.id,
		value: flow.id,
		description: [flow.id, flow.state].filter(Boolean).join(' · '),
	}));
	return { results, paginationToken: next };
}
