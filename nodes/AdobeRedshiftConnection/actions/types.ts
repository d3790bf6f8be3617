import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PlatformContext } from '../../shared/transport';

/** One operation: its fields and what it does for one input item. */
export interface OperationModule {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, ctx: PlatformContext): Promise<IDataObject | IDataObject[]>;
}
