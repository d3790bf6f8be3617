import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { ensureMappingSet } from '../../../shared/api/mappingSets';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { nameField } from '../../../shared/fields';
import { checkIfExists, ifExistsField } from '../../../shared/ifExists';
import { readParameter, readSandbox } from '../../../shared/parameters';
import { FIELDS } from '../fields';
import { readName } from '../parameters';
import { mappingInputFields, planFromInput, planOutput, readMappingInput } from './mappingInput';
import type { ItemOperation, OperationOption } from '../../../shared/operations';

const IF_EXISTS_LABEL = 'If a Mapping Set With This Name Exists';

const properties: INodeProperties[] = [
	nameField(
		FIELDS.mappingSetName.label,
		FIELDS.mappingSetName.field,
		'Redshift orders mapping',
		'Name of the mapping set in Data Prep',
	),
	...mappingInputFields(),
	ifExistsField(IF_EXISTS_LABEL, 'mapping set'),
];

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Create',
	description:
		"Create a Data Prep mapping set, auto-mapped to the dataset's schema and validated first",
	action: 'Create a mapping set',
};

const displayOptions = { show: { resource: ['mappingSet'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * A mapping set from auto-mapping (columns to same-named leaf fields of the dataset's schema,
 * pairs overriding), validated by Data Prep before it is created (see ensureMappingSet). The
 * output lists every unmapped column and every type mismatch.
 */
export const execute: ItemOperation = async function (itemIndex, ctx) {
	const name = readName.call(this, FIELDS.mappingSetName, itemIndex);
	const input = readMappingInput.call(this, itemIndex);
	const ifExists = checkIfExists(IF_EXISTS_LABEL, readParameter.call(this, 'ifExists', itemIndex));
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	const plan = await planFromInput.call(this, ctx, sandboxName, input, itemIndex);
	const { value, reused, validation } = await ensureMappingSet.call(
		this,
		ctx,
		sandboxName,
		{ name, schemaId: plan.schemaId, mappings: plan.mappings },
		ifExists,
		itemIndex,
	);
	return {
		id: value.id,
		version: value.version,
		name: value.name ?? name,
		...planOutput(plan),
		...(validation ? { validation: validation.results as unknown as IDataObject[] } : {}),
		reused,
		sandboxName,
	};
};
