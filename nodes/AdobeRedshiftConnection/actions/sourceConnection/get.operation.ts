import type { IDataObject } from 'n8n-workflow';

import { getSourceConnection } from '../../../shared/api/sourceConnections';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { FIELDS } from '../../helpers/fields';
import { sourceConnectionLocator } from '../locators';
import { checkSourceConnectionLocator, readParameter, readSandbox } from '../parameters';
import type { ItemOperation, OperationOption } from '../../../shared/operations';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Get',
	description: 'Get a source connection by ID',
	action: 'Get a source connection',
};

const displayOptions = { show: { resource: ['sourceConnection'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [sourceConnectionLocator]);

/** The source connection as Adobe returns it (base connection ID, table, columns, etag…), plus `sandboxName`. */
export const execute: ItemOperation = async function (itemIndex, ctx) {
	const id = checkSourceConnectionLocator(
		readParameter.call(this, FIELDS.sourceConnectionId.field, itemIndex),
	);
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	const found = await getSourceConnection.call(this, ctx, sandboxName, id, itemIndex);
	return { ...(found as IDataObject), sandboxName };
};
