import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import type { PageReader } from '../api/listing';
import { loadPlatformContext } from '../transport';
import { pickerSandbox, searchText } from './pickers';

/** Reads Flow Service pages of one kind of object, filtered by a name search, from the first page or from `resumeFrom`. */
export type SearchPageReader<T> = PageReader<T, { nameContains?: string; limit: number }>;

/**
 * A list search method (resourceLocator From List) over Flow Service objects of the node's sandbox
 * (Options > Sandbox, else the credential's), newest first, whose name contains the search text (any
 * case). One call reads Adobe pages until `pageSize` objects match; `paginationToken` is Adobe's
 * `next.href` to resume from.
 * @param toItem an object's entry in the list (name, value = ID, description)
 */
export function flowServiceSearch<T>(
	readPages: SearchPageReader<T>,
	pageSize: number,
	toItem: (item: T) => INodeListSearchItems,
) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const ctx = await loadPlatformContext.call(this);
		const sandboxName = pickerSandbox.call(this, ctx);
		const resumeFrom =
			typeof paginationToken === 'string' && paginationToken !== '' ? paginationToken : undefined;
		const { found, next } = await readPages.call(
			this,
			ctx,
			sandboxName,
			{ nameContains: searchText(filter), limit: pageSize },
			resumeFrom,
		);
		return { results: found.map(toItem), paginationToken: next };
	};
}
