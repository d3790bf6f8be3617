import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { connections } from '../api/connections';
import { InvalidFieldError } from '../InvalidFieldError';
import { locatorValue } from '../parameters';
import { loadPlatformContext, platformRequest } from '../transport';
import { checkConnectionId, type FieldRef } from '../validation';
import { currentParameter, isExpression, joinParts, pickerSandbox, searchText } from './pickers';
import { flowServiceSearch } from './pagedSearch';

/**
 * The Redshift pickers every node shares (Base Connection, Table): list methods
 * `searchConnections`, `searchTables`. The Table list reads the base connection from the node's
 * `connectionId` parameter. The Source Connection list is searchSourceConnections.ts.
 */
const BASE_CONNECTION: FieldRef = { field: 'connectionId', label: 'Connection' };

/** Connections per page of the Connection list: Adobe pages are read until this many match. */
export const SEARCH_PAGE_SIZE = 50;

/**
 * The Connection list: Redshift base connections of the node's sandbox (Options > Sandbox, else
 * the credential's), newest first, whose name contains the search text (any case). One call reads
 * Adobe pages until SEARCH_PAGE_SIZE connections match; `paginationToken` is Adobe's `next.href`
 * to resume from. Each entry is "name" with the ID as value and the ID and state as description.
 */
export const searchConnections = flowServiceSearch(
	connections.readPages,
	SEARCH_PAGE_SIZE,
	(connection) => ({
		name: connection.name,
		value: connection.id,
		description: joinParts(connection.id, connection.state),
	}),
);

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
