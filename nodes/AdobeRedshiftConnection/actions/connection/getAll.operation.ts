import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/displayOptions';
import { readLimit, returnAllFields } from '../../../shared/listFields';
import type { PlatformContext } from '../../../shared/transport';
import { checkText } from '../../../shared/validation';
import { FIELDS, LIMITS } from '../../helpers/fields';
import { publicConnection } from '../../helpers/output';
import { listRedshiftConnections } from '../../transport/flowService';
import type { Shown } from '../common.fields';
import { readSandbox } from '../parameters';

const where: Shown = { resource: ['baseConnection'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	...updateDisplayOptions({ show: where }, returnAllFields),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: where },
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only connections with exactly this name',
			},
		],
	},
];

/** Redshift base connections only; follows Adobe's continuation links across pages. */
export async function execute(this: IExecuteFunctions, itemIndex: number, ctx: PlatformContext): Promise<IDataObject[]> {
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	const limit = readLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const name = checkText(FIELDS.name, filters.name, { maxLength: LIMITS.name }) || undefined;
	const connections = await listRedshiftConnections.call(this, ctx, sandboxName, { name, limit }, itemIndex);
	return connections.map((connection) => publicConnection(connection, sandboxName));
}
