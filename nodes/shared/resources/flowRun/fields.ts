import type { INodeProperties } from 'n8n-workflow';

import { CONNECTION_ID_PATTERN } from '../../kernel/validation';
import { anyUuidMode, pickerOf, UUID_EXAMPLE } from '../../node/picker';
import { defineFields, inCollection, pickedIdReader } from '../../node/readers';

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
	return pickerOf(FLOW_RUN_FIELDS.runId, 'searchFlowRuns', 'run', anyUuidMode, description);
}

/** The Flow Run picker's ID, checked to be a UUID. */
export const readRunId = pickedIdReader(FLOW_RUN_FIELDS.runId, CONNECTION_ID_PATTERN, UUID_EXAMPLE);
