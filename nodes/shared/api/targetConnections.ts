/**
 * Data Lake target connections (`/data/foundation/flowservice/targetConnections`): the end of a
 * source dataflow, pointing at a Catalog dataset and its XDM schema.
 * Adobe docs followed: "Create a dataflow for a database source" (help/sources/tutorials/api/
 * collect/database-nosql.md, target connection step) and the Flow Service OpenAPI; see
 * dataflow-chain.md §4. The schema is always read from the dataset (`schemaRef.id`), never typed,
 * so the two cannot disagree (Adobe's 1425-400); the version string is the tutorials'
 * `application/vnd.adobe.xed-full+json;version=1` (XED_FULL_VERSION).
 */
import type { IDataObject } from 'n8n-workflow';

import { DATA_LAKE_CONNECTION_SPEC, XED_FULL_VERSION } from '../constants';
import type { IfExists } from '../ifExists';
import { safeOperationError } from '../nodeErrors';
import {
	flowServicePath,
	idempotentRequest,
	platformRequest,
	toNodeApiError,
	type PlatformContext,
	type RequestContext,
} from '../transport';
import { isConnectionId } from '../validation';
import { getDataset, schemaIdOf, type Dataset } from './datasets';
import { createOnce, ensureObject, type Ensured } from './ensure';
import { PAGE_SIZE, readFlowServicePages, type FlowServicePage } from './listing';

/** A target connection as Flow Service returns it. */
export interface TargetConnection extends IDataObject {
	id: string;
	name: string;
	etag?: string;
	description?: string;
	data?: { schema?: { id?: string; version?: string }; format?: string };
	params?: { dataSetId?: string };
	connectionSpec?: { id: string; version: string };
	createdAt?: number;
	updatedAt?: number;
}

export function targetConnectionPath(id?: string): string {
	return flowServicePath(
		`/targetConnections${id === undefined ? '' : `/${encodeURIComponent(id)}`}`,
	);
}

export interface TargetConnectionFilter {
	/** Exactly this name. */
	name?: string;
	/** Only target connections writing to this dataset. */
	dataSetId?: string;
	/** Only those whose name contains this text, any case (checked here: Adobe has no such filter). */
	nameContains?: string;
	limit?: number;
	/** A `next.href` from an earlier page (pickers). */
	resumeFrom?: string;
}

/** Data Lake target connections of the sandbox, newest first, matching `filter` (all pages unless limited). */
export async function readTargetConnectionPages(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	filter: TargetConnectionFilter,
	itemIndex?: number,
): Promise<{ found: TargetConnection[]; next?: string }> {
	const property = [`connectionSpec.id==${DATA_LAKE_CONNECTION_SPEC.id}`];
	if (filter.name !== undefined) property.push(`name==${filter.name}`);
	if (filter.dataSetId !== undefined) property.push(`params.dataSetId==${filter.dataSetId}`);
	const contains = filter.nameContains?.toLowerCase();
	return await (readFlowServicePages<TargetConnection>).call(
		this,
		ctx,
		{
			method: 'GET',
			path: targetConnectionPath(),
			qs: {
				property,
				limit: Math.min(PAGE_SIZE, filter.limit ?? PAGE_SIZE),
				orderby: '-createdAt',
			},
			sandboxName,
		},
		{
			noun: 'target connections',
			keep: (item) =>
				item?.connectionSpec?.id === DATA_LAKE_CONNECTION_SPEC.id &&
				(filter.name === undefined || item.name === filter.name) &&
				(filter.dataSetId === undefined || item.params?.dataSetId === filter.dataSetId) &&
				(contains === undefined ||
					String(item.name ?? '')
						.toLowerCase()
						.includes(contains)),
			limit: filter.limit,
			resumeFrom: filter.resumeFrom,
			itemIndex,
			narrowHint: 'Narrow the listing with a Name or Dataset filter, or a Limit.',
		},
	);
}

/** Data Lake target connections matching `filter`, at most `filter.limit`. */
export async function listTargetConnections(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	filter: TargetConnectionFilter,
	itemIndex?: number,
): Promise<TargetConnection[]> {
	const { found } = await readTargetConnectionPages.call(this, ctx, sandboxName, filter, itemIndex);
	return filter.limit === undefined ? found : found.slice(0, filter.limit);
}

