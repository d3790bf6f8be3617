import { datasets } from '../../shared/api/datasets';
import { mappingSets } from '../../shared/api/mappingSets';
import { readSchemaPage } from '../../shared/api/schemas';
import { targetConnections } from '../../shared/api/targetConnections';
import {
	flowServiceSearch,
	listSearchMethod,
	startPagedSearch,
} from '../../shared/methods/pagedSearch';
import { joinParts } from '../../shared/methods/pickers';

/** Datasets per page of the Dataset list. */
export const DATASET_SEARCH_PAGE = 50;

/**
 * The Dataset list: the sandbox's datasets (Options > Sandbox, else the credential's), newest
 * first, whose name contains the search text (Catalog's `name=*text*`). `paginationToken` is the
 * next page's `start`. Each entry is the name, with the ID and schema as description.
 */
export const searchDatasets = startPagedSearch(
	datasets.readPage,
	DATASET_SEARCH_PAGE,
	(dataset) => ({
		name: dataset.name ?? dataset.id,
		value: dataset.id,
		description: joinParts(dataset.id, dataset.schemaRef?.id),
	}),
);

/**
 * The Schema list: the tenant's XDM schemas by title, whose title contains the search text
 * (Schema Registry `property=title~…`). The value is the schema's `$id`; `paginationToken` is
 * the Registry's `_page.next`.
 */
export const searchSchemas = listSearchMethod(
	async function (ctx, sandboxName, titleContains, start) {
		const { schemas, next } = await readSchemaPage.call(this, ctx, sandboxName, {
			titleContains,
			start,
		});
		return { found: schemas, next };
	},
	(schema) => ({
		name: schema.title ?? schema.$id,
		value: schema.$id,
		description: joinParts(schema.$id, schema.version && `version ${schema.version}`),
	}),
);

/** Target connections per page of the Target Connection list. */
export const TARGET_SEARCH_PAGE = 50;

/**
 * The Target Connection list: the sandbox's Data Lake target connections, newest first, whose name
 * contains the search text (any case); `paginationToken` is Adobe's `next.href`. Each entry shows
 * the ID and the dataset it writes to.
 */
export const searchTargetConnections = flowServiceSearch(
	targetConnections.readPages,
	TARGET_SEARCH_PAGE,
	(target) => ({
		name: target.name,
		value: target.id,
		description: joinParts(
			target.id,
			target.params?.dataSetId && `dataset ${target.params.dataSetId}`,
		),
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
	mappingSets.readPage,
	MAPPING_SEARCH_PAGE,
	(set) => ({
		name: set.name ?? set.id,
		value: set.id,
		description: joinParts(set.id, `version ${set.version}`, set.outputSchema?.schemaRef?.id),
	}),
);
