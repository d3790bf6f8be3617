/** Enable and Disable: the same action with another `op`. */
import { setFlowState } from '../../../shared/api/flows';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { readSandbox } from '../../../shared/parameters';
import type { OperationModule } from '../../../shared/router';
import { FLOW_FIELDS, dataflowPicker, readUuidPicker } from './dataflow.fields';

export function stateOperation(op: 'enable' | 'disable'): OperationModule {
	const displayOptions = { show: { resource: ['dataflow'], operation: [op] } };
	return {
		description: updateDisplayOptions(displayOptions, [dataflowPicker()]),
		/** `{id, etag?, state, changed, sandboxName}`; `changed: false` when the dataflow already was in that state. */
		async execute(itemIndex, ctx) {
			const id = readUuidPicker.call(this, FLOW_FIELDS.flowId, itemIndex);
			const sandboxName = readSandbox.call(this, itemIndex, ctx);
			return {
				...(await setFlowState.call(this, ctx, sandboxName, id, op, itemIndex)),
				sandboxName,
			};
		},
	};
}
