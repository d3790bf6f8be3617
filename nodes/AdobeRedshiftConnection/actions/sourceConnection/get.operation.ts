import { getSourceConnection } from '../../../shared/api/sourceConnections';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { pickedOperation } from '../../../shared/handlers';
import type { OperationOption } from '../../../shared/operations';
import { sourceConnectionLocator } from '../locators';
import { readSourceConnectionId } from '../parameters';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Get',
	description: 'Get a source connection by ID',
	action: 'Get a source connection',
};

const displayOptions = { show: { resource: ['sourceConnection'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [sourceConnectionLocator]);

/** The source connection as Adobe returns it (base connection ID, table, columns, etag…), plus `sandboxName`. */
export const execute = pickedOperation(readSourceConnectionId, getSourceConnection);
