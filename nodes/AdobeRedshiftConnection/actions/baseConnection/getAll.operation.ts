import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { listOperation } from '../../../shared/node/handlers';
import { returnAllFields, collection } from '../../../shared/node/commonFields';
import { checkText } from '../../../shared/kernel/validation';
import { labelled, NODE_FIELDS } from '../../../shared/node/readers';
import { publicConnection } from '../../../shared/resources/baseConnection/output';
import { connections } from '../../../shared/resources/baseConnection/api';
import { BASE_CONNECTION_FIELDS } from '../../../shared/resources/baseConnection/fields';

const properties: INodeProperties[] = [
	...returnAllFields(),
	collection(NODE_FIELDS.filters, 'Add Filter', [
		{
			...labelled(BASE_CONNECTION_FIELDS.name),
			type: 'string',
			default: '',
			description: 'Only connections with exactly this name',
		},
	]),
];

const displayOptions = { show: { resource: ['baseConnection'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Redshift base connections only; follows Adobe's continuation links across pages. */
export const execute = listOperation(
	function (itemIndex) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		return { name: checkText(BASE_CONNECTION_FIELDS.name, filters.name) || undefined };
	},
	connections.list,
	publicConnection,
);
