import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/displayOptions';
import { platformRequest, type PlatformContext } from '../../../shared/transport';
import { FIELDS } from '../../helpers/fields';
import { checkTablePath } from '../../helpers/validation';
import { connectionPath } from '../../transport/flowService';
import { connectionLocator, locatorValue, tableLocator } from '../locators';
import { readConnectionTarget, readParameter } from '../parameters';

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['baseConnection'], operation: ['getTableSchema'] } }, [connectionLocator, tableLocator]);

/** The column list comes out as Adobe gives it: usable as a source connection's params.columns. */
export async function execute(this: IExecuteFunctions, itemIndex: number, ctx: PlatformContext): Promise<IDataObject> {
	const { id, sandboxName } = readConnectionTarget.call(this, itemIndex, ctx);
	const table = checkTablePath(locatorValue(FIELDS.tablePath, readParameter.call(this, FIELDS.tablePath.field, itemIndex)));
	const answer = (await platformRequest.call(
		this,
		ctx,
		{ method: 'GET', path: connectionPath(id, '/explore'), qs: { objectType: 'table', object: table }, sandboxName },
		itemIndex,
	)) as { format?: string; schema?: { columns?: IDataObject[] } };
	return { connectionId: id, tableName: table, format: answer?.format, columns: answer?.schema?.columns ?? [] };
}
