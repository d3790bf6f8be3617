import type { IDataObject } from 'n8n-workflow';

import { validateMappings } from '../../../shared/resources/mappingSet/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { readSandbox } from '../../../shared/node/readers';
import type { ItemOperation } from '../../../shared/node/operations';
import {
	mappingInputFields,
	planFromInput,
	planOutput,
	readMappingInput,
} from '../../../shared/resources/mappingSet/fields';

const displayOptions = { show: { resource: ['mappingSet'], operation: ['validate'] } };

export const description = updateDisplayOptions(displayOptions, mappingInputFields());

/** The mapping Create would make, checked by Data Prep (`/mappingSets/validate`); nothing is created. */
export const execute: ItemOperation = async function (itemIndex, ctx) {
	const input = readMappingInput.call(this, itemIndex);
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	const plan = await planFromInput.call(this, ctx, sandboxName, input, itemIndex);
	const validation = await validateMappings.call(
		this,
		ctx,
		sandboxName,
		plan.schemaId,
		plan.mappings,
		itemIndex,
	);
	return {
		valid: validation.valid,
		...planOutput(plan),
		validation: validation.results as unknown as IDataObject[],
		sandboxName,
	};
};
