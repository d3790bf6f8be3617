/**
 * Interim find-or-create steps of Create From Table for the target connection and the mapping set,
 * until the shared api/targetConnections.ts and api/mappingSets.ts (their ensure functions) land.
 */
import type { IDataObject } from 'n8n-workflow';

import { DATA_LAKE_CONNECTION_SPEC, DATA_PREP_PATH, XED_FULL_VERSION } from '../../../shared/constants';
import { createOnce } from '../../../shared/api/ensure';
import { readFlowServicePages } from '../../../shared/api/listing';
import type { DataPrepMapping } from '../../../shared/pipeline/autoMapping';
import { flowServicePath, platformRequest, type PlatformContext, type RequestContext } from '../../../shared/transport';

type Listed = IDataObject & { id: string; name?: string };

async function listCollection(this: RequestContext, ctx: PlatformContext, sandboxName: string, collection: string, property: string[], itemIndex?: number): Promise<Listed[]> {
	const { found } = await readFlowServicePages.call(this, ctx, { method: 'GET', path: flowServicePath(collection), qs: { property, limit: 100 }, sandboxName }, { noun: collection.slice(1), itemIndex });
	return found as Listed[];
}

export async function ensureChainTargetConnection(
	this: RequestContext,
	ctx: PlatformContext,
	input: { sandboxName: string; name: string; datasetId: string; schemaId: string },
	itemIndex?: number,
): Promise<{ id: string; reused: boolean }> {
	const { sandboxName } = input;
	const existing = await listCollection.call(this, ctx, sandboxName, '/targetConnections', [`params.dataSetId==${input.datasetId}`], itemIndex);
	const match = existing.find((item) => (item.params as IDataObject | undefined)?.dataSetId === input.datasetId && ((item.data as IDataObject | undefined)?.schema as IDataObject | undefined)?.id === input.schemaId);
	if (match) return { id: match.id, reused: true };
	const body = { name: input.name, data: { schema: { id: input.schemaId, version: XED_FULL_VERSION } }, params: { dataSetId: input.datasetId }, connectionSpec: { ...DATA_LAKE_CONNECTION_SPEC } };
	const known = new Set(existing.map((item) => item.id));
	const { id } = await createOnce.call(this, ctx, { method: 'POST', path: flowServicePath('/targetConnections'), body: body as unknown as IDataObject, sandboxName }, {
		thing: 'target connection',
		itemIndex,
		createdId: (_s, answer: { id?: unknown } | undefined) => (typeof answer?.id === 'string' ? answer.id : undefined),
		findCreated: async () => (await listCollection.call(this, ctx, sandboxName, '/targetConnections', [`params.dataSetId==${input.datasetId}`], itemIndex)).find((item) => !known.has(item.id))?.id,
	});
	return { id, reused: false };
}

async function listMappingSets(this: RequestContext, ctx: PlatformContext, sandboxName: string, itemIndex?: number): Promise<Listed[]> {
	const out: Listed[] = [];
	for (let start = 0; start < 10_000; start += 100) {
		const page = (await platformRequest.call(this, ctx, { method: 'GET', path: `${DATA_PREP_PATH}/mappingSets`, qs: { limit: 100, start }, sandboxName }, itemIndex)) as { data?: Listed[] };
		const data = Array.isArray(page?.data) ? page.data : [];
		out.push(...data);
		if (data.length < 100) break;
	}
	return out;
}

export async function ensureChainMappingSet(
	this: RequestContext,
	ctx: PlatformContext,
	input: { sandboxName: string; name: string; schemaId: string; mappings: DataPrepMapping[] },
	itemIndex?: number,
): Promise<{ id: string; version: number; reused: boolean }> {
	const { sandboxName } = input;
	const sameName = (await listMappingSets.call(this, ctx, sandboxName, itemIndex)).filter((set) => set.name === input.name);
	const match = sameName.find((set) => ((set.outputSchema as IDataObject | undefined)?.schemaRef as IDataObject | undefined)?.id === input.schemaId);
	if (match) return { id: match.id, version: Number(match.version ?? 0), reused: true };
	const body = { name: input.name, outputSchema: { schemaRef: { id: input.schemaId, contentType: XED_FULL_VERSION } }, mappings: input.mappings };
	const known = new Set(sameName.map((set) => set.id));
	let version = 0;
	const { id } = await createOnce.call(this, ctx, { method: 'POST', path: `${DATA_PREP_PATH}/mappingSets`, body: body as unknown as IDataObject, sandboxName }, {
		thing: 'mapping set',
		itemIndex,
		createdId: (_s, answer: { id?: unknown; version?: unknown } | undefined) => {
			if (typeof answer?.version === 'number') version = answer.version;
			return typeof answer?.id === 'string' ? answer.id : undefined;
		},
		findCreated: async () => (await listMappingSets.call(this, ctx, sandboxName, itemIndex)).find((set) => set.name === input.name && !known.has(set.id))?.id,
	});
	return { id, version, reused: false };
}
