import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getSourceConnection } from '../../../shared/api/sourceConnections';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import type { PlatformContext } from '../../../shared/transport';
import { FIELDS } from '../../helpers/fields';
import { sourceConnectionLocator } from '../locators';
import { checkSourceConnectionLocator, readParameter, readSandbox } from '../parameters';
import type { OperationOption } from '../../../shared/operations';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Get',
	description: 'Get a source connection by ID',
	action: 'Get a source connection',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['sourceConnection'], operation: ['get'] } },
	[sourceConnectionLocator],
);

/** The source connection as Adobe returns it (base connection ID, table, columns, etag…), plus `sandboxName`. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: PlatformContext,
): Promise<IDataObject> {
	const id = checkSourceConnectionLocator(
		readParameter.call(this, FIELDS.sourceConnectionId.field, itemIndex),
	);
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	const found = await getSourceConnection.call(this, ctx, sandboxName, id, itemIndex);
	return { ...(found as IDataObject), sandboxName };
}
