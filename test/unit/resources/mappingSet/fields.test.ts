import { invalidField as refusal } from '../../../support/invalidField';
import { checkColumns, checkPairs } from '../../../../nodes/shared/resources/mappingSet/fields';

describe('checkColumns (the Columns JSON of Mapping Set)', () => {
	it('takes a list of {name, type} as text or as a value, keeping xdm hints', () => {
		const columns = [{ name: 'order_id', type: 'string', xdm: { type: 'string' } }];
		expect(checkColumns(JSON.stringify(columns))).toEqual(columns);
		expect(checkColumns(columns)).toEqual(columns);
	});
	it.each([
		['not JSON', '[{name:', /not valid JSON/],
		['an object', '{"name": "a"}', /non-empty list/],
		['an empty list', '[]', /non-empty list/],
		['an entry without a type', '[{"name": "a"}]', /entry 1 needs a "name" and a "type"/],
		['a blank name', '[{"name": " ", "type": "string"}]', /entry 1/],
		[
			'a name twice',
			'[{"name": "a", "type": "string"}, {"name": "a", "type": "int"}]',
			/"a" twice/,
		],
	])('refuses %s, naming "Columns"', (_title, value, message) => {
		const error = refusal(() => checkColumns(value));
		expect(error.field).toBe('columns');
		expect(error.message).toContain('"Columns"');
		expect(error.message).toMatch(message);
	});
});

describe('checkPairs (Mapping Pairs)', () => {
	it('reads the stored pairs, trimmed; none stored is no pairs', () => {
		expect(checkPairs([{ source: ' order_id ', destination: '_acme.orderId' }])).toEqual([
			{ source: 'order_id', destination: '_acme.orderId' },
		]);
		expect(checkPairs(undefined)).toEqual([]);
	});
	it('refuses a pair without a column or a field, naming the pair', () => {
		const error = refusal(() =>
			checkPairs([
				{ source: 'a', destination: '_id' },
				{ source: 'b', destination: '' },
			]),
		);
		expect(error.field).toBe('mappingPairs');
		expect(error.message).toContain('"Mapping Pairs" pair 2 "Schema Field"');
	});
	it('refuses something that is not a list', () => {
		expect(refusal(() => checkPairs({ source: 'a' })).message).toContain(
			'"Mapping Pairs" must be a list',
		);
	});
});
