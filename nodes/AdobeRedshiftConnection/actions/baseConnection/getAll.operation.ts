import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { listOperation } from '../../../shared/node/handlers';
import { returnAllFields } from '../../../shared/node/commonFields';
import { checkText } from '../../../shared/kernel/validation';
import { FIELDS, labelled } from '../../../shared/resources/baseConnection/fields';
import { publicConnection } from '../../../shared/resources/baseConnection/output';
import { connections } from '../../../shared/resources/baseConnection/api';
import { collection } from '../common.fields';

const properties: INodeProperties[] = [
	...returnAllFields(),
	collection('filters', 'Add Filter', [
		{
			...labelled('name'),
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
		return { name: checkText(FIELDS.name, filters.name) || undefined };
	},
	connections.list,
	publicConnection,
);
