import type { IDataObject } from 'n8n-workflow';

import { ensureMappingSet } from '../../../shared/resources/mappingSet/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { namedCreate } from '../namedCreate';
import {
	mappingInputFields,
	planFromInput,
	planOutput,
	readMappingInput,
	MAPPING_SET_FIELDS,
} from '../../../shared/resources/mappingSet/fields';

const mappingSet = namedCreate({
	thing: 'mapping set',
	name: MAPPING_SET_FIELDS.mappingSetName,
	placeholder: 'Redshift orders mapping',
	nameHelp: 'Name of the mapping set in Data Prep',
	description: false,
});

const properties = mappingSet.fields(mappingInputFields());

const displayOptions = { show: { resource: ['mappingSet'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** A mapping set from auto-mapping, validated by Data Prep before create; the output lists unmapped columns and type mismatches. */
export const execute = mappingSet.operation({
	readInput(itemIndex) {
		return { mapping: readMappingInput.call(this, itemIndex) };
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
