import { retryRun } from '../../../shared/api/runs';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { readSandbox } from '../../../shared/parameters';
import { FLOW_FIELDS, readUuidPicker, runPicker } from '../dataflow/dataflow.fields';
import type { ItemOperation, OperationOption } from '../../../shared/operations';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Retry',
	description: 'Retry a failed run',
	action: 'Retry a flow run',
};

const displayOptions = { show: { resource: ['flowRun'], operation: ['retry'] } };

export const description = updateDisplayOptions(displayOptions, [
	runPicker('The failed run to retry. Only failed runs of enabled dataflows can be retried.'),
]);

/**
 * Retries a failed run (`op=re-trigger`): `{id: the new run, etag, retryOf, sandboxName}`.
 * Adobe refuses runs that did not fail (1387) and disabled dataflows (1388).
 */
export const execute: ItemOperation = async function (itemIndex, ctx) {
	const runId = readUuidPicker.call(this, FLOW_FIELDS.runId, itemIndex);
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	const started = await retryRun.call(this, ctx, sandboxName, runId, itemIndex);
	return { ...started, retryOf: runId, sandboxName };
};
