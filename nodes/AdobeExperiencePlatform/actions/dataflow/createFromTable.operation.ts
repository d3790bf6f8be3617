import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { getDataset, schemaIdOf } from '../../../shared/resources/dataset/api';
import { crmToAepFlowSpec } from '../../../shared/resources/dataflow/flowSpecs';
import {
	exploreTable,
	ensureSourceConnection,
} from '../../../shared/resources/sourceConnection/api';
import { type Ensured, oncePerKey } from '../../../shared/flowService/createOnce';
import { ensureFlow, flows, type StoredFlow } from '../../../shared/resources/dataflow/api';
import { ensureMappingSet } from '../../../shared/resources/mappingSet/api';
import { getFullSchema } from '../../../shared/resources/schema/api';
import { ensureTargetConnection } from '../../../shared/resources/targetConnection/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { InvalidFieldError, checkText } from '../../../shared/kernel/validation';
import { readParameter, readSandbox, LIMITS, workflowTimeZone } from '../../../shared/node/readers';
import { autoMap } from '../../../shared/resources/mappingSet/body';
import type { EnsureCall } from '../../../shared/node/handlers';
import { safeOperationError } from '../../../shared/kernel/nodeErrors';
import {
	chainNames,
	defaultFlowName,
	runChain,
	type DoneStep,
} from '../../../shared/resources/dataflow/chain';
import {
	buildCreateFlowBody,
	buildFlowTransformations,
	timeOutput,
} from '../../../shared/resources/dataflow/body';
import type { ItemOperation } from '../../../shared/node/operations';
import {
	compareChain,
	driftError,
	findChain,
	fixedDriftError,
	mappingOf,
	updateChain,
	type IfDrift,
} from './existingChain';
import {
	DATAFLOW_FIELDS,
	readDelta,
	readSchedule,
	scheduleFields,
} from '../../../shared/resources/dataflow/fields';
import {
	DATASET_ID_EXAMPLE,
	datasetPicker,
	readDatasetId,
} from '../../../shared/resources/dataset/fields';
import {
	connectionPicker,
	readConnectionId,
} from '../../../shared/resources/baseConnection/fields';
import { readTablePath, tablePicker } from '../../../shared/resources/sourceConnection/fields';

const IF_DRIFT = { field: 'ifDrift', label: 'If the Chain Exists With Other Settings' } as const;
const IF_DRIFT_VALUES: Record<string, IfDrift> = {
	'Report It': 'report',
	'Update It': 'update',
	'Stop With an Error': 'error',
};

/** The checked If the Chain Exists With Other Settings value; absent (an older node) means Report It. */
function readIfDrift(this: IExecuteFunctions, itemIndex: number): IfDrift {
	const value = readParameter.call(this, IF_DRIFT.field, itemIndex);
	if (value === undefined || value === '') return 'report';
	if (Object.values(IF_DRIFT_VALUES).includes(value as IfDrift)) return value as IfDrift;
	throw new InvalidFieldError(
		IF_DRIFT.field,
		`"${IF_DRIFT.label}" must be one of ${Object.keys(IF_DRIFT_VALUES).join(', ')} (got ${JSON.stringify(value)}).`,
	);
}

const properties: INodeProperties[] = [
	connectionPicker(
		'The Redshift base connection (Adobe Redshift Connection node). To chain, choose By ID and drag its ID here.',
		DATAFLOW_FIELDS.baseConnectionId,
	),
	tablePicker,
	datasetPicker('The dataset the rows land in; its XDM schema is the mapping target'),
	{
		displayName: 'Dataflow Name',
		name: 'name',
		type: 'string',
		default: '',
		// The name used when the field is empty, for the Table and Dataset examples.
		placeholder: `e.g. ${defaultFlowName('public.orders', DATASET_ID_EXAMPLE)}`,
		description:
			'Name of the dataflow; the source connection, target connection and mapping set get it with " (source)", " (target)", " (mapping)". Empty: "Redshift (table) to dataset (dataset ID)". Keep it the same across runs so a re-run finds them.',
	},
	...scheduleFields(),
	{
		displayName: 'If the Chain Exists With Other Settings',
		name: 'ifDrift',
		type: 'options',
		options: [
			{
				name: 'Report It',
				value: 'report',
				description:
					'Change nothing; output what Adobe stores, with a drift list of each difference (field, stored, input)',
			},
			{
				name: 'Stop With an Error',
				value: 'error',
				description: 'Fail the item, naming each difference; nothing is changed',
			},
			{
				name: 'Update It',
				value: 'update',
				description:
					'Write a new mapping set version and update the dataflow (schedule, delta column, mapping version), then output what Adobe stores',
			},
		],
		default: 'report',
		description:
			"What to do when a dataflow already loads this table into this dataset but its mappings, schedule or delta column differ from these. Changed columns or a changed schema can't be updated in place: the item fails saying what to delete.",
	},
];

