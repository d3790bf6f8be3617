/** The tables a Redshift connection "contains", as shown by explore. */
import type { ColumnType, EmulatorTable } from '../core/types';

/** A column as explore answers it (a type alias, not an interface: n8n's `IDataObject` takes it). */
export type ExploreColumn = {
	name: string;
	type: string;
	'meta:xdmType'?: string;
	xdm: { type: string; format?: string };
};

export const DEFAULT_TABLES: EmulatorTable[] = [
	{
		path: 'public.orders',
		columns: [
			{ name: 'order_id', type: 'string' },
			{ name: 'customer_id', type: 'string' },
			{ name: 'quantity', type: 'integer' },
			{ name: 'total', type: 'double' },
			{ name: 'paid', type: 'boolean' },
			{ name: 'ordered_at', type: 'timestamp' },
		],
	},
	{
		path: 'public.customers',
		columns: [
			{ name: 'customer_id', type: 'string' },
			{ name: 'email', type: 'string' },
			{ name: 'birth_date', type: 'date' },
			{ name: 'loyalty_points', type: 'long' },
		],
	},
	{
		path: 'sales.line_items',
		columns: [
			{ name: 'line_id', type: 'long' },
			{ name: 'order_id', type: 'string' },
			{ name: 'sku', type: 'string' },
			{ name: 'unit_price', type: 'double' },
		],
	},
];

/** A table with a column for each of MAPPING_TRAPS_SCHEMA's traps (not served unless passed in `options.tables`). */
export const MAPPING_TRAPS_TABLE: EmulatorTable = {
	path: 'crm.customer_traps',
	columns: [
		'customer_id',
		'email',
		'address',
		'type',
		'signup_date',
		'tier',
		'tags',
		'attributes',
		'preferences',
		'sku',
		'phone',
	].map((name) => ({ name, type: 'string' as const })),
};

/**
 * Explore's column object for each seeded Redshift type, in the shape Adobe documents for
 * `GET /connections/{id}/explore?objectType=table&object={path}`: a date-time column is
 * `{type: "string", "meta:xdmType": "date-time", xdm: {type: "string", format: "date-time"}}`;
 * `boolean` and `double` (`xdm.type` `number`) columns carry no `meta:xdmType`. Sources:
 * https://experienceleague.adobe.com/en/docs/experience-platform/sources/api-tutorials/explore/tabular
 * (AdobeDocs/experience-platform.en `help/sources/tutorials/api/explore/tabular.md`) and the
 * preview response in `help/sources/tutorials/api/filter.md`. Not documented, inferred: integer
 * columns (`integer` / `long` with `xdm.type` `integer`, the width kept in `type`) and date columns
 * (`meta:xdmType` and `xdm.format` `date`; the filter tutorial's midnight-only JOINEDDATE hints
 * that Adobe may send some dates as date-time).
 */
const EXPLORE_COLUMNS: Record<ColumnType, Omit<ExploreColumn, 'name'>> = {
	string: { type: 'string', xdm: { type: 'string' } },
	integer: { type: 'integer', xdm: { type: 'integer' } },
	long: { type: 'long', xdm: { type: 'integer' } },
	double: { type: 'double', xdm: { type: 'number' } },
	boolean: { type: 'boolean', xdm: { type: 'boolean' } },
	date: { type: 'string', 'meta:xdmType': 'date', xdm: { type: 'string', format: 'date' } },
	timestamp: {
		type: 'string',
		'meta:xdmType': 'date-time',
		xdm: { type: 'string', format: 'date-time' },
	},
};

/** The Redshift column types a seeded table may use (`options.tables`). */
export const COLUMN_TYPES = Object.keys(EXPLORE_COLUMNS) as ColumnType[];

/** The `type` values explore answers (and a source connection's `params.columns` takes). */
export const EXPLORE_COLUMN_TYPES = [...new Set(COLUMN_TYPES.map((t) => EXPLORE_COLUMNS[t].type))];

/** One seeded column as explore answers it (a fresh object: callers may keep it). */
export function exploreColumn(column: { name: string; type: ColumnType }): ExploreColumn {
	const { xdm, ...rest } = EXPLORE_COLUMNS[column.type];
	return { name: column.name, ...rest, xdm: { ...xdm } };
}

export function rootListing(tables: EmulatorTable[]) {
	return tables.map((t) => ({
		type: 'table',
		name: t.path,
		path: t.path,
		canPreview: true,
		canFetchSchema: true,
	}));
}

export function tableSchema(table: EmulatorTable) {
	return {
		format: 'flat',
		schema: {
			columns: table.columns.map(exploreColumn),
		},
	};
}

/**
 * `count` tables shaped like `template` (default public.orders), at paths `<schema>.<table>_0000`,
 * `…_0001`, …: enough tables for many Create From Table items on one base connection.
 */
export function numberedTables(count: number, template = DEFAULT_TABLES[0]): EmulatorTable[] {
	return Array.from({ length: count }, (_, i) => ({
		path: `${template.path}_${String(i).padStart(4, '0')}`,
		columns: template.columns.map((column) => ({ ...column })),
	}));
}
