import { MAPPING_SET_ID_PATTERN, getMappingSet } from '../../../shared/api/mappingSets';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { readSandbox } from '../../../shared/parameters';
import { FIELDS } from '../fields';
import { mappingSetLocator } from '../locators';
import { readPickedId } from '../parameters';
import type { ItemOperation, OperationOption } from '../../../shared/operations';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Get',
	description: 'Get a mapping set by ID',
	action: 'Get a mapping set',
};

const displayOptions = { show: { resource: ['mappingSet'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [mappingSetLocator()]);

/** One mapping set: its schema, mappings and version, as Data Prep returns it. */
export const execute: ItemOperation = async function (itemIndex, ctx) {
	const id = readPickedId.call(
		this,
		FIELDS.mappingSetId,
		itemIndex,
		MAPPING_SET_ID_PATTERN,
		'0f1e2d3c4b5a69788796a5b4c3d2e1f0',
	);
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	return {
		...(await getMappingSet.call(this, ctx, sandboxName, id, undefined, itemIndex)),
		sandboxName,
	};
};
