/**
 * Flow Service source connections of Redshift tables: list, get, create once, ensure, delete.
 * Adobe: "Create a dataflow for database sources" (database-nosql.md), flow-service.yaml, "Sort and filter".
 */
import type { IDataObject } from 'n8n-workflow';

import { REDSHIFT_CONNECTION_SPEC } from '../../kernel/constants';
import type { IfExists } from '../../flowService/ifExists';
import { safeOperationError } from '../../kernel/nodeErrors';
import { isConnectionId } from '../../kernel/validation';
import {
	buildSourceConnectionBody,
	exploredColumns,
	findCreatedSource,
	findExistingSource,
	readsTable,
	type SourceColumn,
	type SourceConnectionBody,
	type StoredSourceConnection,
} from './body';
import {
	flowServicePath,
	idempotentRequest,
	platformRequest,
	toNodeApiError,
	type Failure,
	type PlatformContext,
	type RequestContext,
} from '../../kernel/transport';
import { createOnce, oncePerKey, removeCreated, settleRace } from '../../flowService/createOnce';
import { columnsDrift } from '../dataflow/body';
import { flows } from '../dataflow/api';
import { flowServiceCollection } from '../../flowService/paging';

export type { SourceColumn, StoredSourceConnection } from './body';

const NOUN = 'source connection';

export interface SourceConnectionFilter {
	/** Only source connections of this base connection (`property=baseConnectionId==…`). */
	baseConnectionId?: string;
	/** Only those reading this table (`property=params.tableName==…`); needs no base connection. */
	tableName?: string;
	/** Only those with exactly this name (`property=name==…`). */
	name?: string;
	/** Only those whose name contains this text, any case (checked here: Adobe has no such filter). */
	nameContains?: string;
	/** Stop after this many; undefined = all pages. */
	limit?: number;
	secrets?: string[];
}

/** The sandbox's Redshift source connections (`/sourceConnections`), newest first; unknown ID is FLOW-1439-404. */
export const sourceConnections = flowServiceCollection<
	StoredSourceConnection,
	SourceConnectionFilter
>({
	path: flowServicePath('/sourceConnections'),
	noun: NOUN,
	connectionSpecId: REDSHIFT_CONNECTION_SPEC.id,
	equals: { baseConnectionId: 'baseConnectionId', tableName: 'params.tableName', name: 'name' },
	narrowHint:
		'Narrow the listing (a Connection filter or a Limit), or try again later; if it persists, the source connection listing in this sandbox does not end.',
});

/**
 * `POST /sourceConnections`, never twice (createOnce): after an ambiguous failure, adopts one of the
 * table not in `knownBefore`. Throws NodeApiError (FLOW-1439-404, FLOW-1201-400).
 */
async function createSourceConnection(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	body: SourceConnectionBody,
	knownBefore: ReadonlySet<string>,
	itemIndex?: number,
): Promise<{ id: string; etag: string; recovered: boolean }> {
	const sentAt = Date.now();
	let etag = '';
	const { id, recovered } = await (createOnce<{ id?: unknown; etag?: unknown }>).call(
		this,
		ctx,
		{
			method: 'POST',
			path: sourceConnections.pathOf(),
			body: body as unknown as IDataObject,
			sandboxName,
		},
		{
			thing: NOUN,
			itemIndex,
			createdId: (_status, answer) => {
				if (!isConnectionId(answer?.id) || typeof answer?.etag !== 'string' || answer.etag === '')
					return undefined;
				etag = answer.etag;
				return answer.id;
			},
			findCreated: async () => {
				const listed = await sourceConnections.list.call(
					this,
					ctx,
					sandboxName,
					{ baseConnectionId: body.baseConnectionId, tableName: body.params.tableName },
					itemIndex,
				);
				const found = findCreatedSource(listed, body, sentAt, knownBefore);
				if (!found || typeof found.etag !== 'string') return undefined;
				etag = found.etag;
				return found.id;
			},
		},
	);
	return { id, etag, recovered };
}

/** What ensureSourceConnection is asked for. Values are already checked (validation names the node's own fields). */
export interface EnsureSourceConnectionInput {
	name: string;
	description?: string;
	/** The Redshift base connection (a UUID). */
	baseConnectionId: string;
	/** The table's explore `path`, e.g. `public.orders`. */
	tableName: string;
	/** The columns to read; undefined = fetched through explore, only when a create follows. */
	columns?: SourceColumn[];
	/** Create From Table: reuse only a source connection of the table with these exact `columns`. */
	byReference?: boolean;
}

