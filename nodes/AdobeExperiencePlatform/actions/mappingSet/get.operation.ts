import { getMappingSet } from '../../../shared/resources/mappingSet/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { pickedOperation } from '../../../shared/node/handlers';
import { mappingSetLocator } from '../locators';
import { readMappingSetId } from '../parameters';

const displayOptions = { show: { resource: ['mappingSet'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [mappingSetLocator()]);

/** One mapping set (Data Prep's default version): its schema, mappings and version, as Data Prep returns it. */
export const execute = pickedOperation(
	readMappingSetId,
	async function (ctx, sandboxName, id, itemIndex) {
		return await getMappingSet.call(this, ctx, sandboxName, id, undefined, itemIndex);
	},
);
