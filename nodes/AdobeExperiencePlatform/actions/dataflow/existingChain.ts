/**
 * The existing Create From Table chain for (base connection, table, dataset), found by reference,
 * and its drift reported, updated in place or refused. Adobe: "Update dataflows", "Mapping sets".
 */
import type { IDataObject } from 'n8n-workflow';

import { raceWinner } from '../../../shared/flowService/race';
import { flows, patchFlow, type StoredFlow } from '../../../shared/resources/dataflow/api';
import { getMappingSet, updateMappingSet } from '../../../shared/resources/mappingSet/api';
import { sourceConnections } from '../../../shared/resources/sourceConnection/api';
import {
	targetConnections,
	type TargetConnection,
} from '../../../shared/resources/targetConnection/api';
import { safeOperationError } from '../../../shared/kernel/nodeErrors';
import type { DataPrepMapping, SourceColumn } from '../../../shared/resources/mappingSet/body';
import {
	columnsDrift,
	describeDrift,
	flowDrift,
	mappingsDrift,
	type DriftEntry,
	type PatchOperation,
	type FlowTransformation,
} from '../../../shared/resources/dataflow/body';
import type { StoredSourceConnection } from '../../../shared/resources/sourceConnection/body';
import type { Failure, PlatformContext, RequestContext } from '../../../shared/kernel/transport';
import type { ListReader } from '../../../shared/flowService/paging';

/** What to do when the chain exists with other settings (the If the Chain Exists With Other Settings field). */
export type IfDrift = 'report' | 'update' | 'error';

/** An existing chain: its dataflow and the source and target connections it joins. */
export interface ExistingChain {
	flow: StoredFlow;
	source: StoredSourceConnection;
	target: TargetConnection;
	/** The other dataflows reading the same source connection (e.g. the table into another dataset). */
	sourceSharedWith: StoredFlow[];
}

/** What identifies a chain, and the name to prefer among several. */
export interface ChainKey {
	baseConnectionId: string;
	tableName: string;
	datasetId: string;
	flowName: string;
}

/** The dataflow of the table into the dataset, if any; among several, the one named `flowName`, else the oldest. */
export async function findChain(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	key: ChainKey,
	itemIndex: number,
): Promise<ExistingChain | undefined> {
	const list = async <T, F>(reader: ListReader<T, F>, filter: F) =>
		await reader.call(this, ctx, sandboxName, filter, itemIndex);
	const targets = await list(targetConnections.list, { dataSetId: key.datasetId });
	if (!targets.length) return undefined;
	const { baseConnectionId, tableName } = key;
	const sources = await list(sourceConnections.list, { baseConnectionId, tableName });
	const chains: ExistingChain[] = [];
	for (const source of sources) {
		const flowsOfSource = await list(flows.list, { sourceConnectionId: source.id });
		for (const flow of flowsOfSource) {
			const target = targets.find((item) => (flow.targetConnectionIds ?? []).includes(item.id));
			const sourceSharedWith = flowsOfSource.filter((other) => other.id !== flow.id);
			if (target) chains.push({ flow, source, target, sourceSharedWith });
		}
	}
	const named = chains.filter((chain) => chain.flow.name === key.flowName);
	const pick = raceWinner((named.length ? named : chains).map((chain) => chain.flow));
	return chains.find((chain) => chain.flow.id === pick?.id);
}

/** What the input asks of the chain, compared with what it stores. */
export interface ChainInput {
	columns: SourceColumn[];
	schemaId: string;
	mappings: DataPrepMapping[];
	frequency: string;
	interval?: number;
	/** Epoch seconds. */
	startTime: number;
	startTimeGiven: boolean;
	backfill?: boolean;
	transformations: FlowTransformation[];
}

/** The Mapping and Copy transformations of a stored dataflow, with their indexes. */
function transformationsOf(flow: StoredFlow) {
	const list = (flow.transformations ?? []) as Array<{
		name?: string;
		params?: Record<string, unknown>;
	}>;
	const mappingIndex = list.findIndex((t) => t?.name === 'Mapping');
	const copyIndex = list.findIndex((t) => t?.name === 'Copy');
	const mapping = list[mappingIndex]?.params ?? {};
	const delta = list[copyIndex]?.params?.deltaColumn as
		| { name?: unknown; dateFormat?: unknown }
		| undefined;
	return {
		mappingIndex,
		copyIndex,
		mappingId: typeof mapping.mappingId === 'string' ? mapping.mappingId : undefined,
		mappingVersion: typeof mapping.mappingVersion === 'number' ? mapping.mappingVersion : 0,
		deltaColumn: delta?.name,
		deltaDateFormat: delta?.dateFormat,
	};
}

/** The chain's state as Adobe stores it, and how it differs from the input. */
export interface ChainState {
	mappingSetId?: string;
	/** The stored mapping set's name and description, which a new version keeps (Update It). */
	mappingSetName?: string;
	mappingSetDescription?: string;
	mappingVersion: number;
	/** Updatable drift: mappings, schedule, delta column. */
	drift: DriftEntry[];
	/** Drift Adobe cannot change in place: the source connection's columns, the target connection's schema. */
	fixed: DriftEntry[];
}

