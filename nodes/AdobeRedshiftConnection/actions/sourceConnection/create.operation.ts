import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { ensureSourceConnection } from '../../../shared/resources/sourceConnection/api';
import { REDSHIFT_CONNECTION_SPEC } from '../../../shared/kernel/constants';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { createOperation } from '../../../shared/node/handlers';
import { ifExistsField } from '../../../shared/flowService/ifExists';
import { checkColumns } from '../../../shared/resources/sourceConnection/body';
import { checkText } from '../../../shared/kernel/validation';
import { descriptionField, nameField } from '../../../shared/node/commonFields';
import { labelled, readParameter, NODE_FIELDS } from '../../../shared/node/readers';
import {
	readConnectionId,
	connectionPicker,
} from '../../../shared/resources/baseConnection/fields';
import {
	readTablePath,
	tablePicker,
	SOURCE_CONNECTION_FIELDS,
} from '../../../shared/resources/sourceConnection/fields';

const properties: INodeProperties[] = [
	connectionPicker(),
	tablePicker,
	nameField(
		SOURCE_CONNECTION_FIELDS.sourceConnectionName.label,
		SOURCE_CONNECTION_FIELDS.sourceConnectionName.name,
		'Redshift public.orders',
		'Name of the source connection in Experience Platform',
	),
	{ ...descriptionField('source connection'), ...labelled(NODE_FIELDS.description) },
	{
		...labelled(SOURCE_CONNECTION_FIELDS.columns),
		type: 'json',
		default: '',
		placeholder: 'e.g. {{ $json.columns }}',
		description:
			'The columns to read, as Get Table Schema outputs them: drag its "columns" field here (a subset is fine). Leave empty to have the node fetch all of the table\'s columns from Adobe.',
	},
	{
		...ifExistsField(SOURCE_CONNECTION_FIELDS.sourceIfExists.label, 'source connection'),
		name: SOURCE_CONNECTION_FIELDS.sourceIfExists.name,
		description:
			'What to do when a source connection of the same base connection and table (or one with this name) already exists. Reuse It makes re-runs safe; a same-named one of another table is never reused.',
	},
];

const displayOptions = { show: { resource: ['sourceConnection'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** A source connection for one Redshift table: validates every field, then ensureSourceConnection. */
export const execute = createOperation({
	ifExists: SOURCE_CONNECTION_FIELDS.sourceIfExists,
	readInput(itemIndex) {
		const baseConnectionId = readConnectionId.call(this, itemIndex);
		const tableName = readTablePath.call(this, itemIndex);
		const name = checkText(
			SOURCE_CONNECTION_FIELDS.sourceConnectionName,
			readParameter.call(this, SOURCE_CONNECTION_FIELDS.sourceConnectionName.field, itemIndex),
			{ required: true },
		);
		const description = checkText(
			NODE_FIELDS.description,
			readParameter.call(this, NODE_FIELDS.description.field, itemIndex),
			{ allowLineBreaks: true },
		);
		const columns = checkColumns(
			SOURCE_CONNECTION_FIELDS.columns,
			readParameter.call(this, SOURCE_CONNECTION_FIELDS.columns.field, itemIndex),
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
