import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/displayOptions';
import { InvalidFieldError } from '../../../shared/InvalidFieldError';
import type { PlatformContext } from '../../../shared/transport';
import { checkText } from '../../../shared/validation';
import { FIELDS, labelled } from '../../helpers/fields';
import { publicConnection } from '../../helpers/output';
import { listRedshiftConnections } from '../../transport/flowService';
import { collection } from '../common.fields';
import { readParameter, readSandbox } from '../parameters';

const properties: INodeProperties[] = [
	{
		...labelled('returnAll'),
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		...labelled('limit'),
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	collection('filters', 'Add Filter', [
		{
			...labelled('name'),
			type: 'string',
			default: '',
			description: 'Only connections with exactly this name',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['baseConnection'], operation: ['getAll'] } }, properties);

/** Redshift base connections only; follows Adobe's continuation links across pages. */
export async function execute(this: IExecuteFunctions, itemIndex: number, ctx: PlatformContext): Promise<IDataObject[]> {
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	let limit: number | undefined;
	if (!returnAll) {
		const raw = readParameter.call(this, 'limit', itemIndex);
		limit = Number(raw);
		if (!Number.isInteger(limit) || limit < 1) throw new InvalidFieldError(FIELDS.limit.field, `"${FIELDS.limit.label}" must be a whole number of 1 or more; got ${JSON.stringify(raw)}.`);
	}
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const name = checkText(FIELDS.name, filters.name) || undefined;
	const connections = await listRedshiftConnections.call(this, ctx, sandboxName, { name, limit }, itemIndex);
	return connections.map((connection) => publicConnection(connection, sandboxName));
}
