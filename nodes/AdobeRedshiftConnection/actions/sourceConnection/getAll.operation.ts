import type { INodeProperties } from 'n8n-workflow';

import { sourceConnections } from '../../../shared/resources/sourceConnection/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { listOperation } from '../../../shared/node/handlers';
import { returnAllFields } from '../../../shared/node/commonFields';
import { readParameter } from '../../../shared/node/readers';
import {
	checkConnectionLocator,
	connectionPicker,
	BASE_CONNECTION_FIELDS,
} from '../../../shared/resources/baseConnection/fields';

const properties: INodeProperties[] = [
	{
		...connectionPicker(),
		required: false,
		description:
			'Only the source connections of this base connection; leave empty for every Redshift source connection of the sandbox',
	},
	...returnAllFields(),
];

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
export const execute = listOperation(function (itemIndex) {
	const stored = readParameter.call(this, BASE_CONNECTION_FIELDS.connectionId.field, itemIndex);
	return { baseConnectionId: isEmptyLocator(stored) ? undefined : checkConnectionLocator(stored) };
}, sourceConnections.list);
