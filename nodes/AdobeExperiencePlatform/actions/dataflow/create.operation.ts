import type { INodeProperties } from 'n8n-workflow';

import { crmToAepFlowSpec } from '../../../shared/resources/dataflow/flowSpecs';
import { ensureFlow } from '../../../shared/resources/dataflow/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { createOperation, ensuredOutput } from '../../../shared/node/handlers';
import { ifExistsField } from '../../../shared/flowService/ifExists';
import { descriptionField, nameField } from '../../../shared/node/commonFields';
import {
	readParameter,
	readDescription,
	readName,
	workflowTimeZone,
} from '../../../shared/node/readers';
import { anyUuidMode } from '../../../shared/node/picker';
import {
	buildCreateFlowBody,
	buildFlowTransformations,
	startTimeOutput,
} from '../../../shared/resources/dataflow/body';
import {
	DATAFLOW_FIELDS,
	checkVersion,
	readDelta,
	readSchedule,
	scheduleFields,
} from '../../../shared/resources/dataflow/fields';
import {
	mappingSetByIdWithExample,
	mappingSetPicker,
	readMappingSetId,
} from '../../../shared/resources/mappingSet/fields';
import {
	readSourceConnectionId,
	sourceConnectionPicker,
} from '../../../shared/resources/sourceConnection/fields';
import {
	readTargetConnectionId,
	targetConnectionPicker,
} from '../../../shared/resources/targetConnection/fields';

/** Dataflow › Create's If It Exists field (its label is also named in its errors). */
const IF_EXISTS = { field: 'ifExists', label: 'If a Dataflow for These Connections Exists' };

const properties: INodeProperties[] = [
	nameField(
		DATAFLOW_FIELDS.name.label,
		DATAFLOW_FIELDS.name.field,
		'Redshift orders to Orders dataset',
		'Name of the dataflow in Experience Platform',
	),
	descriptionField('dataflow'),
	sourceConnectionPicker(
		'The Redshift source connection (a table) the dataflow reads',
		anyUuidMode,
	),
	targetConnectionPicker(
		'The Data Lake target connection (a dataset) the dataflow writes to',
		anyUuidMode,
	),
	mappingSetPicker(
		"The Data Prep mapping set from the table's columns to the dataset's schema",
		mappingSetByIdWithExample,
	),
	{
		displayName: 'Mapping Version',
		name: 'mappingVersion',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		description: 'Version of the mapping set to use; a new mapping set has version 0',
	},
	...scheduleFields(),
	{
		...ifExistsField(IF_EXISTS.label, 'dataflow'),
		description:
			'What to do when a dataflow already reads this source connection into this target connection. Reuse It makes re-runs safe.',
	},
];

const displayOptions = { show: { resource: ['dataflow'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Creates a dataflow with the CRMToAEP flow spec (looked up once per run): schedule in epoch
 * seconds, Copy with the delta column for scheduled flows, none for `once`, then Mapping.
 */
export const execute = createOperation({
	ifExists: IF_EXISTS,
	readInput(itemIndex) {
		const name = readName.call(this, DATAFLOW_FIELDS.name, itemIndex);
		const description = readDescription.call(this, itemIndex) || undefined;
		const sourceConnectionId = readSourceConnectionId.call(this, itemIndex);
		const targetConnectionId = readTargetConnectionId.call(this, itemIndex);
		const mappingId = readMappingSetId.call(this, itemIndex);
		const mappingVersion = checkVersion(
			DATAFLOW_FIELDS.mappingVersion,
			readParameter.call(this, 'mappingVersion', itemIndex) ?? 0,
		);
		const scheduleParams = readSchedule.call(this, itemIndex);
		const delta = readDelta.call(this, itemIndex, scheduleParams.frequency);
		const transformations = buildFlowTransformations(
			{ frequency: scheduleParams.frequency, ...delta, mappingId, mappingVersion },
			DATAFLOW_FIELDS,
		);
		return {
			name,
			description,
			sourceConnectionId,
			targetConnectionId,
			transformations,
			scheduleParams,
			timeZone: workflowTimeZone.call(this),
		};
	},
	async ensure(ctx, sandboxName, input, ifExists, itemIndex) {
		const flowSpec = await crmToAepFlowSpec.call(this, ctx, sandboxName, itemIndex);
		const body = buildCreateFlowBody({ ...input, flowSpec });
		return await ensureFlow.call(this, ctx, sandboxName, body, ifExists, itemIndex);
	},
	// The stored start time, in the workflow's time zone with its offset, and in epoch seconds.
	output: (result, sandboxName, input) => ({
		...ensuredOutput(result, sandboxName),
		...startTimeOutput(result.value, input.timeZone),
	}),
});
