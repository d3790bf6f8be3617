import type { IDataObject } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { pickedOperation } from '../../../shared/node/handlers';
import { connectionGet } from './connectionGet';
import * as fields from '../../../shared/resources/baseConnection/fields';

const displayOptions = { show: { resource: ['baseConnection'], operation: ['listTables'] } };

export const description = updateDisplayOptions(displayOptions, [fields.connectionPicker()]);

/** One output item per table (`GET /connections/{id}/explore?objectType=root`), so the next node can pick or loop over them. */
export const execute = pickedOperation(
	fields.readConnectionId,
	connectionGet('/explore', { objectType: 'root' }),
	(tables, { id }) =>
		(Array.isArray(tables) ? (tables as IDataObject[]) : []).map((table) => ({
			connectionId: id,
			name: table.name,
			path: table.path,
			type: table.type,
			canPreview: table.canPreview,
			canFetchSchema: table.canFetchSchema,
		})),
);
