import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { listSourceConnections } from '../../../shared/api/sourceConnections';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { returnAllFields } from '../../../shared/fields';
import { readLimit } from '../../../shared/parameters';
import { FIELDS } from '../../helpers/fields';
import { connectionLocator } from '../locators';
import { checkConnectionLocator, readParameter, readSandbox } from '../parameters';
import type { ItemOperation, OperationOption } from '../../../shared/operations';

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

const displayOptions = { show: { resource: ['sourceConnection'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

function isEmptyLocator(stored: unknown): boolean {
	const value =
		stored !== null && typeof stored === 'object' ? (stored as { value?: unknown }).value : stored;
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/** Redshift source connections of the sandbox (or of one base connection), newest first, following Adobe's continuation links. */
export const execute: ItemOperation = async function (itemIndex, ctx) {
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
};
