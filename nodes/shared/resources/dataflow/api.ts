/**
 * Dataflows (Flow Service `/flows`). Adobe: "Update dataflows", "Sort and filter", Flow Service OpenAPI.
 * Times (`createdAt`, `updatedAt`) are epoch ms.
 */
import type { IDataObject } from 'n8n-workflow';

import type { IfExists } from '../../flowService/ifExists';
import { safeOperationError } from '../../kernel/nodeErrors';
import type { CreateFlowBody, PatchOperation } from './body';
import {
	flowServicePath,
	idempotentRequest,
	toNodeApiError,
	type Failure,
	type PlatformContext,
	type RequestContext,
} from '../../kernel/transport';
import { raceWinner } from '../../flowService/race';
import {
	createOnce,
	oncePerKey,
	removeCreated,
	settleRace,
	type Ensured,
} from '../../flowService/createOnce';
import { flowServiceCollection } from '../../flowService/paging';

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
}

/** The sandbox's dataflows (`/flows`): filters by IDs ("any of"), source connection, state, name; re-checked locally. */
export const flows = flowServiceCollection<StoredFlow, FlowFilter>({
	path: flowServicePath('/flows'),
	noun: 'dataflow',
	anyOf: { ids: 'id' },
	properties: (filter) => [
		...(filter.sourceConnectionId === undefined
			? []
			: [`sourceConnectionIds[]==${filter.sourceConnectionId}`]),
		...(filter.state === undefined ? [] : [`state==${filter.state}`]),
	],
	keep: (flow, filter) =>
		(filter.sourceConnectionId === undefined ||
			(flow.sourceConnectionIds ?? []).includes(filter.sourceConnectionId)) &&
		(filter.state === undefined || String(flow.state).toLowerCase() === filter.state.toLowerCase()),
	narrowHint:
		'Narrow the listing (a name search), or try again later; if it persists, the dataflow listing in this sandbox does not end.',
});

// Writes. Adobe: "Create a dataflow for database sources", "Update dataflows", "Delete dataflows".

/** `{id, etag}` as Adobe answers a create, PATCH or action. */
export interface FlowIdAndEtag {
	id: string;
	etag: string;
}

/**
 * `POST /flows` at most once (createOnce): after an ambiguous failure the source connection's
 * same-name dataflows not in `knownBefore` are looked at first. Adobe's 1367, 1369, 1425… decoded.
 */
export async function createFlow(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	body: CreateFlowBody,
	knownBefore: ReadonlySet<string>,
	itemIndex?: number,
): Promise<string> {
	const { id } = await createOnce.call(
		this,
		ctx,
		{
			method: 'POST',
			path: flows.pathOf(),
			body: body as unknown as IDataObject,
			sandboxName,
		},
		{
			thing: 'dataflow',
			createdId: (_status, answer: Partial<FlowIdAndEtag> | undefined) =>
				typeof answer?.id === 'string' && answer.id !== '' ? answer.id : undefined,
			findCreated: async () => {
				const found = await flows.list.call(
					this,
					ctx,
					sandboxName,
					{ sourceConnectionId: body.sourceConnectionIds[0] },
					itemIndex,
				);
				return found.find((flow) => flow.name === body.name && !knownBefore.has(flow.id))?.id;
			},
			itemIndex,
		},
	);
	return id;
}

/** A dataflow ensureFlow returns: as listed (reused) or as sent plus its new ID (created). */
export type EnsuredFlow = Ensured<IDataObject & { id: string }>;

/**
 * A dataflow from the source into the target connection, If It Exists applied to those that already
 * do (Adobe advises one dataflow per source connection; Reuse It takes the oldest, as a race does).
 */
export async function ensureFlow(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	body: CreateFlowBody,
	ifExists: IfExists,
	itemIndex?: number,
): Promise<EnsuredFlow> {
	const [source] = body.sourceConnectionIds;
	const [target] = body.targetConnectionIds;
	const ensure = async (): Promise<EnsuredFlow> => {
		const found = await flows.list.call(
			this,
			ctx,
			sandboxName,
			{ sourceConnectionId: source },
			itemIndex,
		);
		return await ensureFlowOf.call(this, ctx, sandboxName, body, found, ifExists, itemIndex);
	};
	if (ifExists === 'create') return await ensure();
	return await oncePerKey([sandboxName, 'dataflow', source, target], ensure);
}

