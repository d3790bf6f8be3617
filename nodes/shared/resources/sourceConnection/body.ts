/**
 * A Redshift table source connection's body, columns and "same" rule. Pure.
 * Adobe: "Create a dataflow for database sources" (database-nosql.md); no CDC or filters for Redshift.
 */
import { REDSHIFT_CONNECTION_SPEC } from '../../kernel/constants';
import { InvalidFieldError, type FieldRef } from '../../kernel/validation';
import type { SourceColumn } from '../mappingSet/body';
import { preferNamed } from '../../flowService/race';

export type { SourceColumn } from '../mappingSet/body';

/** The body of `POST /sourceConnections` for a Redshift table. */
export interface SourceConnectionBody {
	name: string;
	description?: string;
	baseConnectionId: string;
	data: { format: 'tabular' };
	params: { tableName: string; columns: SourceColumn[] };
	connectionSpec: { id: string; version: string };
}

/** A source connection as Flow Service lists or returns it (fields this package reads). */
export interface StoredSourceConnection {
	id: string;
	name?: string;
	etag?: string;
	description?: string;
	baseConnectionId?: string;
	createdAt?: number;
	data?: { format?: string };
	params?: { tableName?: string; columns?: SourceColumn[] };
	connectionSpec?: { id?: string; version?: string };
	[key: string]: unknown;
}

export interface SourceConnectionInput {
	name: string;
	description?: string;
	baseConnectionId: string;
	tableName: string;
	columns: SourceColumn[];
}

