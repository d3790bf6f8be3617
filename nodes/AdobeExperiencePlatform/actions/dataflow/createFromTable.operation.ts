import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INodeProperties,
} from 'n8n-workflow';

import { getDataset, schemaIdOf } from '../../../shared/api/datasets';
import { crmToAepFlowSpec } from '../../../shared/api/flowSpecs';
import { exploreTable } from '../../../shared/api/explore';
import type { Ensured } from '../../../shared/api/ensure';
import { ensureFlow } from '../../../shared/api/flows';
import { ensureMappingSet } from '../../../shared/api/mappingSets';
import { getFullSchema } from '../../../shared/api/schemas';
import { ensureSourceConnection } from '../../../shared/api/sourceConnections';
import { ensureTargetConnection } from '../../../shared/api/targetConnections';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { baseConnectionPicker, tablePicker } from '../../../shared/locators';
import { InvalidFieldError } from '../../../shared/InvalidFieldError';
import { locatorValue, readParameter, readSandbox } from '../../../shared/parameters';
import { autoMap } from '../../../shared/pipeline/autoMapping';
import type { EnsureCall } from '../../../shared/handlers';
import { safeOperationError } from '../../../shared/nodeErrors';
import {
	chainNames,
	defaultFlowName,
	runChain,
	type DoneStep,
} from '../../../shared/pipeline/chain';
import { buildCreateFlowBody } from '../../../shared/pipeline/dataflow';
import { buildFlowTransformations } from '../../../shared/pipeline/schedule';
import { CONNECTION_ID_PATTERN, checkText } from '../../../shared/validation';
import { LIMITS } from '../fields';
import { datasetLocator } from '../locators';
import { readDatasetId, readPickedId } from '../parameters';
import {
	FLOW_FIELDS,
	readDelta,
	readSchedule,
	scheduleFields,
	timeOutput,
	withLabels,
} from './dataflow.fields';
import { workflowTimeZone } from '../../../shared/runParameters';
import type { ItemOperation } from '../../../shared/operations';

const FIELDS = {
	baseConnectionId: { field: 'connectionId', label: 'Base Connection' },
	tablePath: { field: 'tablePath', label: 'Table' },
} as const;

const properties: INodeProperties[] = [
	baseConnectionPicker(
		FIELDS.baseConnectionId.field,
		FIELDS.baseConnectionId.label,
		'The Redshift base connection (Adobe Redshift Connection node). To chain, choose By ID and drag its ID here.',
	),
	tablePicker(FIELDS.tablePath.field, FIELDS.tablePath.label),
	datasetLocator('The dataset the rows land in; its XDM schema is the mapping target'),
	{
		displayName: 'Dataflow Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'Redshift public.orders to Orders',
		description:
			'Name of the dataflow; the source connection, target connection and mapping set get it with " (source)", " (target)", " (mapping)". Empty: "Redshift (table) to dataset (dataset ID)". Keep it the same across runs so a re-run finds them.',
	},
	...scheduleFields(),
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
 * Base connection + table + dataset → source connection → target connection → mapping set
 * (auto-mapped from the table's columns to the dataset's schema) → dataflow. Every input is
 * checked first; the flow spec, dataset and schema are read before anything is created. Each
 * step reuses what an earlier run made (source: same base connection and table; target: same
 * dataset; mapping set: same name and schema; dataflow: same source and target connection), so a
 * re-run creates nothing and a failed run resumes at the failed step.
 */
export const execute: ItemOperation = async function (itemIndex, ctx) {
	const baseConnectionId = readPickedId.call(
		this,
		FIELDS.baseConnectionId,
		itemIndex,
		CONNECTION_ID_PATTERN,
		'373e88fc-43da-4e3c-be88-fc43da3e3c0f',
	);
	const tableName = checkText(
		FIELDS.tablePath,
		locatorValue(FIELDS.tablePath, readParameter.call(this, 'tablePath', itemIndex), [
			'list',
			'name',
		]),
		{ required: true, maxLength: 1024 },
	);
	const datasetId = readDatasetId.call(this, itemIndex);
	const flowName =
		checkText(FLOW_FIELDS.name, readParameter.call(this, 'name', itemIndex), {
			maxLength: LIMITS.name,
		}) || defaultFlowName(tableName, datasetId);
	const scheduleParams = readSchedule.call(this, itemIndex);
	const delta = readDelta.call(this, itemIndex, scheduleParams.frequency);
	// The Copy/Mapping rules are checked now, with a stand-in mapping ID, so a missing delta column fails before any request.
	withLabels(() =>
		buildFlowTransformations({
			frequency: scheduleParams.frequency,
			...delta,
			mappingId: '0'.repeat(32),
			mappingVersion: 0,
		}),
	);
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
			FLOW_FIELDS.deltaColumn.field,
			`"${FLOW_FIELDS.deltaColumn.label}" "${delta.deltaColumn}" is not a column of ${tableName}; its columns: ${columnNames.join(', ')}.`,
		);
	}
	const mapping = autoMap(columns, schema);
	if (!mapping.mappings.length) {
		throw safeOperationError(
			this,
			`No column of ${tableName} matches a field of the dataset's schema by name, so there is nothing to map; nothing was created.`,
			{
				itemIndex,
				description: `Unmapped columns: ${mapping.unmappedColumns.map((c) => `${c.column} (${c.reason})`).join(', ')}. Choose a dataset whose schema has fields named like the columns, or build the mapping set with Mapping Set > Create.`,
			},
		);
	}

	// Every step finds what an earlier run made (Reuse It) before it creates: a re-run resumes.
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
					const input = { name: names.sourceConnection, baseConnectionId, tableName, columns };
					const { id, reused } = await reuse(ensureSourceConnection, input);
					return { id, reused };
				},
			},
			{
				key: 'targetConnection',
				label: 'target connection',
				run: async () => {
					const input = { name: names.targetConnection, dataSetId: datasetId };
					return stepOf(await reuse(ensureTargetConnection, input));
				},
			},
			{
				key: 'mappingSet',
				label: 'mapping set',
				run: async () => {
					const input = { name: names.mappingSet, schemaId, mappings: mapping.mappings };
					const result = await reuse(ensureMappingSet, input);
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
	const ids = idsOf(done);
	const reusedAll = done.every((step) => step.reused);
	return {
		id: ids.dataflowId,
		dataflowId: ids.dataflowId,
		sourceConnectionId: ids.sourceConnectionId,
		targetConnectionId: ids.targetConnectionId,
		mappingSetId: ids.mappingSetId,
		mappingVersion,
		baseConnectionId,
		tableName,
		datasetId,
		schemaId,
		flowSpecId: flowSpec.id,
		name: flowName,
		scheduleParams: scheduleParams as unknown as IDataObject,
		...timeOutput('startTime', scheduleParams.startTime, workflowTimeZone.call(this)),
		steps: done.map((step) => ({ step: step.key, id: step.id, reused: step.reused })),
		reused: reusedAll,
		created: done.filter((step) => !step.reused).map((step) => step.key),
		autoMapping: {
			matched: mapping.matched,
			unmappedColumns: mapping.unmappedColumns,
			typeMismatches: mapping.typeMismatches,
			suggestions: mapping.suggestions,
			ambiguous: mapping.ambiguous,
		} as unknown as IDataObject,
		sandboxName,
	};
};
