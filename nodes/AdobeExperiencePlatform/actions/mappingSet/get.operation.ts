import { getMappingSet } from '../../../shared/resources/mappingSet/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { pickedOperation } from '../../../shared/node/handlers';
import { mappingSetPicker, readMappingSetId } from '../../../shared/resources/mappingSet/fields';

const displayOptions = { show: { resource: ['mappingSet'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [mappingSetPicker()]);

/** One mapping set (Data Prep's default version): its schema, mappings and version, as Data Prep returns it. */
export const execute = pickedOperation(
	readMappingSetId,
	async function (ctx, sandboxName, id, itemIndex) {
		return await getMappingSet.call(this, ctx, sandboxName, id, undefined, itemIndex);
	},
);
