import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { platformRequest, type PlatformContext } from '../../../shared/transport';
import { checkTablePath } from '../../helpers/validation';
import { connectionPath } from '../../transport/flowService';
import { connectionIdField, type Shown } from '../common.fields';
import { readConnectionTarget, readParameter } from '../parameters';

const where: Shown = { resource: ['baseConnection'], operation: ['getTableSchema'] };

export const description: INodeProperties[] = [
	connectionIdField(where),
	{
		displayName: 'Table',
		name: 'tablePath',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'public.orders',
		description: 'Path of the table as List Tables returns it (its "path" output)',
		displayOptions: { show: where },
	},
];

/** The column list comes out as Adobe gives it: usable as a source connection's params.columns. */
export async function execute(this: IExecuteFunctions, itemIndex: number, ctx: PlatformContext): Promise<IDataObject> {
	const { id, sandboxName } = readConnectionTarget.call(this, itemIndex, ctx);
	const table = checkTablePath(readParameter.call(this, 'tablePath', itemIndex));
	const answer = (await platformRequest.call(
		this,
		ctx,
		{ method: 'GET', path: connectionPath(id, '/explore'), qs: { objectType: 'table', object: table }, sandboxName },
		itemIndex,
	)) as { format?: string; schema?: { columns?: IDataObject[] } };
	return { connectionId: id, tableName: table, format: answer?.format, columns: answer?.schema?.columns ?? [] };
}
