/**
 * Dataflows (Flow Service `/flows`): read calls. Adobe docs followed: "Update dataflows"
 * (help/sources/tutorials/api/update-dataflows.md: `GET /flows/{id}` answers `{items: [flow]}`),
 * "Sort and filter Flow Service responses" (help/dataflows/api/sort-and-filter.md) and the Flow
 * Service OpenAPI; see dataflow-chain.md §6c. Times (`createdAt`, `updatedAt`) are epoch ms.
 */
import type { IDataObject } from 'n8n-workflow';

import { safeOperationError } from '../nodeErrors';
import { flowServicePath, platformRequest, type PlatformContext, type PlatformRequest, type RequestContext } from '../transport';
import { PAGE_SIZE, readFlowServicePages, type FlowServicePages, type PagingOptions } from './listing';

/** A dataflow as `GET /flows` lists it; only the fields this package reads are typed. */
export interface StoredFlow extends IDataObject {
	id: string;
	name?: string;
	etag?: string;
	/** `enabled` or `disabled`. */
	state?: string;
	flowSpec?: { id?: string; version?: string };
	sourceConnectionIds?: string[];
	targetConnectionIds?: string[];
	createdAt?: number;
	updatedAt?: number;
}

/** Which dataflows to list; every given condition must hold. */
export interface FlowFilter {
	/** These flows only (`property=id==a,b`, Adobe's "any of"). */
	ids?: string[];
	/** Flows reading this source connection (`property=sourceConnectionIds[]==id`). */
	sourceConnectionId?: string;
	/** `enabled` or `disabled` (`property=state==…`). */
	state?: string;
	/** Flows whose name contains this text, any case (checked here: Adobe's filters have no such test). */
	nameContains?: string;
	/** Flow Service `orderby`; default `-createdAt` (newest first). */
	orderBy?: string;
	/** Stop at the end of the page that reaches this many flows; undefined = every page. */
	limit?: number;
	/** A `next.href` returned earlier (a picker's next page). */
	resumeFrom?: string;
}

/** Flow Service path of one flow, e.g. /flows/{id}/action. */
export function flowPath(id: string, suffix = ''): string {
	return flowServicePath(`/flows/${encodeURIComponent(id)}${suffix}`);
}

function matches(flow: StoredFlow, filter: FlowFilter): boolean {
	if (typeof flow?.id !== 'string') return false;
	if (filter.ids && !filter.ids.includes(flow.id)) return false;
	if (filter.sourceConnectionId !== undefined && !(flow.sourceConnectionIds ?? []).includes(filter.sourceConnectionId)) return false;
	if (filter.state !== undefined && String(flow.state).toLowerCase() !== filter.state.toLowerCase()) return false;
	if (filter.nameContains !== undefined && !String(flow.name ?? '').toLowerCase().includes(filter.nameContains.toLowerCase())) return false;
	return true;
}

function listRequest(sandboxName: string, filter: FlowFilter): PlatformRequest {
	const property: string[] = [];
	if (filter.ids) property.push(`id==${filter.ids.join(',')}`);
	if (filter.sourceConnectionId !== undefined) property.push(`sourceConnectionIds[]==${filter.sourceConnectionId}`);
	if (filter.state !== undefined) property.push(`state==${filter.state}`);
	return {
		method: 'GET',
		path: flowServicePath('/flows'),
		qs: { ...(property.length ? { property } : {}), limit: Math.min(PAGE_SIZE, filter.limit ?? PAGE_SIZE), orderby: filter.orderBy ?? '-createdAt' },
		sandboxName,
	};
}

/**
 * Dataflows of the sandbox that pass every condition of `filter`, page by page from the first page
 * or from `filter.resumeFrom`. With a limit it stops at the end of the page that reaches it and
 * hands back `next` to go on. An empty `ids` list matches nothing and sends no request.
 * @throws NodeApiError when a request fails after retries; NodeOperationError when the listing does not end or `resumeFrom` is foreign
 */
export async function listFlows(this: RequestContext, ctx: PlatformContext, sandboxName: string, filter: FlowFilter, itemIndex?: number): Promise<FlowServicePages<StoredFlow>> {
	if (filter.ids?.length === 0) return { found: [] };
	return await readFlowServicePages.call<RequestContext, [PlatformContext, PlatformRequest, PagingOptions<StoredFlow>], Promise<FlowServicePages<StoredFlow>>>(
		this,
		ctx,
		listRequest(sandboxName, filter),
		{
			noun: 'dataflows',
			keep: (flow) => matches(flow, filter),
			limit: filter.limit,
			resumeFrom: filter.resumeFrom,
			itemIndex,
			narrowHint: 'Narrow the listing (a name search), or try again later; if it persists, the dataflow listing in this sandbox does not end.',
		},
	);
}

/**
 * One dataflow (`GET /flows/{id}`), unwrapped from Adobe's `{items: [flow]}` (a bare flow is accepted too).
 * @throws NodeApiError when the request fails (404 for an unknown flow); NodeOperationError when the answer holds no flow
 */
export async function getFlow(this: RequestContext, ctx: PlatformContext, sandboxName: string, id: string, itemIndex?: number): Promise<StoredFlow> {
	const body = (await platformRequest.call(this, ctx, { method: 'GET', path: flowPath(id), sandboxName }, itemIndex)) as { items?: StoredFlow[] } & Partial<StoredFlow>;
	const flow = Array.isArray(body?.items) ? body.items[0] : (body as StoredFlow);
	if (!flow || typeof flow.id !== 'string') {
		throw safeOperationError(this, `Adobe returned no dataflow with ID ${id} in sandbox "${sandboxName}".`, { itemIndex });
	}
	return flow;
}
