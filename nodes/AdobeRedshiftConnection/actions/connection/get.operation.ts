import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PlatformContext } from '../../../shared/transport';
import { publicConnection } from '../../helpers/output';
import { getConnection } from '../../transport/flowService';
import type { Shown } from '../common.fields';
import { connectionLocator } from '../locators';
import { readConnectionTarget } from '../parameters';

const where: Shown = { resource: ['baseConnection'], operation: ['get'] };

export const description: INodeProperties[] = [connectionLocator(where)];

export async function execute(this: IExecuteFunctions, itemIndex: number, ctx: PlatformContext): Promise<IDataObject> {
	const { id, sandboxName } = readConnectionTarget.call(this, itemIndex, ctx);
	const connection = await getConnection.call(this, ctx, sandboxName, id, itemIndex);
	return publicConnection(connection, sandboxName);
}