/** Compares the existing chain with the input (reads the mapping set version the dataflow uses). */
export async function compareChain(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	chain: ExistingChain,
	input: ChainInput,
	itemIndex: number,
): Promise<ChainState> {
	const fixed = columnsDrift(chain.source.params?.columns ?? [], input.columns);
	const targetSchema = chain.target.data?.schema?.id;
	if (targetSchema !== input.schemaId)
		fixed.push({ field: 'schema', stored: targetSchema ?? null, input: input.schemaId });
	const stored = transformationsOf(chain.flow);
	const schedule = (chain.flow.scheduleParams ?? {}) as IDataObject;
	const wantedDelta = input.transformations.find((t) => t.name === 'Copy')?.params.deltaColumn as
		| { name?: string; dateFormat?: string }
		| undefined;
	const drift: DriftEntry[] = [];
	const named: Pick<ChainState, 'mappingSetName' | 'mappingSetDescription'> = {};
	if (stored.mappingId) {
		const set = await getMappingSet.call(
			this,
			ctx,
			sandboxName,
			stored.mappingId,
			stored.mappingVersion,
			itemIndex,
		);
		drift.push(...mappingsDrift(set.mappings ?? [], input.mappings));
		if (typeof set.name === 'string') named.mappingSetName = set.name;
		if (typeof set.description === 'string') named.mappingSetDescription = set.description;
	}
	drift.push(
		...flowDrift(
			{
				frequency: schedule.frequency,
				interval: schedule.interval,
				startTime: schedule.startTime,
				backfill: schedule.backfill,
				deltaColumn: stored.deltaColumn,
				deltaDateFormat: stored.deltaDateFormat,
			},
			{
				frequency: input.frequency,
				interval: input.interval,
				startTime: input.startTime,
				startTimeGiven: input.startTimeGiven,
				backfill: input.backfill,
				deltaColumn: wantedDelta?.name,
				deltaDateFormat: wantedDelta?.dateFormat,
			},
		),
	);
	// Once and scheduled flows differ in their Copy transformation: Adobe cannot switch in place.
	const onceChange = drift.find(
		(entry) =>
			entry.field === 'scheduleParams.frequency' &&
			(entry.stored === 'once' || entry.input === 'once'),
	);
	if (onceChange) {
		fixed.push(onceChange);
		return {
			mappingSetId: stored.mappingId,
			...named,
			mappingVersion: stored.mappingVersion,
			drift: drift.filter((entry) => entry !== onceChange),
			fixed,
		};
	}
	return {
		mappingSetId: stored.mappingId,
		...named,
		mappingVersion: stored.mappingVersion,
		drift,
		fixed,
	};
}

/** The error for drift that cannot be updated in place: what differs and how to rebuild the chain. */
export function fixedDriftError(
	this: RequestContext,
	chain: ExistingChain,
	fixed: DriftEntry[],
	itemIndex: number,
): Error {
	const columns = fixed.some((entry) => entry.field === 'columns');
	const schema = fixed.some((entry) => entry.field === 'schema');
	// A source connection other dataflows read cannot be deleted (Adobe's 1418-400), and need not be:
	// the re-run creates one with the table's columns now.
	const shared = chain.sourceSharedWith.map((flow) => `"${flow.name ?? ''}" (ID ${flow.id})`);
	const steps = [
		`delete dataflow ${chain.flow.id} (Dataflow › Delete)`,
		...(columns && !shared.length
			? [
					`delete source connection ${chain.source.id} (Adobe Redshift Connection › Source Connection › Delete)`,
				]
			: []),
		...(schema ? [`delete target connection ${chain.target.id} (Target Connection › Delete)`] : []),
	];
	const keep =
		columns && shared.length
			? ` Keep source connection ${chain.source.id}: ${shared.length === 1 ? 'dataflow' : 'dataflows'} ${shared.join(', ')} also ${shared.length === 1 ? 'reads' : 'read'} it; the re-run creates a source connection with the table's columns now.`
			: '';
	return safeOperationError(
		this,
		`Dataflow "${chain.flow.name ?? ''}" (ID ${chain.flow.id}) already loads this table into this dataset, with settings Adobe cannot change in place: ${describeDrift(fixed)}. Nothing was created or changed.`,
		{
			itemIndex,
			description: `To rebuild the chain with the new settings, ${steps.join(', then ')}, then run this item again.${keep}`,
		},
	);
}

/** The error of Stop With an Error: what differs, and the options that apply it or report it. */
export function driftError(
	this: RequestContext,
	chain: ExistingChain,
	drift: DriftEntry[],
	itemIndex: number,
): Error {
	return safeOperationError(
		this,
		`Dataflow "${chain.flow.name ?? ''}" (ID ${chain.flow.id}) already loads this table into this dataset with other settings: ${describeDrift(drift)}. Nothing was changed.`,
		{
			itemIndex,
			description:
				'Choose "Update It" under "If the Chain Exists With Other Settings" to apply the input, or "Report It" to output the stored chain with the differences.',
		},
	);
}

