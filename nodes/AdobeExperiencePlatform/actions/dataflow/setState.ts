/** Enable and Disable: the same action with another `op`. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { setFlowState } from '../../../shared/api/flows';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { readSandbox } from '../../../shared/parameters';
import type { PlatformContext } from '../../../shared/transport';
import { FLOW_FIELDS, dataflowPicker, readUuidPicker } from './dataflow.fields';

export function stateOperation(op: 'enable' | 'disable'): {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, ctx: PlatformContext): Promise<IDataObject>;
} {
	return {
		description: updateDisplayOptions({ show: { resource: ['dataflow'], operation: [op] } }, [
			dataflowPicker(),
		]),
		/** `{id, etag?, state, changed, sandboxName}`; `changed: false` when the dataflow already was in that state. */
		async execute(
			this: IExecuteFunctions,
			itemIndex: number,
			ctx: PlatformContext,
		): Promise<IDataObject> {
			const id = readUuidPicker.call(this, FLOW_FIELDS.flowId, itemIndex);
			const sandboxName = readSandbox.call(this, itemIndex, ctx);
			return {
				...(await setFlowState.call(this, ctx, sandboxName, id, op, itemIndex)),
				sandboxName,
			};
		},
	};
}
