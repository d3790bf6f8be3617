import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { pickedOperation } from '../../../shared/node/handlers';
import { connectionGet } from './connectionGet';
import * as fields from '../../../shared/resources/baseConnection/fields';

const displayOptions = { show: { resource: ['baseConnection'], operation: ['test'] } };

export const description = updateDisplayOptions(displayOptions, [fields.connectionPicker()]);

/** Asks Adobe to sign in to Redshift with the stored values; a failed sign-in is ok: false, not an error. */
export const execute = pickedOperation(
	fields.readConnectionId,
	connectionGet('/test'),
	(answer, { id, sandboxName }) => ({
		id,
		ok: (answer as { result?: unknown } | undefined)?.result === true,
		sandboxName,
	}),
);
