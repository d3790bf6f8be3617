import { deleteSourceConnection } from '../../../shared/api/sourceConnections';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { FIELDS } from '../../helpers/fields';
import { sourceConnectionLocator } from '../locators';
import { checkSourceConnectionLocator, readParameter, readSandbox } from '../parameters';
import type { ItemOperation, OperationOption } from '../../../shared/operations';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Delete',
	description: 'Delete a source connection',
	action: 'Delete a source connection',
};

const displayOptions = { show: { resource: ['sourceConnection'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, [sourceConnectionLocator]);

/**
 * `{id, deleted, alreadyAbsent, sandboxName}`: a source connection that is already gone is not an
 * error (`alreadyAbsent: true`); one a dataflow uses fails naming that dataflow.
 */
export const execute: ItemOperation = async function (itemIndex, ctx) {
	const id = checkSourceConnectionLocator(
		readParameter.call(this, FIELDS.sourceConnectionId.field, itemIndex),
	);
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	const { deleted, alreadyAbsent } = await deleteSourceConnection.call(
		this,
		ctx,
		sandboxName,
		id,
		itemIndex,
	);
	return { id, deleted, alreadyAbsent, sandboxName };
};
