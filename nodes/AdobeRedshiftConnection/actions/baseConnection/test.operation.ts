import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { pickedOperation } from '../../../shared/node/handlers';
import { connectionLocator } from '../locators';
import { readConnectionId } from '../parameters';
import { connectionGet } from './connectionGet';

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
