import { getConnection } from '../../../shared/api/connections';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { pickedOperation } from '../../../shared/handlers';
import type { OperationOption } from '../../../shared/operations';
import { publicConnection } from '../../helpers/output';
import { connectionLocator } from '../locators';
import { readConnectionId } from '../parameters';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Get',
	description: 'Get a base connection by ID (without secrets)',
	action: 'Get a base connection',
};

const displayOptions = { show: { resource: ['baseConnection'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [connectionLocator]);

/** The connection as Adobe returns it, without the password, plus `hosting` and `sandboxName` (see publicConnection). */
export const execute = pickedOperation(readConnectionId, getConnection, (connection, picked) =>
	publicConnection(connection, picked.sandboxName),
);
