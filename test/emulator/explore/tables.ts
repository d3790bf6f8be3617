/** The tables a Redshift connection "contains", as shown by explore. */
import type { ColumnType, EmulatorTable } from '../core/types';

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

const XDM_TYPES: Record<ColumnType, Record<string, string>> = {
	string: { type: 'string' },
	integer: { type: 'integer' },
	long: { type: 'integer' },
	double: { type: 'number' },
	boolean: { type: 'boolean' },
	date: { type: 'string', format: 'date' },
	timestamp: { type: 'string', format: 'date-time' },
};

export const COLUMN_TYPES = Object.keys(XDM_TYPES) as ColumnType[];

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
			columns: table.columns.map((c) => ({
				name: c.name,
				type: c.type,
				xdm: { ...XDM_TYPES[c.type] },
			})),
		},
	};
}
