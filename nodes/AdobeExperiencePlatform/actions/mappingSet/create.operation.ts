import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { ensureMappingSet } from '../../../shared/api/mappingSets';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { nameField } from '../../../shared/fields';
import { createOperation } from '../../../shared/handlers';
import { ifExistsField } from '../../../shared/ifExists';
import { FIELDS } from '../fields';
import { readName } from '../parameters';
import { mappingInputFields, planFromInput, planOutput, readMappingInput } from './mappingInput';

const IF_EXISTS = { field: 'ifExists', label: 'If a Mapping Set With This Name Exists' };

const properties: INodeProperties[] = [
	nameField(
		FIELDS.mappingSetName.label,
		FIELDS.mappingSetName.field,
		'Redshift orders mapping',
		'Name of the mapping set in Data Prep',
	),
	...mappingInputFields(),
	ifExistsField(IF_EXISTS.label, 'mapping set'),
];

const displayOptions = { show: { resource: ['mappingSet'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * A mapping set from auto-mapping (columns to same-named leaf fields of the dataset's schema,
 * pairs overriding), validated by Data Prep before it is created (see ensureMappingSet). The
 * output lists every unmapped column and every type mismatch.
 */
export const execute = createOperation({
	ifExists: IF_EXISTS,
	readInput(itemIndex) {
		const name = readName.call(this, FIELDS.mappingSetName, itemIndex);
		return { name, mapping: readMappingInput.call(this, itemIndex) };
	},
	async ensure(ctx, sandboxName, { name, mapping }, ifExists, itemIndex) {
		const plan = await planFromInput.call(this, ctx, sandboxName, mapping, itemIndex);
		const input = { name, schemaId: plan.schemaId, mappings: plan.mappings };
		const ensured = await ensureMappingSet.call(this, ctx, sandboxName, input, ifExists, itemIndex);
		return { ...ensured, plan };
	},
	output: ({ value, reused, validation, plan }, sandboxName, { name }) => ({
		id: value.id,
		version: value.version,
		name: value.name ?? name,
		...planOutput(plan),
		...(validation ? { validation: validation.results as unknown as IDataObject[] } : {}),
		reused,
		sandboxName,
	}),
});