/** The source connection that now exists for the table. */
export interface EnsuredSourceConnection {
	id: string;
	/** As Adobe returned it, quotes included. */
	etag: string;
	/** True when an existing source connection was returned and nothing was created. */
	reused: boolean;
	name: string;
	baseConnectionId: string;
	tableName: string;
	columns: SourceColumn[];
	/** Where `columns` came from: the caller, explore, or the reused source connection. */
	columnsFrom: 'input' | 'explore' | 'existing';
}

function describeSource(item: StoredSourceConnection): string {
	return `"${item.name ?? ''}" (ID ${item.id}, table ${item.params?.tableName ?? '?'} of base connection ${item.baseConnectionId ?? '?'})`;
}

/**
 * The source connection for (base connection, table), idempotent: If It Exists applies to one of
 * the same table (same name first). Reuse It and Stop hold the (sandbox, base connection, table) lock.
 */
export async function ensureSourceConnection(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	input: EnsureSourceConnectionInput,
	ifExists: IfExists,
	itemIndex?: number,
): Promise<EnsuredSourceConnection> {
	const ensure = async () =>
		await ensureSource.call(this, { ctx, sandboxName, input, ifExists, itemIndex });
	if (ifExists === 'create') return await ensure();
	return await oncePerKey([sandboxName, NOUN, input.baseConnectionId, input.tableName], ensure);
}

/** The output for an existing source connection (found, or another process's that won the race). */
function reusedSource(
	match: StoredSourceConnection,
	input: EnsureSourceConnectionInput,
): EnsuredSourceConnection {
	return {
		id: match.id,
		etag: String(match.etag ?? ''),
		reused: true,
		name: match.name ?? input.name,
		baseConnectionId: input.baseConnectionId,
		tableName: input.tableName,
		columns: match.params?.columns ?? [],
		columnsFrom: 'existing',
	};
}

/** ensureSourceConnection's work, run under the lock of (sandbox, base connection, table). */
async function ensureSource(
	this: RequestContext,
	args: {
		ctx: PlatformContext;
		sandboxName: string;
		input: EnsureSourceConnectionInput;
		ifExists: IfExists;
		itemIndex?: number;
	},
): Promise<EnsuredSourceConnection> {
	const { ctx, sandboxName, input, ifExists, itemIndex } = args;
	const { name, baseConnectionId, tableName } = input;
	const fits = (item: StoredSourceConnection) =>
		readsTable(item, baseConnectionId, tableName) &&
		!(
			input.byReference &&
			input.columns &&
			columnsDrift(item.params?.columns ?? [], input.columns).length
		);
	const listSameTable = async () =>
		(
			await sourceConnections.list.call(
				this,
				ctx,
				sandboxName,
				{ baseConnectionId, tableName },
				itemIndex,
			)
		).filter(fits);
	const sameTable = await listSameTable();
	let existing = findExistingSource(sameTable, input);
	if (!existing.match && ifExists !== 'create' && !input.byReference) {
		const named = await sourceConnections.list.call(this, ctx, sandboxName, { name }, itemIndex);
		existing = findExistingSource(named, input);
	}
	if (existing.match && ifExists === 'reuse') {
		// A listing without the etag (never seen from Adobe) is completed by a GET: the output always proves the object.
		const match =
			typeof existing.match.etag === 'string'
				? existing.match
				: await sourceConnections.get.call(this, ctx, sandboxName, existing.match.id, itemIndex);
		return reusedSource(match, input);
	}
	if (existing.match && ifExists === 'error') {
		throw safeOperationError(
			this,
			`A source connection of table ${tableName} through base connection ${baseConnectionId} already exists in sandbox "${sandboxName}": ${describeSource(existing.match)}.`,
			{
				itemIndex,
				description:
					'Choose "Reuse It" to return the existing source connection, or "Create Another" to create one more.',
			},
		);
	}
	if (existing.nameTakenBy && ifExists !== 'create') {
		throw safeOperationError(
			this,
			`The name "${name}" is taken by a source connection of other data in sandbox "${sandboxName}": ${describeSource(existing.nameTakenBy)}.`,
			{
				itemIndex,
				description: `It reads another table or base connection, so it is not reused. Give this source connection another name, or choose "Create Another" to create a second one named "${name}".`,
			},
		);
	}
	const columnsFrom = input.columns ? 'input' : 'explore';
	const columns =
		input.columns ??
		(await exploreTable.call(this, ctx, sandboxName, baseConnectionId, tableName, itemIndex))
			.columns;
	if (columns.length === 0) {
		throw safeOperationError(
			this,
			`Adobe listed no columns for table ${tableName} of base connection ${baseConnectionId}, so no source connection was created.`,
			{
				itemIndex,
				description: 'Check the table with Get Table Schema, or give the columns.',
			},
		);
	}
	const body = buildSourceConnectionBody({
		name,
		description: input.description,
		baseConnectionId,
		tableName,
		columns,
	});
	const knownBefore = new Set(
		sameTable
			.filter((item) => readsTable(item, baseConnectionId, tableName))
			.map((item) => item.id),
	);
	const created = await createSourceConnection.call(
		this,
		ctx,
		sandboxName,
		body,
		knownBefore,
		itemIndex,
	);
	if (ifExists === 'reuse') {
		const { winner } = await (settleRace<StoredSourceConnection>).call(
			this,
			{
				thing: NOUN,
				sandboxName,
				itemIndex,
				deleteWith: 'Adobe Redshift Connection › Source Connection › Delete',
				findSame: listSameTable,
				remove: async (id) =>
					await removeCreated.call(this, ctx, sandboxName, sourceConnections.pathOf(id), itemIndex),
			},
			created.id,
		);
		if (winner && winner.id !== created.id) return reusedSource(winner, input);
	}
	return {
		id: created.id,
		etag: created.etag,
		reused: false,
		name,
		baseConnectionId,
		tableName,
		columns: body.params.columns,
		columnsFrom,
	};
}

