/**
 * Data Lake target connections (`/targetConnections`): a dataflow's end, pointing at a dataset and its
 * schema, read from the dataset (`schemaRef.id`) to avoid 1425-400. Adobe: "Create a dataflow for a database source".
 */
import type { IDataObject } from 'n8n-workflow';

import { DATA_LAKE_CONNECTION_SPEC, XED_FULL_VERSION } from '../../kernel/constants';
import type { IfExists } from '../../flowService/ifExists';
import { flowServicePath, type PlatformContext, type RequestContext } from '../../kernel/transport';
import { isConnectionId } from '../../kernel/validation';
import { getDataset, schemaIdOf, type Dataset } from '../dataset/api';
import { preferNamed } from '../../flowService/race';
import { ensureByName, removeCreated, type Ensured } from '../../flowService/createOnce';
import { flowServiceCollection } from '../../flowService/paging';

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

export interface TargetConnectionFilter {
	/** Exactly this name. */
	name?: string;
	/** Only target connections writing to this dataset. */
	dataSetId?: string;
	/** Only those whose name contains this text, any case (checked here: Adobe has no such filter). */
	nameContains?: string;
	limit?: number;
}

/** The sandbox's Data Lake target connections (`/targetConnections`), newest first; delete in use is 1418-400. */
export const targetConnections = flowServiceCollection<TargetConnection, TargetConnectionFilter>({
	path: flowServicePath('/targetConnections'),
	noun: 'target connection',
	connectionSpecId: DATA_LAKE_CONNECTION_SPEC.id,
	equals: { name: 'name', dataSetId: 'params.dataSetId' },
	narrowHint: 'Narrow the listing with a Name or Dataset filter, or a Limit.',
});

/** The POST body of a Data Lake target connection writing to `dataset` (its schema from `schemaRef`). */
function targetConnectionBody(
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
	/**
	 * Create From Table: find the target connection by its dataset (one with this name first, then
	 * the oldest), not by name; a same-name one of another dataset is not a clash.
	 */
	byDataset?: boolean;
}

/** A target connection, the dataset it writes to, and whether it existed before. */
export interface EnsuredTarget extends Ensured<TargetConnection> {
	dataset: Dataset;
}

/**
 * The target connection named `input.name` for `input.dataSetId`: If It Exists reuses one only for
 * this dataset and schema; a created one is read back.
 * @throws NodeOperationError, NodeApiError
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
	const fits = (target: TargetConnection) =>
		target.params?.dataSetId === input.dataSetId && target.data?.schema?.id === schemaId;
	const ensured = await (ensureByName<TargetConnection>).call(this, ctx, {
		thing: 'target connection',
		name: input.name,
		sandboxName,
		ifExists,
		itemIndex,
		key: input.byDataset ? input.dataSetId : input.name,
		byReference: input.byDataset,
		findByName: async () => {
			if (!input.byDataset)
				return await targetConnections.list.call(
					this,
					ctx,
					sandboxName,
					{ name: input.name },
					itemIndex,
				);
			const listed = await targetConnections.list.call(
				this,
				ctx,
				sandboxName,
				{ dataSetId: input.dataSetId },
				itemIndex,
			);
			return preferNamed(listed, input.name);
		},
		mismatch: (existing) =>
			fits(existing)
				? undefined
				: `it writes to dataset ${existing.params?.dataSetId ?? '(none)'} with schema ${existing.data?.schema?.id ?? '(none)'}, not to dataset ${input.dataSetId} with schema ${schemaId}`,
		request: {
			method: 'POST',
			path: targetConnections.pathOf(),
			body: targetConnectionBody(input.name, input.dataSetId, schemaId, input.description),
			sandboxName,
		},
		createdId: (_status, answer) => {
			const created = answer as { id?: unknown; etag?: unknown } | undefined;
			return isConnectionId(created?.id) && typeof created?.etag === 'string'
				? created.id
				: undefined;
		},
		readBack: async (id) => await targetConnections.get.call(this, ctx, sandboxName, id, itemIndex),
		deleteWith: 'Target Connection › Delete',
		remove: async (id) =>
			await removeCreated.call(this, ctx, sandboxName, targetConnections.pathOf(id), itemIndex),
	});
	return { ...ensured, dataset };
}
