import { InvalidFieldError } from '../../../nodes/shared/InvalidFieldError';
import {
	autoMap,
	flattenXdmSchema,
	matchKey,
	typeMismatchReason,
	type SourceColumn,
} from '../../../nodes/shared/pipeline/autoMapping';
import { invalidField } from '../../support/invalidField';

/** An xed-full schema: tenant fields nested under _acme, standard fields at the root. */
const SCHEMA = {
	$id: 'https://ns.adobe.com/acme/schemas/orders',
	title: 'Orders',
	type: 'object',
	properties: {
		_id: { type: 'string' },
		timestamp: { type: 'string', format: 'date-time' },
		_acme: {
			type: 'object',
			properties: {
				orderId: { type: 'string' },
				quantity: { type: 'integer', 'meta:xdmType': 'int' },
				total: { type: 'number' },
				paid: { type: 'boolean' },
				orderedAt: { type: 'string', format: 'date-time' },
				birthDate: { type: 'string', format: 'date' },
				tags: { type: 'array', items: { type: 'string' } },
				customer: {
					type: 'object',
					properties: {
						email: { type: 'string', format: 'email' },
						loyaltyPoints: { type: 'integer', 'meta:xdmType': 'int' },
					},
				},
			},
		},
		billing: { type: 'object', properties: { email: { type: 'string' } } },
	},
};

const col = (name: string, type: string): SourceColumn => ({ name, type });

describe('flattenXdmSchema', () => {
	it('lists leaf fields as dotted paths, walking nested objects', () => {
		const paths = flattenXdmSchema(SCHEMA).map((f) => f.path);
		expect(paths).toEqual([
			'_id',
			'timestamp',
			'_acme.orderId',
			'_acme.quantity',
			'_acme.total',
			'_acme.paid',
			'_acme.orderedAt',
			'_acme.birthDate',
			'_acme.tags',
			'_acme.customer.email',
			'_acme.customer.loyaltyPoints',
			'billing.email',
		]);
		expect(flattenXdmSchema(SCHEMA).find((f) => f.path === '_acme.quantity')).toEqual({
			path: '_acme.quantity',
			type: 'integer',
			xdmType: 'int',
		});
	});

	it('refuses a schema without properties (e.g. fetched without xed-full)', () => {
		expect(() => flattenXdmSchema({ allOf: [{ $ref: 'x' }] })).toThrow(InvalidFieldError);
	});
});

describe('matchKey', () => {
	it.each(['order_id', 'orderId', 'OrderID', 'order-id', 'ORDER_ID'])(
		'%s matches orderId',
		(name) => {
			expect(matchKey(name)).toBe(matchKey('orderId'));
		},
	);
	it('keeps different names apart', () =>
		expect(matchKey('order_ids')).not.toBe(matchKey('orderId')));
});

