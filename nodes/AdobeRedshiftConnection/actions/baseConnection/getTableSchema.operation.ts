import type { IDataObject } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { readPicked } from '../../../shared/node/handlers';
import { exploreTable } from '../../../shared/resources/sourceConnection/api';
import type { ItemOperation } from '../../../shared/node/operations';
import {
	readConnectionId,
	connectionPicker,
} from '../../../shared/resources/baseConnection/fields';
import { readTablePath, tablePicker } from '../../../shared/resources/sourceConnection/fields';

const displayOptions = { show: { resource: ['baseConnection'], operation: ['getTableSchema'] } };

export const description = updateDisplayOptions(displayOptions, [connectionPicker(), tablePicker]);

/** The column list, usable as Source Connection > Create's Columns. */
export const execute: ItemOperation = async function (itemIndex, ctx) {
	const { id, sandboxName } = readPicked.call(this, readConnectionId, itemIndex, ctx);
	const table = readTablePath.call(this, itemIndex);
	const { format, columns } = await exploreTable.call(this, ctx, sandboxName, id, table, itemIndex);
	return {
		connectionId: id,
		tableName: table,
		format,
		columns: columns as unknown as IDataObject[],
	};
};