/** One target connection (Flow Service answers `{items: [one]}`). */
export async function getTargetConnection(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	id: string,
	itemIndex?: number,
): Promise<TargetConnection> {
	const page = (await platformRequest.call(
		this,
		ctx,
		{ method: 'GET', path: targetConnectionPath(id), sandboxName },
		itemIndex,
	)) as FlowServicePage<TargetConnection>;
	const found = page?.items?.[0];
	if (!found)
		throw safeOperationError(
			this,
			`Adobe returned no target connection with ID ${id} in sandbox "${sandboxName}".`,
			{ itemIndex },
		);
	return found;
}

/**
 * Deletes a target connection. A 404 after an interrupted first attempt means it is gone, but
 * maybe not by us: reported as `alreadyAbsent`.
 * @throws NodeApiError, e.g. Adobe's 1418-400 while a dataflow uses it
 */
export async function deleteTargetConnection(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	id: string,
	itemIndex?: number,
): Promise<{ deleted: boolean; alreadyAbsent: boolean }> {
	const outcome = await idempotentRequest.call(this, ctx, {
		method: 'DELETE',
		path: targetConnectionPath(id),
		sandboxName,
	});
	if (outcome.ok) return { deleted: true, alreadyAbsent: false };
	if (outcome.afterAmbiguousAttempt === true && outcome.failure.facts.status === 404)
		return { deleted: false, alreadyAbsent: true };
	throw toNodeApiError.call(this, outcome.failure, itemIndex);
}

/** The POST body of a Data Lake target connection writing to `dataset` (its schema from `schemaRef`). */
export function targetConnectionBody(
	name: string,
	dataSetId: string,
	schemaId: string,
	description?: string,
): IDataObject {
	return {
		name,
		...(description ? { description } : {}),
		data: { schema: { id: schemaId, version: XED_FULL_VERSION } },
		params: { dataSetId },
		connectionSpec: { ...DATA_LAKE_CONNECTION_SPEC },
	};
}

export interface TargetConnectionInput {
	name: string;
	dataSetId: string;
	description?: string;
}

/** A target connection, the dataset it writes to, and whether it existed before. */
export interface EnsuredTarget extends Ensured<TargetConnection> {
	dataset: Dataset;
}

/**
 * The Data Lake target connection named `input.name` for `input.dataSetId`: the dataset is read
 * first (it must exist and have a schema), then If It Exists applies; a same-name target
 * connection is reused only when it writes to this dataset with this schema. A created one is
 * read back (GET), so the output is what Flow Service stored.
 * @throws NodeOperationError (exists and `error`, exists for another dataset, dataset without schema), NodeApiError
 */
export async function ensureTargetConnection(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	input: TargetConnectionInput,
	ifExists: IfExists,
	itemIndex?: number,
): Promise<EnsuredTarget> {
	const dataset = await getDataset.call(this, ctx, sandboxName, input.dataSetId, itemIndex);
	const schemaId = schemaIdOf.call(this, dataset, itemIndex);
	const findByName = async () =>
		await listTargetConnections.call(this, ctx, sandboxName, { name: input.name }, itemIndex);
	const fits = (target: TargetConnection) =>
		target.params?.dataSetId === input.dataSetId && target.data?.schema?.id === schemaId;
	const ensured = await ensureObject.call<
		RequestContext,
		[Parameters<typeof ensureObject<TargetConnection>>[0]],
		Promise<Ensured<TargetConnection>>
	>(this, {
		thing: 'target connection',
		name: input.name,
		sandboxName,
		ifExists,
		itemIndex,
		findByName,
		mismatch: (existing) =>
			fits(existing)
				? undefined
				: `it writes to dataset ${existing.params?.dataSetId ?? '(none)'} with schema ${existing.data?.schema?.id ?? '(none)'}, not to dataset ${input.dataSetId} with schema ${schemaId}`,
		create: async (knownBefore) => {
			const { id } = await createOnce.call(
				this,
				ctx,
				{
					method: 'POST',
					path: targetConnectionPath(),
					body: targetConnectionBody(input.name, input.dataSetId, schemaId, input.description),
					sandboxName,
				},
				{
					thing: 'target connection',
					itemIndex,
					createdId: (_status, answer) => {
						const created = answer as { id?: unknown; etag?: unknown } | undefined;
						return isConnectionId(created?.id) && typeof created?.etag === 'string'
							? created.id
							: undefined;
					},
					findCreated: async () =>
						(await findByName()).find((target) => !knownBefore.has(target.id) && fits(target))?.id,
				},
			);
			return await getTargetConnection.call(this, ctx, sandboxName, id, itemIndex);
		},
	});
	return { ...ensured, dataset };
}
