import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CONNECTION_ID_PATTERN } from '../../kernel/validation';
import { anyUuidMode, pickerFor, UUID_EXAMPLE } from '../../node/picker';
import { defineFields, inCollection, readPickedId } from '../../node/readers';

export const FLOW_RUN_FIELDS = defineFields({
	runId: 'Flow Run',
	windowStart: 'Window Start',
	windowEnd: 'Window End',
	...inCollection('filters', {
		status: 'Status',
		startedAfter: 'Started After',
		startedBefore: 'Started Before',
	}),
});

/** The Flow Run picker (searchFlowRuns: the sandbox's newest runs). */
export function runPicker(
	description = 'The flow run. To chain from Get Many or Run Now, choose By ID and drag its ID field here.',
): INodeProperties {
	const { field, label } = FLOW_RUN_FIELDS.runId;
	return pickerFor('searchFlowRuns', 'run', anyUuidMode)(field, label, description);
}

/** The Flow Run picker's ID, checked to be a UUID. */
export function readRunId(this: IExecuteFunctions, itemIndex: number): string {
	return readPickedId.call(
		this,
		FLOW_RUN_FIELDS.runId,
		itemIndex,
		CONNECTION_ID_PATTERN,
		UUID_EXAMPLE,
	);
}
