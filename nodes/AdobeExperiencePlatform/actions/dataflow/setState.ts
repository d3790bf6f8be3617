/** Enable and Disable: the same action with another `op`. */
import { setFlowState } from '../../../shared/resources/dataflow/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { pickedOperation } from '../../../shared/node/handlers';
import type { OperationModule } from '../../../shared/node/router';
import { dataflowPicker, readFlowId } from '../../../shared/resources/dataflow/fields';

/** Enable or Disable: `{id, etag?, state, changed, sandboxName}`; `changed: false` when already in that state. */
export function stateOperation(op: 'enable' | 'disable'): OperationModule {
	const displayOptions = { show: { resource: ['dataflow'], operation: [op] } };
	return {
		description: updateDisplayOptions(displayOptions, [dataflowPicker()]),
		execute: pickedOperation(readFlowId, async function (ctx, sandboxName, id, itemIndex) {
			return await setFlowState.call(this, ctx, sandboxName, id, op, itemIndex);
		}),
	};
}
