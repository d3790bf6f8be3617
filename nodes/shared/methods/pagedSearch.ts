/**
 * List search methods over Adobe's two pagings (Flow Service continuation links, Catalog/Data Prep
 * `start` offsets): objects in the node's sandbox whose name contains the text, with `paginationToken`.
 */
import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import type { PageReader } from '../flowService/paging';
import type { StartPageReader } from '../flowService/startPaging';
import { loadPlatformContext, type PlatformContext } from '../kernel/transport';
import { pickerSandbox, searchText } from './searchContext';

/**
 * Objects per call of a paged list: Flow Service pages are read until this many match; a
 * start-paged list reads one page of this many.
 */
const SEARCH_PAGE_SIZE = 50;

/** Reads Flow Service pages of one kind of object, filtered by a name search, from the first page or from `resumeFrom`. */
export type SearchPageReader<T> = PageReader<T, { nameContains?: string; limit: number }>;

/** Reads one page from a `start` offset, filtered by a name search. */
export type SearchStartPageReader<T> = StartPageReader<T, { nameContains?: string }>;

/** One page of a search: the objects, and the token of the next page (undefined after the last). */
export interface SearchPage<T> {
	found: T[];
	next?: string;
}

/** A list search method around `readPage` (token undefined: first page); each object becomes `toItem`. */
export function listSearchMethod<T>(
	readPage: (
		this: ILoadOptionsFunctions,
		ctx: PlatformContext,
		sandboxName: string,
		nameContains: string | undefined,
		token: string | undefined,
	) => Promise<SearchPage<T>>,
	toItem: (item: T) => INodeListSearchItems,
) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const ctx = await loadPlatformContext.call(this);
		const sandboxName = pickerSandbox.call(this, ctx);
		const { found, next } = await readPage.call(
			this,
			ctx,
			sandboxName,
			searchText(filter),
			paginationToken || undefined,
		);
		return { results: found.map(toItem), paginationToken: next };
	};
}

/** Search over Flow Service objects, newest first, until SEARCH_PAGE_SIZE match; token is `next.href`. */
export function flowServiceSearch<T>(
	readPages: SearchPageReader<T>,
	toItem: (item: T) => INodeListSearchItems,
) {
	return listSearchMethod<T>(async function (ctx, sandboxName, nameContains, resumeFrom) {
		return await readPages.call(
			this,
			ctx,
			sandboxName,
			{ nameContains, limit: SEARCH_PAGE_SIZE },
			resumeFrom,
		);
	}, toItem);
}

/** Search over a `start`-paged collection, one page per call (maybe no matches); token is the next `start`. */
export function startPagedSearch<T>(
	readPage: SearchStartPageReader<T>,
	toItem: (item: T) => INodeListSearchItems,
) {
	return listSearchMethod<T>(async function (ctx, sandboxName, nameContains, token) {
		const start = /^\d+$/.test(token ?? '') ? Number(token) : 0;
		const { found, nextStart } = await readPage.call(this, ctx, sandboxName, {
			start,
			limit: SEARCH_PAGE_SIZE,
			filter: { nameContains },
		});
		return { found, next: nextStart === undefined ? undefined : String(nextStart) };
	}, toItem);
}