/** A dataflow that reads a source connection: its ID and name. */
export interface DataflowRef {
	id: string;
	name?: string;
}

/** What a delete found: deleted now, or already gone. */
export interface DeletedSource {
	deleted: boolean;
	alreadyAbsent: boolean;
}

/** Rewords Adobe's "connection in use" (FLOW-1418-400) to name the dataflows, when the lookup finds them. */
function inUseFailure(failure: Failure, id: string, users: DataflowRef[]): Failure {
	if (users.length === 0) return failure;
	const named = users.map((flow) => `"${flow.name ?? ''}" (ID ${flow.id})`).join(', ');
	return {
		...failure,
		decoded: {
			...failure.decoded,
			title: `Source connection ${id} is used by ${users.length === 1 ? 'dataflow' : 'dataflows'} ${named} and cannot be deleted`,
			hint: `Delete ${users.length === 1 ? 'that dataflow' : 'those dataflows'} first, then delete the source connection.`,
		},
	};
}

/**
 * `DELETE /sourceConnections/{id}` (204); a 404 is `alreadyAbsent: true` so re-runs pass. On
 * FLOW-1418-400 (in use) the error names the dataflows using it.
 */
export async function deleteSourceConnection(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	id: string,
	itemIndex?: number,
): Promise<DeletedSource> {
	const outcome = await idempotentRequest.call(this, ctx, {
		method: 'DELETE',
		path: sourceConnections.pathOf(id),
		sandboxName,
	});
	if (outcome.ok) return { deleted: true, alreadyAbsent: false };
	const { failure } = outcome;
	if (failure.facts.status === 404) return { deleted: false, alreadyAbsent: true };
	if (failure.decoded.code === 'FLOW-1418-400') {
		// Best effort: if the lookup fails, Adobe's own message stands.
		const users = await flows.list
			.call(this, ctx, sandboxName, { sourceConnectionId: id, limit: 5 }, itemIndex)
			.then((found): DataflowRef[] => found.map((flow) => ({ id: flow.id, name: flow.name })))
			.catch((): DataflowRef[] => []);
		throw toNodeApiError.call(this, inUseFailure(failure, id, users), itemIndex);
	}
	throw toNodeApiError.call(this, failure, itemIndex);
}

/** Flow Service path of a base connection's explore call. */
function explorePath(baseConnectionId: string): string {
	return flowServicePath(`/connections/${encodeURIComponent(baseConnectionId)}/explore`);
}

/** A table's structure as explore answers it: `format` (e.g. "flat") and the columns. */
export interface TableStructure {
	format?: string;
	columns: SourceColumn[];
}

/** The columns of `tablePath` (e.g. `public.orders`) via explore, ready for `params.columns`. */
export async function exploreTable(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	baseConnectionId: string,
	tablePath: string,
	itemIndex?: number,
): Promise<TableStructure> {
	const answer = (await platformRequest.call(
		this,
		ctx,
		{
			method: 'GET',
			path: explorePath(baseConnectionId),
			qs: { objectType: 'table', object: tablePath },
			sandboxName,
		},
		itemIndex,
	)) as { format?: string } | undefined;
	return { format: answer?.format, columns: exploredColumns(answer) };
}
