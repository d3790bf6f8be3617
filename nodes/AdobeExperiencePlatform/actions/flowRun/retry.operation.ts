import { retryRun } from '../../../shared/resources/flowRun/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { pickedOperation } from '../../../shared/node/handlers';
import { readRunId, runPicker } from '../../../shared/resources/flowRun/fields';

const displayOptions = { show: { resource: ['flowRun'], operation: ['retry'] } };

export const description = updateDisplayOptions(displayOptions, [
	runPicker('The failed run to retry. Only failed runs of enabled dataflows can be retried.'),
]);

/**
 * Retries a failed run (`op=re-trigger`): `{id: the new run, etag, retryOf, sandboxName}`.
 * Adobe refuses runs that did not fail (1387) and disabled dataflows (1388).
 */
export const execute = pickedOperation(readRunId, retryRun, (started, { id, sandboxName }) => ({
	...started,
	retryOf: id,
	sandboxName,
}));