describe('autoMap', () => {
	it('maps same-named columns whatever the case style, and lists the rest with reasons', () => {
		const result = autoMap(
			[
				col('order_id', 'string'),
				col('QUANTITY', 'integer'),
				col('ordered-at', 'timestamp'),
				col('coupon', 'string'),
			],
			SCHEMA,
		);
		expect(result.mappings).toEqual([
			{ sourceType: 'ATTRIBUTE', source: 'order_id', destination: '_acme.orderId' },
			{ sourceType: 'ATTRIBUTE', source: 'QUANTITY', destination: '_acme.quantity' },
			{ sourceType: 'ATTRIBUTE', source: 'ordered-at', destination: '_acme.orderedAt' },
		]);
		expect(result.unmappedColumns).toEqual([
			{ column: 'coupon', reason: 'no schema field has this name' },
		]);
		expect(result.typeMismatches).toEqual([]);
	});

	it('leaves a column that matches several fields unmapped, and an explicit pair resolves it', () => {
		const columns = [col('email', 'string')];
		expect(autoMap(columns, SCHEMA).unmappedColumns).toEqual([
			{
				column: 'email',
				reason: expect.stringMatching(
					/several fields match \(_acme.customer.email, billing.email\)/,
				),
			},
		]);
		const paired = autoMap(columns, SCHEMA, [{ source: 'email', destination: 'billing.email' }]);
		expect(paired.mappings).toEqual([
			{ sourceType: 'ATTRIBUTE', source: 'email', destination: 'billing.email' },
		]);
		expect(paired.matched).toEqual([{ column: 'email', destination: 'billing.email', by: 'pair' }]);
		expect(paired.unmappedColumns).toEqual([]);
	});

	it('lets explicit pairs override a name match and take their field out of name matching', () => {
		const result = autoMap([col('order_id', 'string'), col('legacy_order_ref', 'string')], SCHEMA, [
			{ source: 'legacy_order_ref', destination: '_acme.orderId' },
		]);
		expect(result.mappings).toEqual([
			{ sourceType: 'ATTRIBUTE', source: 'legacy_order_ref', destination: '_acme.orderId' },
		]);
		expect(result.unmappedColumns).toEqual([
			{
				column: 'order_id',
				reason: "field '_acme.orderId' is already mapped from 'legacy_order_ref'",
			},
		]);
	});

	it('maps the second of two same-named columns nowhere', () => {
		const result = autoMap([col('orderId', 'string'), col('order_id', 'string')], SCHEMA);
		expect(result.mappings).toHaveLength(1);
		expect(result.unmappedColumns[0]).toEqual({
			column: 'order_id',
			reason: "field '_acme.orderId' is already mapped from 'orderId'",
		});
	});

	it('escapes a dot inside a column name', () => {
		const schema = {
			properties: { a: { type: 'object', properties: { orderId: { type: 'string' } } } },
		};
		// the matching ignores the dot only if the name has none; here we pair explicitly
		expect(
			autoMap([col('ord.id', 'string')], schema, [{ source: 'ord.id', destination: 'a.orderId' }])
				.mappings[0].source,
		).toBe('ord\\.id');
	});

	it('lists every type mismatch, and still maps the column', () => {
		const result = autoMap(
			[
				col('quantity', 'long'),
				col('total', 'string'),
				col('paid', 'integer'),
				col('birth_date', 'timestamp'),
				col('tags', 'string'),
				col('timestamp', 'date'),
			],
			SCHEMA,
		);
		expect(result.mappings).toHaveLength(6);
		expect(result.typeMismatches.map((m) => [m.column, m.fieldType, m.reason])).toEqual([
			['quantity', 'integer (int)', 'a 64-bit column may overflow a 32-bit field'],
			['total', 'number', 'only a numeric column fits a number field'],
			['paid', 'boolean', 'only a boolean column fits a boolean field'],
			['birth_date', 'string (date)', 'the time of day would be lost'],
			['tags', 'array', 'a array field cannot take a single column'],
		]);
	});

	it.each<[string, string]>([
		['source', "'nope' is not a column"],
		['destination', "'_acme.nope' is not a field"],
	])('names the pairs field when a pair has an unknown %s', (_which, message) => {
		const pair =
			_which === 'source'
				? { source: 'nope', destination: '_acme.orderId' }
				: { source: 'order_id', destination: '_acme.nope' };
		const error = invalidField(() => autoMap([col('order_id', 'string')], SCHEMA, [pair]));
		expect(error.field).toBe('mappingPairs');
		expect(error.message).toContain(message);
	});

	it('refuses two pairs for one field', () => {
		expect(() =>
			autoMap([col('a', 'string'), col('b', 'string')], SCHEMA, [
				{ source: 'a', destination: '_id' },
				{ source: 'b', destination: '_id' },
			]),
		).toThrow(/already the destination/);
	});
});

describe('typeMismatchReason', () => {
	const field = (type: string, extra: Record<string, string> = {}) => ({
		path: 'f',
		type,
		...extra,
	});
	it.each<[string, ReturnType<typeof field>, boolean]>([
		['integer', field('integer'), true],
		['integer', field('number'), true],
		['double', field('integer'), false],
		['double', field('number'), true],
		['timestamp', field('string', { format: 'date-time' }), true],
		['date', field('string', { format: 'date-time' }), true],
		['string', field('string', { format: 'date-time' }), false],
		['integer', field('string'), true],
		['varchar(256)', field('string'), true],
		['smallint', field('integer', { xdmType: 'short' }), true],
		['integer', field('integer', { xdmType: 'short' }), false],
		['geometry', field('boolean'), true], // unknown source type: nothing to compare
	])('%s into %j fits: %s', (type, f, fits) => {
		expect(typeMismatchReason(col('c', type), f) === undefined).toBe(fits);
	});
});
