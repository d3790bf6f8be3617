import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { ensureSourceConnection } from '../../../shared/resources/sourceConnection/api';
import { REDSHIFT_CONNECTION_SPEC } from '../../../shared/kernel/constants';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { createOperation } from '../../../shared/node/handlers';
import { ifExistsField } from '../../../shared/flowService/ifExists';
import { checkColumns } from '../../../shared/resources/sourceConnection/body';
import { checkText } from '../../../shared/kernel/validation';
import { descriptionField, nameField } from '../../../shared/node/commonFields';
import { FIELDS, labelled } from '../../../shared/resources/baseConnection/fields';
import { connectionLocator, tableLocator } from '../locators';
import { readConnectionId, readParameter, readTablePath } from '../parameters';

const properties: INodeProperties[] = [
	connectionLocator,
	tableLocator,
	nameField(
		FIELDS.sourceConnectionName.label,
		FIELDS.sourceConnectionName.name,
		'Redshift public.orders',
		'Name of the source connection in Experience Platform',
	),
	{ ...descriptionField('source connection'), ...labelled('description') },
	{
		...labelled('columns'),
		type: 'json',
		default: '',
		placeholder: '{{ $json.columns }}',
		description:
			'The columns to read, as Get Table Schema outputs them: drag its "columns" field here (a subset is fine). Leave empty to have the node fetch all of the table\'s columns from Adobe.',
	},
	{
		...ifExistsField(FIELDS.sourceIfExists.label, 'source connection'),
		name: FIELDS.sourceIfExists.name,
		description:
			'What to do when a source connection of the same base connection and table (or one with this name) already exists. Reuse It makes re-runs safe; a same-named one of another table is never reused.',
	},
];

const displayOptions = { show: { resource: ['sourceConnection'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * A source connection for one Redshift table: validates every field (no request on bad input),
 * then finds or creates it (ensureSourceConnection). Output: `{id, etag, reused, name,
 * baseConnectionId, tableName, columns, columnsFrom, sandboxName, connectionSpec}`.
 */
export const execute = createOperation({
	ifExists: FIELDS.sourceIfExists,
	readInput(itemIndex) {
		const baseConnectionId = readConnectionId.call(this, itemIndex);
		const tableName = readTablePath.call(this, itemIndex);
		const name = checkText(
			FIELDS.sourceConnectionName,
			readParameter.call(this, FIELDS.sourceConnectionName.field, itemIndex),
			{ required: true },
		);
		const description = checkText(
			FIELDS.description,
			readParameter.call(this, FIELDS.description.field, itemIndex),
			{ allowLineBreaks: true },
		);
		const columns = checkColumns(
			FIELDS.columns,
			readParameter.call(this, FIELDS.columns.field, itemIndex),
		);
		return { name, description, baseConnectionId, tableName, columns };
	},
	ensure: ensureSourceConnection,
	output: (result, sandboxName) => ({
		...result,
		columns: result.columns as unknown as IDataObject[],
		sandboxName,
		connectionSpec: { ...REDSHIFT_CONNECTION_SPEC },
	}),
});
