import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { readDatasetPage } from '../../shared/api/datasets';
import { readMappingSetPage } from '../../shared/api/mappingSets';
import { readSchemaPage } from '../../shared/api/schemas';
import { readTargetConnectionPages } from '../../shared/api/targetConnections';
import { flowServiceSearch, startPagedSearch } from '../../shared/methods/pagedSearch';
import { pickerSandbox, searchText } from '../../shared/methods/pickers';
import { loadPlatformContext } from '../../shared/transport';

/** Datasets per page of the Dataset list. */
export const DATASET_SEARCH_PAGE = 50;

/**
 * The Dataset list: the sandbox's datasets (Options > Sandbox, else the credential's), newest
 * first, whose name contains the search text (Catalog's `name=*text*`). `paginationToken` is the
 * next page's `start`. Each entry is the name, with the ID and schema as description.
 */
export const searchDatasets = startPagedSearch(readDatasetPage, DATASET_SEARCH_PAGE, (dataset) => ({
	name: dataset.name ?? dataset.id,
	value: dataset.id,
	description: [dataset.id, dataset.schemaRef?.id].filter(Boolean).join(' · '),
}));

/**
 * The Schema list: the tenant's XDM schemas by title, whose title contains the search text
 * (Schema Registry `property=title~…`). The value is the schema's `$id`; `paginationToken` is
 * the Registry's `_page.next`.
 */
export async function searchSchemas(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const ctx = await loadPlatformContext.call(this);
	const sandboxName = pickerSandbox.call(this, ctx);
	const { schemas, next } = await readSchemaPage.call(this, ctx, sandboxName, {
		titleContains: searchText(filter),
		start: paginationToken || undefined,
	});
	const results: INodeListSearchItems[] = schemas.map((schema) => ({
		name: schema.title ?? schema.$id,
		value: schema.$id,
		description: [schema.$id, schema.version && `version ${schema.version}`]
			.filter(Boolean)
			.join(' · '),
	}));
	return { results, paginationToken: next };
}

/** Target connections per page of the Target Connection list. */
export const TARGET_SEARCH_PAGE = 50;

/**
 * The Target Connection list: the sandbox's Data Lake target connections, newest first, whose name
 * contains the search text (any case); `paginationToken` is Adobe's `next.href`. Each entry shows
 * the ID and the dataset it writes to.
 */
export const searchTargetConnections = flowServiceSearch(
	readTargetConnectionPages,
	TARGET_SEARCH_PAGE,
	(target) => ({
		name: target.name,
		value: target.id,
		description: [target.id, target.params?.dataSetId && `dataset ${target.params.dataSetId}`]
			.filter(Boolean)
			.join(' · '),
	}),
);

/** Mapping sets per page of the Mapping Set list. */
export const MAPPING_SEARCH_PAGE = 50;

/**
 * The Mapping Set list: the sandbox's mapping sets, newest first, whose name contains the search
 * text (any case, checked here); `paginationToken` is the next page's `start`. Each entry shows the
 * ID, version and schema.
 */
export const searchMappingSets = startPagedSearch(
	readMappingSetPage,
	MAPPING_SEARCH_PAGE,
	(set) => ({
		name: set.name ?? set.id,
		value: set.id,
		description: [set.id, `version ${set.version}`, set.outputSchema?.schemaRef?.id]
			.filter(Boolean)
			.join(' · '),
	}),
);
