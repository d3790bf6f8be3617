import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { connections } from '../resources/baseConnection/api';
import { InvalidFieldError, checkConnectionId, type FieldRef } from '../kernel/validation';
import { locatorValue } from '../node/readers';
import { loadPlatformContext, platformRequest } from '../kernel/transport';
import { currentParameter, isExpression, pickerSandbox, searchText } from './searchContext';

/**
 * The Table picker every node shares (list method `searchTables`): it reads the base connection
 * from the node's `connectionId` parameter. The paged pickers (Base Connection, Source Connection,
 * …) are in listSearch.ts.
 */
const BASE_CONNECTION: FieldRef = { field: 'connectionId', label: 'Connection' };

interface ExploredItem {
	type?: string;
	name?: string;
	path?: string;
}

/**
 * The Table list of Get Table Schema: what Adobe's explore lists at the root of the chosen
 * connection (type "table" only), whose name or path contains the search text (any case). The connection must be chosen (not an expression). The
 * value is the table's path, as Get Table Schema sends it. Adobe returns the root in one answer,
 * so there is no next page.
 */
export async function searchTables(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const stored = currentParameter.call(this, BASE_CONNECTION.field);
	if (isExpression(stored)) {
		throw new InvalidFieldError(
			BASE_CONNECTION.field,
			'The base connection is an expression, which the table list cannot resolve while editing: choose a connection from the list or by ID, or type the table By Name.',
		);
	}
	const id = checkConnectionId(
		BASE_CONNECTION,
		locatorValue(BASE_CONNECTION, stored, ['list', 'id']),
	);
	const ctx = await loadPlatformContext.call(this);
	const sandboxName = pickerSandbox.call(this, ctx);
	const items = (await platformRequest.call(this, ctx, {
		method: 'GET',
		path: connections.pathOf(id, '/explore'),
		qs: { objectType: 'root' },
		sandboxName,
	})) as unknown;
	const text = searchText(filter)?.toLowerCase();
	const results = (Array.isArray(items) ? (items as ExploredItem[]) : [])
		.filter(
			(item): item is ExploredItem & { path: string } =>
				item?.type === 'table' && typeof item.path === 'string' && item.path !== '',
		)
		.filter(
			(item) =>
				text === undefined || `${item.name ?? ''}\n${item.path}`.toLowerCase().includes(text),
		)
		.map(
			(item) => ({ name: item.name ?? item.path, value: item.path }) satisfies INodeListSearchItems,
		);
	return { results };
}
