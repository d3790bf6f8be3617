/** Auto-mapping and drift on columns in the shape Adobe's explore documents (dataflow-chain.md §1b). */
import { autoMap } from '../../../../nodes/shared/resources/mappingSet/body';
import { columnsDrift } from '../../../../nodes/shared/resources/dataflow/body';
import { DEFAULT_TABLES, tableSchema } from '../../../emulator/explore/tables';
import { DEFAULT_SCHEMAS } from '../../../emulator/schemaRegistry/schemas';

const varchar = (name: string) => ({ name, type: 'string', xdm: { type: 'string' } });
const typed = (name: string, format: 'date' | 'date-time') => ({
	name,
	type: 'string',
	'meta:xdmType': format,
	xdm: { type: 'string', format },
});

describe('columnsDrift with explore-shaped columns', () => {
	it('a varchar that became a timestamp differs, though its type is "string" both times', () => {
		expect(columnsDrift([varchar('ordered_at')], [typed('ordered_at', 'date-time')])).toEqual([
			{
				field: 'columns',
				stored: ['ordered_at string'],
				input: ['ordered_at string (date-time)'],
			},
		]);
	});

	it('a date that became a timestamp differs', () => {
		expect(
			columnsDrift([typed('signed_up', 'date')], [typed('signed_up', 'date-time')]),
		).toHaveLength(1);
	});

	it('a double shows its XDM type; the same columns in another order do not differ', () => {
		const total = { name: 'total', type: 'double', xdm: { type: 'number' } };
		const at = typed('ordered_at', 'date-time');
		expect(columnsDrift([total, at], [at, total])).toEqual([]);
		expect(columnsDrift([total], [])).toEqual([
			{ field: 'columns', stored: ['total double (xdm number)'], input: [] },
		]);
	});
});

const [ORDERS_SCHEMA, CUSTOMERS_SCHEMA] = DEFAULT_SCHEMAS;

const ORDERS = tableSchema(DEFAULT_TABLES.find((table) => table.path === 'public.orders')!).schema
	.columns;

describe('autoMap with explore-shaped columns', () => {
	it("maps every column of the emulator's public.orders (a date-time typed string, a double, a boolean) with no mismatch", () => {
		const result = autoMap(ORDERS, ORDERS_SCHEMA);
		expect(result.matched.map((m) => m.destination)).toEqual([
			'_emulator.orderId',
			'_emulator.customerId',
			'_emulator.quantity',
			'_emulator.total',
			'_emulator.paid',
			'_emulator.orderedAt',
		]);
		expect(result.typeMismatches).toEqual([]);
		expect(result.unmappedColumns).toEqual([]);
	});

	it('names a date-time column by its date marking, not as a plain string, when it does not fit', () => {
		const result = autoMap(ORDERS, CUSTOMERS_SCHEMA, [
			{ source: 'ordered_at', destination: 'personalEmail.address' },
		]);
		expect(result.typeMismatches).toEqual([
			{
				column: 'ordered_at',
				columnType: 'string (date-time)',
				destination: 'personalEmail.address',
				fieldType: 'string (email)',
				reason:
					"'personalEmail.address' is an e-mail field; a string (date-time) column does not fit",
			},
		]);
	});
});