const displayOptions = { show: { resource: ['dataflow'], operation: ['createFromTable'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Adds what already exists to a step's error, so the user knows a re-run resumes. */
function annotate(error: unknown, note: string): unknown {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.description = error.description ? `${error.description}\n${note}` : note;
	}
	return error;
}

function idsOf(done: ReadonlyArray<DoneStep<string>>): IDataObject {
	return Object.fromEntries(done.map((step) => [`${step.key}Id`, step.id]));
}

/**
 * The output of Create From Table: the dataflow as Adobe stores it (schedule, transformations, the
 * mapping set version it uses), the IDs of every step, what was reused or created, and `extra`.
 */
function chainOutput(
	flow: StoredFlow,
	done: ReadonlyArray<DoneStep<string>>,
	common: IDataObject & { timeZone: string },
	extra: IDataObject = {},
): IDataObject {
	const ids = idsOf(done);
	const stored = mappingOf(flow);
	const startTime = Number((flow.scheduleParams as IDataObject | undefined)?.startTime);
	return {
		id: flow.id,
		dataflowId: flow.id,
		sourceConnectionId: ids.sourceConnectionId,
		targetConnectionId: ids.targetConnectionId,
		mappingSetId: stored.mappingSetId ?? ids.mappingSetId,
		mappingVersion: stored.mappingVersion,
		...common,
		name: flow.name ?? common.name,
		// enabled or disabled: a reused chain whose dataflow was disabled ingests nothing.
		state: flow.state,
		scheduleParams: flow.scheduleParams as IDataObject,
		// The stored start time, in the workflow's time zone and as the epoch seconds Adobe keeps.
		...(Number.isFinite(startTime) ? timeOutput('startTime', startTime, common.timeZone) : {}),
		transformations: flow.transformations as IDataObject[],
		steps: done.map((step) => ({ step: step.key, id: step.id, reused: step.reused })),
		reused: done.every((step) => step.reused),
		created: done.filter((step) => !step.reused).map((step) => step.key),
		...extra,
	};
}

/**
 * Base connection + table + dataset → source connection → target connection → mapping set → dataflow.
 * Nothing is created until inputs pass; an existing chain follows If Drift; each step reuses what an
 * earlier run made, so a failed run resumes.
 */
export const execute: ItemOperation = async function (itemIndex, ctx) {
	const baseConnectionId = readConnectionId.call(this, itemIndex, DATAFLOW_FIELDS.baseConnectionId);
	const tableName = readTablePath.call(this, itemIndex);
	const datasetId = readDatasetId.call(this, itemIndex);
	const flowName =
		checkText(DATAFLOW_FIELDS.name, readParameter.call(this, 'name', itemIndex), {
			maxLength: LIMITS.name,
		}) || defaultFlowName(tableName, datasetId);
	const scheduleParams = readSchedule.call(this, itemIndex);
	const delta = readDelta.call(this, itemIndex, scheduleParams.frequency);
	// The Copy/Mapping rules are checked now, with a stand-in mapping ID, so a missing delta column fails before any request.
	const plannedTransformations = buildFlowTransformations(
		{ frequency: scheduleParams.frequency, ...delta, mappingId: '0'.repeat(32), mappingVersion: 0 },
		DATAFLOW_FIELDS,
	);
	const startTimeGiven = !['', undefined, null].includes(
		readParameter.call(this, 'startTime', itemIndex) as string,
	);
	const ifDrift = readIfDrift.call(this, itemIndex);
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	const names = chainNames(flowName);

	// Read-only look-ups first (flow spec, dataset, schema, the table's columns): a wrong dataset,
	// table or delta column, or a table with nothing to map, fails before anything is created.
	const flowSpec = await crmToAepFlowSpec.call(this, ctx, sandboxName, itemIndex);
	const dataset = await getDataset.call(this, ctx, sandboxName, datasetId, itemIndex);
	const schemaId = schemaIdOf.call(this, dataset, itemIndex);
	const schema = await getFullSchema.call(this, ctx, sandboxName, schemaId, itemIndex);

	const { columns } = await exploreTable.call(
		this,
		ctx,
		sandboxName,
		baseConnectionId,
		tableName,
		itemIndex,
	);
	const columnNames = columns.map((column) => column.name);
	if (delta.deltaColumn && !columnNames.includes(delta.deltaColumn)) {
		throw new InvalidFieldError(
			DATAFLOW_FIELDS.deltaColumn.field,
			`"${DATAFLOW_FIELDS.deltaColumn.label}" "${delta.deltaColumn}" is not a column of ${tableName}; its columns: ${columnNames.join(', ')}.`,
		);
	}
	const mapping = autoMap(columns, schema);
	if (!mapping.mappings.length) {
		// Same-named fields may exist but only as suggestions; this operation has no pairs to map them.
		const suggested = mapping.suggestions.map((s) => `${s.column} -> ${s.destination}`);
		throw safeOperationError(
			this,
			`No column of ${tableName} can be mapped by name to the dataset's schema, so there is nothing to map; nothing was created.`,
			{
				itemIndex,
				description: `Unmapped columns: ${mapping.unmappedColumns.map((c) => `${c.column} (${c.reason})`).join(', ')}.${suggested.length ? ` Suggested: ${suggested.join(', ')}; map them with the Mapping Pairs of Mapping Set › Create, then Dataflow › Create.` : ''} Or choose a dataset whose schema has tenant or root-level fields named like the columns.`,
			},
		);
	}

	const chainInput = {
		columns,
		schemaId,
		mappings: mapping.mappings,
		frequency: scheduleParams.frequency,
		interval: scheduleParams.interval,
		startTime: scheduleParams.startTime,
		startTimeGiven,
		backfill: scheduleParams.backfill,
		transformations: plannedTransformations,
	};
	const common = {
		baseConnectionId,
		tableName,
		datasetId,
		schemaId,
		flowSpecId: flowSpec.id,
		name: flowName,
		timeZone: workflowTimeZone.call(this),
		autoMapping: {
			matched: mapping.matched,
			unmappedColumns: mapping.unmappedColumns,
			typeMismatches: mapping.typeMismatches,
			suggestions: mapping.suggestions,
			ambiguous: mapping.ambiguous,
		} as unknown as IDataObject,
		sandboxName,
	};

	// One chain per (sandbox, base connection, table, dataset) in this process: concurrent items and
	// executions of the same table wait here; across processes each create settles its race (ensure.ts).
	return await oncePerKey(
		['chain', sandboxName, baseConnectionId, tableName, datasetId],
		async () => {
			const key = { baseConnectionId, tableName, datasetId, flowName };
			const existing = await findChain.call(this, ctx, sandboxName, key, itemIndex);
			if (existing) {
				const state = await compareChain.call(
					this,
					ctx,
					sandboxName,
					existing,
					chainInput,
					itemIndex,
				);
				if (state.fixed.length) throw fixedDriftError.call(this, existing, state.fixed, itemIndex);
				if (state.drift.length && ifDrift === 'error')
					throw driftError.call(this, existing, state.drift, itemIndex);
				let flow = existing.flow;
				const updating = state.drift.length > 0 && ifDrift === 'update';
				if (updating) {
					flow = await updateChain.call(
						this,
						ctx,
						sandboxName,
						existing,
						state,
						{ ...chainInput, mappingSetName: names.mappingSet },
						itemIndex,
					);
				}
				const steps: Array<DoneStep<string>> = [
					{ key: 'sourceConnection', label: '', id: existing.source.id, reused: true },
					{ key: 'targetConnection', label: '', id: existing.target.id, reused: true },
					{ key: 'mappingSet', label: '', id: state.mappingSetId ?? '', reused: true },
					{ key: 'dataflow', label: '', id: flow.id, reused: true },
				];
				return chainOutput(
					flow,
					steps,
					common,
					updating ? { updated: state.drift } : { drift: state.drift },
				);
			}

			// No chain yet: every step finds what an earlier run made, by reference, before it creates.
			const reuse = <I, R>(ensure: EnsureCall<I, R>, input: I) =>
				ensure.call(this, ctx, sandboxName, input, 'reuse', itemIndex);
			const stepOf = ({ value, reused }: Ensured<{ id: string }>) => ({ id: value.id, reused });
			let mappingVersion = 0;
			const done = await runChain(
				[
					{
						key: 'sourceConnection',
						label: 'source connection',
						run: async () => {
							const { id, reused } = await reuse(ensureSourceConnection, {
								name: names.sourceConnection,
								baseConnectionId,
								tableName,
								columns,
								byReference: true,
							});
							return { id, reused };
						},
					},
					{
						key: 'targetConnection',
						label: 'target connection',
						run: async () => {
							const input = { name: names.targetConnection, dataSetId: datasetId, byDataset: true };
							return stepOf(await reuse(ensureTargetConnection, input));
						},
					},
					{
						key: 'mappingSet',
						label: 'mapping set',
						run: async () => {
							const result = await reuse(ensureMappingSet, {
								name: names.mappingSet,
								schemaId,
								mappings: mapping.mappings,
								byReference: true,
							});
							mappingVersion = typeof result.value.version === 'number' ? result.value.version : 0;
							return stepOf(result);
						},
					},
					{
						key: 'dataflow',
						label: 'dataflow',
						run: async (previous) => {
							const ids = idsOf(previous);
							const transformations = buildFlowTransformations({
								frequency: scheduleParams.frequency,
								...delta,
								columns: columnNames,
								mappingId: ids.mappingSetId as string,
								mappingVersion,
							});
							const body = buildCreateFlowBody({
								name: names.dataflow,
								flowSpec,
								sourceConnectionId: ids.sourceConnectionId as string,
								targetConnectionId: ids.targetConnectionId as string,
								transformations,
								scheduleParams,
							});
							return stepOf(await reuse(ensureFlow, body));
						},
					},
				],
				annotate,
			);
			// The output shows the dataflow as Adobe stores it (a reused one keeps its own schedule).
			const flowId = idsOf(done).dataflowId as string;
			const flow = await flows.get.call(this, ctx, sandboxName, flowId, itemIndex);
			return chainOutput(flow, done, common);
		},
	);
};
