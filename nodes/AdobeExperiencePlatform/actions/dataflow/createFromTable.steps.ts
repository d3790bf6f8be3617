/**
 * Interim find-or-create step of Create From Table for the mapping set, until the shared
 * api/mappingSets.ts (its ensure function) lands.
 */
import type { IDataObject } from 'n8n-workflow';

import { DATA_PREP_PATH, XED_FULL_VERSION } from '../../../shared/constants';
import { createOnce } from '../../../shared/api/ensure';
import type { DataPrepMapping } from '../../../shared/pipeline/autoMapping';
import { platformRequest, type PlatformContext, type RequestContext } from '../../../shared/transport';

type Listed = IDataObject & { id: string; name?: string };

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
