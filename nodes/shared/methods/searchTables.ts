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

/** The Table picker (`searchTables`), reading the base connection from `connectionId`. */
const BASE_CONNECTION: FieldRef = { field: 'connectionId', label: 'Connection' };

interface ExploredItem {
	type?: string;
	name?: string;
	path?: string;
}

/** Tables at the explore root of the chosen connection matching the text; value is the path. One page. */
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
