import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { pickedOperation } from '../../../shared/node/handlers';
import { connectionGet } from './connectionGet';
import {
	readConnectionId,
	connectionPicker,
} from '../../../shared/resources/baseConnection/fields';

const displayOptions = { show: { resource: ['baseConnection'], operation: ['test'] } };

export const description = updateDisplayOptions(displayOptions, [connectionPicker()]);

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
