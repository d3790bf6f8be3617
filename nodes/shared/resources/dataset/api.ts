/**
 * Catalog datasets (`/dataSets`): list, get, create. Adobe: Catalog "List objects", "Filter data",
 * "Create a dataset". Every call asks for `properties=`, as unfiltered answers can be huge.
 */
import type { IDataObject } from 'n8n-workflow';

import { CATALOG_PATH, XED_CONTENT_TYPE } from '../../kernel/constants';
import type { IfExists } from '../../flowService/ifExists';
import { safeOperationError } from '../../kernel/nodeErrors';
import {
	catalogNameQuery,
	catalogPageQuery,
	parseCatalogCreated,
	parseCatalogObject,
	parseCatalogPage,
	type CatalogObject,
	startPagedCollection,
} from '../../flowService/startPaging';
import { platformRequest, type PlatformContext, type RequestContext } from '../../kernel/transport';
import { ensureByName, removeCreated, type Ensured } from '../../flowService/createOnce';

/** A dataset as this package outputs it: Catalog's fields (those asked for) with `id` added. */
export interface Dataset extends IDataObject {
	id: string;
	name?: string;
	description?: string;
	/** The XDM schema: `id` is its `$id` (https://ns.adobe.com/...). */
	schemaRef?: { id: string; contentType: string };
	/** Epoch milliseconds. */
	created?: number;
	updated?: number;
}

/** The fields every dataset call asks Catalog for. */
const DATASET_PROPERTIES = ['name', 'description', 'schemaRef', 'created', 'updated', 'tags'];

/** Catalog dataset IDs: 24 hex digits, e.g. 5ba9452f7de80400007fc52a. */
export const DATASET_ID_PATTERN = '^[0-9a-fA-F]{24}$';

/** At most this many pages (100,000 datasets) per listing, so a Catalog that never ends does not loop. */
const MAX_CATALOG_PAGES = 1000;

function datasetsPath(id?: string): string {
	return `${CATALOG_PATH}/dataSets${id === undefined ? '' : `/${encodeURIComponent(id)}`}`;
}

export interface DatasetFilter {
	/** Catalog's `name=` filter as given: `*` matches any text, a comma separates alternatives. */
	name?: string;
	/** Only datasets whose name is exactly this (the `name=` filter is derived from it). */
	exactName?: string;
	/**
	 * Only datasets whose name contains this text, any case: sent as Catalog's `name=*text*` when
	 * the text holds none of Catalog's `*`, `,` and `!`, and checked here in any case.
	 */
	nameContains?: string;
	/** Stop after this many datasets; undefined = all pages. */
	limit?: number;
	/** Catalog `orderBy`, e.g. `desc:created` (the default: newest first). */
	orderBy?: string;
}

/** The `name=` value of a filter, if any (an exact name first, then a literal name search). */
function nameQuery(filter: DatasetFilter): string | undefined {
	if (filter.exactName !== undefined) return catalogNameQuery(filter.exactName);
	const text = filter.nameContains;
	if (text !== undefined && !/[*,!]/.test(text)) return `*${text}*`;
	return filter.name;
}

/** The sandbox's datasets, start-paged, newest first; stops with an error after MAX_CATALOG_PAGES. */
export const datasets = startPagedCollection<Dataset, DatasetFilter>({
	path: datasetsPath(),
	noun: 'dataset',
	service: 'Catalog',
	query: (page) => {
		const qs: IDataObject = {
			...catalogPageQuery({ start: page.start, limit: page.limit, properties: DATASET_PROPERTIES }),
			orderBy: page.filter.orderBy ?? 'desc:created',
		};
		const name = nameQuery(page.filter);
		if (name !== undefined && name !== '') qs.name = name;
		return qs;
	},
	objects: (body, page) => parseCatalogPage(body, page).items as CatalogObject[] as Dataset[],
	keep: (dataset, filter) => filter.exactName === undefined || dataset.name === filter.exactName,
	maxPages: MAX_CATALOG_PAGES,
	narrowHint: 'Narrow the listing with a Name filter or a Limit.',
});

/** One dataset (`GET /dataSets/{id}?properties=…`); Catalog's 404 becomes a NodeApiError. */
export async function getDataset(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	id: string,
	itemIndex?: number,
): Promise<Dataset> {
	const body = await platformRequest.call(
		this,
		ctx,
		{
			method: 'GET',
			path: datasetsPath(id),
			qs: { properties: DATASET_PROPERTIES.join(',') },
			sandboxName,
		},
		itemIndex,
	);
	try {
		return parseCatalogObject(body, id) as Dataset;
	} catch (error) {
		throw safeOperationError(
			this,
			`Catalog's answer for dataset ${id} could not be read: ${(error as Error).message}.`,
			{ itemIndex },
		);
	}
}

/** The schema `$id` of a dataset, which its target connection and mapping set must use. */
export function schemaIdOf(this: RequestContext, dataset: Dataset, itemIndex?: number): string {
	const id = dataset.schemaRef?.id;
	if (typeof id !== 'string' || id === '') {
		throw safeOperationError(
			this,
			`Dataset ${dataset.id} has no schema (schemaRef), so no data can land in it.`,
			{
				itemIndex,
				description: 'Choose a dataset created from an XDM schema.',
			},
		);
	}
	return id;
}

export interface DatasetInput {
	name: string;
	/** The XDM schema's `$id` (https://ns.adobe.com/...). */
	schemaId: string;
	description?: string;
}

/**
 * The dataset named `input.name`: If It Exists reuses one only of the same schema; a created one is read back.
 * @throws NodeOperationError, NodeApiError
 */
export async function ensureDataset(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	input: DatasetInput,
	ifExists: IfExists,
	itemIndex?: number,
): Promise<Ensured<Dataset>> {
	const body: IDataObject = {
		name: input.name,
		schemaRef: { id: input.schemaId, contentType: XED_CONTENT_TYPE },
	};
	if (input.description) body.description = input.description;
	return await (ensureByName<Dataset>).call(this, ctx, {
		thing: 'dataset',
		name: input.name,
		sandboxName,
		ifExists,
		itemIndex,
		findByName: async () =>
			await datasets.list.call(this, ctx, sandboxName, { exactName: input.name }, itemIndex),
		mismatch: (existing) =>
			sameSchema(existing.schemaRef?.id, input.schemaId)
				? undefined
				: `it uses schema ${existing.schemaRef?.id ?? '(none)'}, not ${input.schemaId}`,
		request: {
			method: 'POST',
			path: datasetsPath(),
			qs: { requestDataSource: 'true' },
			body,
			sandboxName,
		},
		createdId: (_status, answer) => {
			try {
				return parseCatalogCreated(answer);
			} catch {
				return undefined;
			}
		},
		readBack: async (id) => await getDataset.call(this, ctx, sandboxName, id, itemIndex),
		deleteWith:
			'the Experience Platform UI or the Catalog API: this package has no Delete for datasets',
		remove: async (id) =>
			await removeCreated.call(this, ctx, sandboxName, datasetsPath(id), itemIndex),
	});
}

/** Schema IDs compare as `$id`s: the Create operation resolves a `meta:altId` to its `$id` first. */
function sameSchema(stored: string | undefined, wanted: string): boolean {
	return stored !== undefined && stored === wanted;
}
