import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listSourceConnections } from '../../../shared/api/sourceConnections';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { returnAllFields } from '../../../shared/fields';
import { readLimit } from '../../../shared/parameters';
import type { PlatformContext } from '../../../shared/transport';
import { FIELDS } from '../../helpers/fields';
import { connectionLocator } from '../locators';
import { checkConnectionLocator, readParameter, readSandbox } from '../parameters';
import type { OperationOption } from '../../../shared/operations';

const properties: INodeProperties[] = [
	{
		...connectionLocator,
		required: false,
		description:
			'Only the source connections of this base connection; leave empty for every Redshift source connection of the sandbox',
	},
	...returnAllFields(),
];

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Get Many',
	description: 'List the Redshift source connections of the sandbox or of one base connection',
	action: 'Get many source connections',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['sourceConnection'], operation: ['getAll'] } },
	properties,
);

function isEmptyLocator(stored: unknown): boolean {
	const value =
		stored !== null && typeof stored === 'object' ? (stored as { value?: unknown }).value : stored;
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/** Redshift source connections of the sandbox (or of one base connection), newest first, following Adobe's continuation links. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: PlatformContext,
): Promise<IDataObject[]> {
	const stored = readParameter.call(this, FIELDS.connectionId.field, itemIndex);
	const baseConnectionId = isEmptyLocator(stored) ? undefined : checkConnectionLocator(stored);
	const limit = readLimit.call(this, itemIndex);
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	const found = await listSourceConnections.call(
		this,
		ctx,
		sandboxName,
		{ baseConnectionId, limit },
		itemIndex,
	);
	return found.map((item) => ({ ...(item as IDataObject), sandboxName }));
}
