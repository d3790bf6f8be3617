import { updateDisplayOptions } from '../../../shared/displayOptions';
import { pickedOperation } from '../../../shared/handlers';
import type { OperationOption } from '../../../shared/operations';
import { connectionLocator } from '../locators';
import { readConnectionId } from '../parameters';
import { connectionGet } from './connectionGet';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Test',
	description: 'Check that Adobe can sign in to Redshift with the connection',
	action: 'Test a base connection',
};

const displayOptions = { show: { resource: ['baseConnection'], operation: ['test'] } };

export const description = updateDisplayOptions(displayOptions, [connectionLocator]);

/** Asks Adobe to sign in to Redshift with the stored values; a failed sign-in is ok: false, not an error. */
export const execute = pickedOperation(
	readConnectionId,
	connectionGet('/test'),
	(answer, { id, sandboxName }) => ({
		id,
		ok: (answer as { result?: unknown } | undefined)?.result === true,
		sandboxName,
	}),
);