/**
 * Applies the drift: a new mapping set version if needed, then one PATCH with If-Match.
 * @returns the dataflow as Adobe now stores it
 * @throws NodeApiError (e.g. 1404-412 changed meanwhile, 1366 start time locked)
 */
export async function updateChain(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	chain: ExistingChain,
	state: ChainState,
	input: ChainInput & { mappingSetName: string },
	itemIndex: number,
): Promise<StoredFlow> {
	const fields = new Set(state.drift.map((entry) => entry.field));
	const stored = transformationsOf(chain.flow);
	const ops: PatchOperation[] = [];
	let mappingVersion = state.mappingVersion;
	let written = '';
	if (fields.has('mappings') && state.mappingSetId) {
		mappingVersion = await mappingVersionFor.call(
			this,
			ctx,
			sandboxName,
			{ ...state, mappingSetId: state.mappingSetId },
			input,
			itemIndex,
		);
		written = ` Mapping set ${state.mappingSetId} version ${mappingVersion} holds the new mappings; the dataflow does not use it yet (a re-run uses it, no other version is written).`;
		ops.push({
			op: 'replace',
			path: `/transformations/${stored.mappingIndex}`,
			value: { name: 'Mapping', params: { mappingId: state.mappingSetId, mappingVersion } },
		});
	}
	const schedule = (chain.flow.scheduleParams ?? {}) as IDataObject;
	for (const key of ['frequency', 'interval', 'startTime', 'backfill'] as const) {
		if (!fields.has(`scheduleParams.${key}`)) continue;
		// interval and backfill may be absent from the stored schedule (a `once` flow has neither).
		const absent = (key === 'interval' || key === 'backfill') && schedule[key] === undefined;
		const value = key === 'backfill' ? (input.backfill ?? true) : input[key];
		ops.push({ op: absent ? 'add' : 'replace', path: `/scheduleParams/${key}`, value });
	}
	if (
		(fields.has('deltaColumn') || fields.has('deltaColumn.dateFormat')) &&
		stored.copyIndex >= 0
	) {
		const copy = input.transformations.find((t) => t.name === 'Copy');
		ops.push({ op: 'replace', path: `/transformations/${stored.copyIndex}`, value: copy });
	}
	if (ops.length)
		await patchFlow.call(
			this,
			ctx,
			sandboxName,
			chain.flow.id,
			String(chain.flow.etag ?? ''),
			ops,
			itemIndex,
			(failure) => updateHint(failure, written),
		);
	return await flows.get.call(this, ctx, sandboxName, chain.flow.id, itemIndex);
}

/** Hint for a refused Update It PATCH in this operation's fields; undefined keeps Adobe's. */
function updateHint(failure: Failure, written: string): string | undefined {
	const code = failure.decoded.code ?? '';
	const hint =
		failure.facts.status === 412
			? 'The dataflow changed in Adobe after this item read it (stale etag), so it was not updated. Run the item again: it compares the dataflow as Adobe stores it now.'
			: /-1366-/.test(code)
				? 'The scheduled start has passed, so the start time can no longer change. Leave "Start Time" empty (the stored start is then kept and not compared), or set it to the stored start.'
				: /-1404-400$/.test(code)
					? 'The scheduled start has passed, so backfill can no longer change. Set "Backfill" as the dataflow stores it (see scheduleParams.backfill with Report It).'
					: undefined;
	return hint === undefined && written === ''
		? undefined
		: `${hint ?? failure.decoded.hint}${written}`;
}

/** The mapping set version to use: the latest if it already holds these mappings, else a new PUT. */
async function mappingVersionFor(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	state: ChainState & { mappingSetId: string },
	input: ChainInput & { mappingSetName: string },
	itemIndex: number,
): Promise<number> {
	const latest = await getMappingSet.call(
		this,
		ctx,
		sandboxName,
		state.mappingSetId,
		undefined,
		itemIndex,
	);
	if (
		latest.version > state.mappingVersion &&
		latest.outputSchema?.schemaRef?.id === input.schemaId &&
		mappingsDrift(latest.mappings ?? [], input.mappings).length === 0
	)
		return latest.version;
	return await updateMappingSet.call(
		this,
		ctx,
		sandboxName,
		state.mappingSetId,
		{
			name: state.mappingSetName ?? input.mappingSetName,
			description: state.mappingSetDescription,
			schemaId: input.schemaId,
			mappings: input.mappings,
		},
		itemIndex,
	);
}

/** The mapping set and version a stored dataflow uses. */
export function mappingOf(flow: StoredFlow): { mappingSetId?: string; mappingVersion: number } {
	const { mappingId, mappingVersion } = transformationsOf(flow);
	return { mappingSetId: mappingId, mappingVersion };
}