/** The documented body; an empty description is left out. */
export function buildSourceConnectionBody(input: SourceConnectionInput): SourceConnectionBody {
	return {
		name: input.name,
		...(input.description ? { description: input.description } : {}),
		baseConnectionId: input.baseConnectionId,
		data: { format: 'tabular' },
		params: { tableName: input.tableName, columns: input.columns.map((column) => ({ ...column })) },
		connectionSpec: { id: REDSHIFT_CONNECTION_SPEC.id, version: REDSHIFT_CONNECTION_SPEC.version },
	};
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** One explore column reduced to `name`, `type`, `xdm`, `meta:xdmType` (the body is validated strictly). */
function checkColumn(ref: FieldRef, value: unknown, where: string): SourceColumn {
	const fail = (problem: string): never => {
		throw new InvalidFieldError(
			ref.field,
			`"${ref.label}": ${where} ${problem}. Each column must look like Get Table Schema's output, e.g. {"name": "order_id", "type": "string", "xdm": {"type": "string"}}.`,
		);
	};
	if (value === null || typeof value !== 'object' || Array.isArray(value))
		return fail(`is ${describe(value)}, not a column object`);
	const column = value as Record<string, unknown>;
	const name = text(column.name) ?? fail('has no "name"');
	const type = text(column.type) ?? fail(`("${name}") has no "type"`);
	const xdm = column.xdm as Record<string, unknown> | null | undefined;
	if (xdm === undefined) return fail(`("${name}") has no "xdm" (its Experience Platform type)`);
	if (xdm === null || typeof xdm !== 'object' || Array.isArray(xdm))
		return fail(`("${name}") has an "xdm" that is not an object`);
	const xdmType = text(xdm.type) ?? fail(`("${name}") has an "xdm" without "type"`);
	const format =
		xdm.format === undefined
			? undefined
			: (text(xdm.format) ?? fail(`("${name}") has an empty "xdm.format"`));
	const result: SourceColumn = {
		name,
		type,
		xdm: { type: xdmType, ...(format ? { format } : {}) },
	};
	if (column['meta:xdmType'] !== undefined)
		result['meta:xdmType'] =
			text(column['meta:xdmType']) ?? fail(`("${name}") has an empty "meta:xdmType"`);
	return result;
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

/**
 * The Columns field: a list, JSON text or a Get Table Schema output; empty returns undefined (fetch).
 * @throws InvalidFieldError naming `ref`
 */
export function checkColumns(ref: FieldRef, value: unknown): SourceColumn[] | undefined {
	let parsed = value;
	if (
		parsed === undefined ||
		parsed === null ||
		(typeof parsed === 'string' && parsed.trim() === '')
	)
		return undefined;
	if (typeof parsed === 'string') {
		parsed = parseJson(parsed);
		if (parsed === NOT_JSON) {
			throw new InvalidFieldError(
				ref.field,
				`"${ref.label}" is not valid JSON. Give the columns Get Table Schema outputs (e.g. {{ $json.columns }}), or leave it empty to have the node fetch them.`,
			);
		}
	}
	if (
		parsed !== null &&
		typeof parsed === 'object' &&
		!Array.isArray(parsed) &&
		Array.isArray((parsed as { columns?: unknown }).columns)
	) {
		parsed = (parsed as { columns: unknown[] }).columns;
	}
	if (!Array.isArray(parsed)) {
		throw new InvalidFieldError(
			ref.field,
			`"${ref.label}" must be a list of columns (Get Table Schema's "columns"), but the value is ${describe(parsed)}. Leave it empty to have the node fetch them.`,
		);
	}
	if (parsed.length === 0) {
		throw new InvalidFieldError(
			ref.field,
			`"${ref.label}" is an empty list: a source connection needs at least one column. Leave the field empty to have the node fetch the table's columns.`,
		);
	}
	const columns = parsed.map((column, index) => checkColumn(ref, column, `item ${index}`));
	const seen = new Set<string>();
	for (const { name } of columns) {
		if (seen.has(name))
			throw new InvalidFieldError(
				ref.field,
				`"${ref.label}" lists the column "${name}" more than once.`,
			);
		seen.add(name);
	}
	return columns;
}

/** Explore's answer for a table as a reduced column list; unnamed entries dropped. */
export function exploredColumns(answer: unknown): SourceColumn[] {
	const columns = (answer as { schema?: { columns?: unknown } } | undefined)?.schema?.columns;
	if (!Array.isArray(columns)) return [];
	return columns
		.filter(
			(c): c is Record<string, unknown> =>
				c !== null && typeof c === 'object' && typeof (c as SourceColumn).name === 'string',
		)
		.map((c) => {
			const column: SourceColumn = { name: c.name as string, type: c.type as string };
			if (c.xdm !== undefined) column.xdm = c.xdm as SourceColumn['xdm'];
			if (c['meta:xdmType'] !== undefined) column['meta:xdmType'] = c['meta:xdmType'] as string;
			return column;
		});
}

/** Does it read this table through this base connection? */
export function readsTable(
	item: StoredSourceConnection,
	baseConnectionId: string,
	tableName: string,
): boolean {
	return item.baseConnectionId === baseConnectionId && item.params?.tableName === tableName;
}

/** What "If It Exists" found: the source connection to reuse, or one that only shares the name. */
export interface ExistingSource {
	/** Same base connection and table: the one to reuse (same name preferred, else the newest). */
	match?: StoredSourceConnection;
	/** Same name but another base connection or table: never reused, since it reads other data. */
	nameTakenBy?: StoredSourceConnection;
}

/** The listed source connection a create may reuse: same base connection and table, same name first, then oldest. */
export function findExistingSource(
	listed: StoredSourceConnection[],
	input: { name: string; baseConnectionId: string; tableName: string },
): ExistingSource {
	const sameTable = listed.filter((item) =>
		readsTable(item, input.baseConnectionId, input.tableName),
	);
	const [match] = preferNamed(sameTable, input.name);
	if (match) return { match };
	const nameTakenBy = listed.find((item) => item.name === input.name);
	return nameTakenBy ? { nameTakenBy } : {};
}

/** How far Adobe's clock (ms) may be behind ours when looking for what an interrupted create made. */
export const SOURCE_CLOCK_SKEW_MS = 5 * 60_000;

/** The source connection an ambiguous create made, if listed: same name, base and table, new, not in `knownBefore`. */
export function findCreatedSource(
	listed: StoredSourceConnection[],
	body: SourceConnectionBody,
	sentAtMs: number,
	knownBefore: ReadonlySet<string>,
): StoredSourceConnection | undefined {
	return listed.find(
		(item) =>
			!knownBefore.has(item.id) &&
			item.name === body.name &&
			readsTable(item, body.baseConnectionId, body.params.tableName) &&
			!(typeof item.createdAt === 'number' && item.createdAt < sentAtMs - SOURCE_CLOCK_SKEW_MS),
	);
}