/** ensureFlow's work once the source connection's dataflows (`found`) are listed. */
async function ensureFlowOf(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	body: CreateFlowBody,
	found: StoredFlow[],
	ifExists: IfExists,
	itemIndex?: number,
): Promise<EnsuredFlow> {
	const [source] = body.sourceConnectionIds;
	const [target] = body.targetConnectionIds;
	const intoTarget = (list: StoredFlow[]) =>
		list.filter((flow) => (flow.targetConnectionIds ?? []).includes(target));
	const same = intoTarget(found);
	// The oldest, as a race keeps it (settleRace): every run reuses the same one.
	const oldest = raceWinner(same);
	if (oldest && ifExists === 'reuse') return { value: oldest, reused: true };
	if (oldest && ifExists === 'error') {
		throw safeOperationError(
			this,
			`Dataflow "${oldest.name}" (ID ${oldest.id}) already reads source connection ${source} into target connection ${target} in sandbox "${sandboxName}".`,
			{
				itemIndex,
				description:
					'Choose "Reuse It" to return the existing dataflow, or "Create Another" to make a second one (Adobe advises one dataflow per source connection).',
			},
		);
	}
	// Every dataflow of this source connection known now: never mistaken for the one this POST makes.
	const id = await createFlow.call(
		this,
		ctx,
		sandboxName,
		body,
		new Set(found.map((flow) => flow.id)),
		itemIndex,
	);
	if (ifExists === 'reuse') {
		const { winner } = await (settleRace<StoredFlow>).call(
			this,
			{
				thing: 'dataflow',
				sandboxName,
				itemIndex,
				deleteWith: 'Dataflow › Delete',
				findSame: async () =>
					intoTarget(
						await flows.list.call(
							this,
							ctx,
							sandboxName,
							{ sourceConnectionId: source },
							itemIndex,
						),
					),
				remove: async (loser) =>
					await removeCreated.call(this, ctx, sandboxName, flows.pathOf(loser), itemIndex),
			},
			id,
		);
		if (winner && winner.id !== id) return { value: winner, reused: true };
	}
	return { value: { ...(body as unknown as IDataObject), id }, reused: false };
}

/**
 * `PATCH /flows/{id}` with `If-Match: etag` and a JSON Patch array.
 * @param hintFor a refusal's hint in the caller's fields, or undefined for Dataflow › Update's
 * @throws NodeApiError (1404-412 stale etag, 1366 start time locked, 1455 path, …)
 */
export async function patchFlow(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	id: string,
	etag: string,
	ops: PatchOperation[],
	itemIndex?: number,
	hintFor?: (failure: Failure) => string | undefined,
): Promise<FlowIdAndEtag> {
	const outcome = await idempotentRequest.call(this, ctx, {
		method: 'PATCH',
		path: flows.pathOf(id),
		body: ops as unknown as IDataObject[],
		headers: { 'If-Match': etag },
		sandboxName,
	});
	if (outcome.ok) return outcome.body as FlowIdAndEtag;
	const { failure } = outcome;
	const hint = hintFor?.(failure) ?? failure.decoded.hint;
	throw toNodeApiError.call(this, { ...failure, decoded: { ...failure.decoded, hint } }, itemIndex);
}

/** What an enable/disable ended with: `changed: false` when the flow already was in that state. */
export interface FlowStateResult {
	id: string;
	etag?: string;
	state: 'enabled' | 'disabled';
	changed: boolean;
}

/**
 * Enables or disables a dataflow (`POST /flows/{id}/action?op=…`); a 1422 in the wanted state is `changed: false`.
 * @throws NodeApiError otherwise
 */
export async function setFlowState(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	id: string,
	op: 'enable' | 'disable',
	itemIndex?: number,
): Promise<FlowStateResult> {
	const state = op === 'enable' ? 'enabled' : 'disabled';
	const outcome = await idempotentRequest.call(this, ctx, {
		method: 'POST',
		path: flows.pathOf(id, '/action'),
		qs: { op },
		sandboxName,
	});
	if (outcome.ok) {
		const body = outcome.body as Partial<FlowIdAndEtag> | undefined;
		return {
			id,
			...(typeof body?.etag === 'string' ? { etag: body.etag } : {}),
			state,
			changed: true,
		};
	}
	if (/-1422-/.test(outcome.failure.decoded.code ?? '')) {
		const current = await flows.get.call(this, ctx, sandboxName, id, itemIndex);
		if (current.state === state)
			return { id, ...(current.etag ? { etag: current.etag } : {}), state, changed: false };
	}
	throw toNodeApiError.call(this, outcome.failure, itemIndex);
}

/** What a delete ended with (see deleteFlow). */
export interface DeletedFlow {
	id: string;
	deleted: boolean;
	alreadyAbsent: boolean;
	note?: string;
}

/**
 * `DELETE /flows/{id}` → 204. A 404 on a retry after an interrupted attempt means it is gone
 * (that attempt may have deleted it), reported as `alreadyAbsent`.
 * @throws NodeApiError otherwise
 */
export async function deleteFlow(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	id: string,
	itemIndex?: number,
): Promise<DeletedFlow> {
	const result = await flows.remove.call(this, ctx, sandboxName, id, itemIndex);
	if (!result.alreadyAbsent) return { id, ...result };
	return {
		id,
		...result,
		note: 'The first attempt got no clear answer and the retry found no dataflow with this ID: an earlier attempt deleted it, or it did not exist.',
	};
}
