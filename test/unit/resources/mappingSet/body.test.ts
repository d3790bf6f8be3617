import { InvalidFieldError } from '../../../../nodes/shared/kernel/validation';
import {
	autoMap,
	flattenXdmSchema,
	matchKey,
	tenantNamespace,
	typeMismatchReason,
	type SourceColumn,
} from '../../../../nodes/shared/resources/mappingSet/body';
import { MAPPING_TRAPS_TABLE } from '../../../emulator/explore/tables';
import {
	MAPPING_TRAPS_SCHEMA,
	PROFILE_NO_TENANT_SCHEMA,
	TENANT_ID,
} from '../../../emulator/schemaRegistry/schemas';
import { invalidField } from '../../../support/invalidField';

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

	it("prefers the tenant's field to a same-named field of a standard field group; an explicit pair picks the other", () => {
		const columns = [col('email', 'string')];
		const result = autoMap(columns, SCHEMA);
		expect(result.matched).toEqual([
			{ column: 'email', destination: '_acme.customer.email', by: 'name' },
		]);
		expect(result.unmappedColumns).toEqual([]);
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

	it('lists every type mismatch, and still maps the column; never maps into an array', () => {
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
		expect(result.mappings).toHaveLength(5);
		expect(result.typeMismatches.map((m) => [m.column, m.fieldType, m.reason])).toEqual([
			['quantity', 'integer (int)', 'a 64-bit column may overflow a 32-bit field'],
			['total', 'number', 'only a numeric column fits a number field'],
			['paid', 'boolean', 'only a boolean column fits a boolean field'],
			['birth_date', 'string (date)', 'the time of day would be lost'],
		]);
		expect(result.unmappedColumns).toEqual([
			{ column: 'tags', reason: expect.stringContaining("'_acme.tags' is an array field") },
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

/**
 * Columns as Flow Service explore gives them in Adobe's docs ("Explore data tables using the Flow
 * Service API", help/sources/tutorials/api/explore/tabular.md): a date-time column is
 * `{type: "string", "meta:xdmType": "date-time", xdm: {type: "string", format: "date-time"}}`.
 */
describe("autoMap on columns in explore's documented shape", () => {
	const typed = (name: string, xdmType: 'date' | 'date-time'): SourceColumn => ({
		name,
		type: 'string',
		'meta:xdmType': xdmType,
		xdm: { type: 'string', format: xdmType },
	});

	it('maps a date-time column into a date-time field and a date column into a date field, with no mismatch', () => {
		const result = autoMap(
			[
				typed('ordered_at', 'date-time'),
				typed('timestamp', 'date-time'),
				typed('birth_date', 'date'),
			],
			SCHEMA,
		);
		expect(result.matched).toEqual([
			{ column: 'ordered_at', destination: '_acme.orderedAt', by: 'name' },
			{ column: 'timestamp', destination: 'timestamp', by: 'name' },
			{ column: 'birth_date', destination: '_acme.birthDate', by: 'name' },
		]);
		expect(result.suggestions).toEqual([]);
		expect(result.typeMismatches).toEqual([]);
	});

	it('still reports a plain string column for a date-time field, and a date-time column for a boolean', () => {
		const result = autoMap(
			[{ name: 'ordered_at', type: 'string', xdm: { type: 'string' } }, typed('paid', 'date-time')],
			SCHEMA,
		);
		expect(result.suggestions.map((entry) => entry.column)).toEqual(['ordered_at']);
		expect(result.typeMismatches.map((entry) => [entry.column, entry.reason])).toEqual([
			['paid', 'only a boolean column fits a boolean field'],
		]);
	});
});

describe('autoMap on a schema with traps (MAPPING_TRAPS_SCHEMA)', () => {
	const columns = MAPPING_TRAPS_TABLE.columns.map((c) => col(c.name, c.type));
	const result = autoMap(columns, MAPPING_TRAPS_SCHEMA);
	const reasonOf = (column: string) =>
		result.unmappedColumns.find((entry) => entry.column === column)?.reason;
	const T = `_${TENANT_ID}`;

	it("maps only the tenant's fields that fit", () => {
		expect(result.mappings.map((m) => [m.source, m.destination])).toEqual([
			['customer_id', `${T}.customerId`],
			['email', `${T}.email`],
		]);
		expect(result.typeMismatches).toEqual([]);
	});

	it('a street address does not go into personalEmail.address, nor type into device.type: suggestions', () => {
		expect(result.suggestions).toEqual(
			expect.arrayContaining([
				{
					column: 'address',
					destination: 'personalEmail.address',
					reason: expect.stringMatching(/standard field group/),
				},
				{
					column: 'type',
					destination: 'device.type',
					reason: expect.stringMatching(/standard field group/),
				},
			]),
		);
		expect(reasonOf('address')).toMatch(/personalEmail\.address.*see suggestions/);
	});

	it('never maps into an array, a map or an object field', () => {
		expect(reasonOf('tags')).toMatch(/'_emulator\.tags' is an array field/);
		expect(reasonOf('attributes')).toMatch(/'_emulator\.attributes' is a map field/);
		expect(reasonOf('preferences')).toMatch(/'_emulator\.preferences' is an object field/);
	});

	it('a name found only inside an array is reported by its path', () => {
		expect(reasonOf('sku')).toMatch(
			/'_emulator\.lines\[\]\.sku' is inside the array '_emulator\.lines'/,
		);
		expect(reasonOf('sku')).not.toMatch(/no schema field has this name/);
	});

	it('an enum and a date-time the column may not fit are suggestions, with why', () => {
		expect(result.suggestions).toEqual(
			expect.arrayContaining([
				{
					column: 'tier',
					destination: `${T}.tier`,
					reason: expect.stringMatching(/accepts only "gold", "silver"/),
				},
				{
					column: 'signup_date',
					destination: `${T}.signupDate`,
					reason: expect.stringMatching(/date-time field.*not string/),
				},
			]),
		);
	});

	it('several equally good fields: ambiguous, none mapped', () => {
		expect(result.ambiguous).toEqual([
			{ column: 'phone', destinations: [`${T}.billing.phone`, `${T}.shipping.phone`] },
		]);
		expect(reasonOf('phone')).toMatch(/several fields match/);
	});

	it('says where a suggestion or an ambiguous match can be mapped: Mapping Set › Create has the Mapping Pairs', () => {
		// Create From Table has no pairs: the way out must be named, not "an explicit pair".
		const where = /Mapping Pair \(Mapping Set › Create\)/;
		expect(result.suggestions.find((entry) => entry.column === 'address')?.reason).toMatch(where);
		expect(reasonOf('phone')).toMatch(where);
	});

	it('names at most 10 values of a long enum', () => {
		const countries = Array.from({ length: 250 }, (_, i) => `C${i}`);
		const schema = {
			properties: {
				_acme: { type: 'object', properties: { country: { type: 'string', enum: countries } } },
			},
		};
		const [suggestion] = autoMap([col('country', 'string')], schema).suggestions;
		expect(suggestion.reason).toContain('"C0", "C1"');
		expect(suggestion.reason).toContain('and 240 more');
		expect(suggestion.reason).not.toContain('"C10"');
	});

	it('every column is either mapped or listed as unmapped with a reason', () => {
		expect(result.matched.length + result.unmappedColumns.length).toBe(columns.length);
	});

	it('refuses an explicit pair into an array, a map, or an item of an array', () => {
		for (const destination of [`${T}.tags`, `${T}.attributes`, 'identityMap']) {
			const error = invalidField(() =>
				autoMap(columns, MAPPING_TRAPS_SCHEMA, [{ source: 'tags', destination }]),
			);
			expect(error.message).toMatch(/cannot fill it/);
		}
		// the path the suggestions report, or the same without [], is explained, not "not a field"
		for (const destination of [`${T}.lines[].sku`, `${T}.lines.sku`]) {
			const error = invalidField(() =>
				autoMap(columns, MAPPING_TRAPS_SCHEMA, [{ source: 'sku', destination }]),
			);
			expect(error.message).toContain(
				`'${T}.lines[].sku' is inside the array '${T}.lines': a column cannot fill array items`,
			);
		}
	});
});

describe('tenantNamespace', () => {
	it('reads the tenant from meta:altId or $id, else the one _object at the root', () => {
		expect(tenantNamespace(MAPPING_TRAPS_SCHEMA)).toBe(`_${TENANT_ID}`);
		expect(tenantNamespace(SCHEMA)).toBe('_acme');
		expect(tenantNamespace({ properties: { _acme: { type: 'object', properties: {} } } })).toBe(
			'_acme',
		);
	});

	it("never takes Adobe's namespaces (_repo, _experience) for the tenant's", () => {
		expect(tenantNamespace(PROFILE_NO_TENANT_SCHEMA)).toBeUndefined();
		const { _id, _repo } = PROFILE_NO_TENANT_SCHEMA.properties;
		expect(tenantNamespace({ properties: { _id, _repo } })).toBeUndefined();
		const _experience = { type: 'object', properties: { campaign: { type: 'string' } } };
		expect(tenantNamespace({ properties: { _experience } })).toBeUndefined();
	});

	it('so a create_date column is not mapped into _repo.createDate (repository metadata): a suggestion', () => {
		const result = autoMap([col('create_date', 'timestamp')], PROFILE_NO_TENANT_SCHEMA);
		expect(result.mappings).toEqual([]);
		expect(result.suggestions.map((entry) => entry.destination)).toEqual(['_repo.createDate']);
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
