import { invalidField } from '../../../support/invalidField';
import {
	buildSourceConnectionBody,
	checkColumns,
	exploredColumns,
	findCreatedSource,
	findExistingSource,
	SOURCE_CLOCK_SKEW_MS,
	type StoredSourceConnection,
} from '../../../../nodes/shared/resources/sourceConnection/body';

const REF = { field: 'columns', label: 'Columns' };
const BASE = '373e88fc-43da-4e3c-be88-fc43da3e3c0f';
const OTHER_BASE = '11111111-2222-4333-8444-555555555555';
const REDSHIFT = { id: '3416976c-a9ca-4bba-901a-1f08f66978ff', version: '1.0' };
const COLUMNS = [
	{ name: 'order_id', type: 'string', xdm: { type: 'string' } },
	{
		name: 'ordered_at',
		type: 'string',
		'meta:xdmType': 'date-time',
		xdm: { type: 'string', format: 'date-time' },
	},
];

describe('buildSourceConnectionBody', () => {
	it("sends Adobe's documented body: tabular data, table path and columns, the Redshift spec 1.0, no cdcEnabled", () => {
		expect(
			buildSourceConnectionBody({
				name: 'Orders source',
				description: 'orders',
				baseConnectionId: BASE,
				tableName: 'public.orders',
				columns: COLUMNS,
			}),
		).toEqual({
			name: 'Orders source',
			description: 'orders',
			baseConnectionId: BASE,
			data: { format: 'tabular' },
			params: { tableName: 'public.orders', columns: COLUMNS },
			connectionSpec: REDSHIFT,
		});
	});

	it('leaves an empty description out', () => {
		expect(
			buildSourceConnectionBody({
				name: 'n',
				description: '',
				baseConnectionId: BASE,
				tableName: 't',
				columns: COLUMNS,
			}),
		).not.toHaveProperty('description');
	});
});

describe('checkColumns', () => {
	it('empty means "fetch them": undefined for nothing, null and blank text', () => {
		for (const value of [undefined, null, '', '   '])
			expect(checkColumns(REF, value)).toBeUndefined();
	});

	it("takes Get Table Schema's columns as a list, as JSON text, or its whole output", () => {
		expect(checkColumns(REF, COLUMNS)).toEqual(COLUMNS);
		expect(checkColumns(REF, JSON.stringify(COLUMNS))).toEqual(COLUMNS);
		expect(
			checkColumns(REF, {
				connectionId: BASE,
				tableName: 'public.orders',
				format: 'flat',
				columns: COLUMNS,
			}),
		).toEqual(COLUMNS);
	});

	it('keeps only the keys a source connection takes, trimmed', () => {
		expect(
			checkColumns(REF, [
				{ name: ' id ', type: 'long', xdm: { type: 'integer', extra: 1 }, nullable: true },
			]),
		).toEqual([{ name: 'id', type: 'long', xdm: { type: 'integer' } }]);
	});

	it.each([
		['not JSON', '[{"name": ', /"Columns" is not valid JSON/],
		[
			'an object without columns',
			{ name: 'x' },
			/"Columns" must be a list of columns .* the value is an object/,
		],
		['a number', 5, /the value is number 5/],
		['an empty list', [], /"Columns" is an empty list/],
		[
			'a list of names',
			['order_id'],
			/"Columns": item 0 is string "order_id", not a column object/,
		],
		[
			'a column without a name',
			[{ type: 'string', xdm: { type: 'string' } }],
			/item 0 has no "name"/,
		],
		[
			'a column without a type',
			[{ name: 'a', xdm: { type: 'string' } }],
			/item 0 \("a"\) has no "type"/,
		],
		['a column without xdm', [{ name: 'a', type: 'string' }], /item 0 \("a"\) has no "xdm"/],
		['an xdm without a type', [{ name: 'a', type: 'string', xdm: {} }], /"xdm" without "type"/],
		[
			'a repeated column',
			[COLUMNS[0], COLUMNS[1], COLUMNS[0]],
			/lists the column "order_id" more than once/,
		],
	])('refuses %s, naming the field', (_, value, message) => {
		const error = invalidField(() => checkColumns(REF, value));
		expect(error.field).toBe('columns');
		expect(error.message).toMatch(message);
	});
});

it('exploredColumns: the explore answer as columns, reduced to the keys a source connection takes', () => {
	expect(
		exploredColumns({
			format: 'flat',
			schema: { columns: [{ ...COLUMNS[1], comment: 'x' }, { type: 'string' }, null] },
		}),
	).toEqual([COLUMNS[1]]);
	expect(exploredColumns(undefined)).toEqual([]);
	expect(exploredColumns({ schema: {} })).toEqual([]);
});

function stored(
	id: string,
	name: string,
	baseConnectionId = BASE,
	tableName = 'public.orders',
	createdAt?: number,
): StoredSourceConnection {
	return {
		id,
		name,
		etag: `"${id}"`,
		baseConnectionId,
		params: { tableName, columns: COLUMNS },
		connectionSpec: REDSHIFT,
		...(createdAt === undefined ? {} : { createdAt }),
	};
}

describe('findExistingSource', () => {
	const input = { name: 'Orders source', baseConnectionId: BASE, tableName: 'public.orders' };

	it('reuses one of the same base connection and table, the same-named first, else the oldest (the one a race keeps)', () => {
		const newest = stored('a', 'Another name', BASE, 'public.orders', 2_000);
		const named = stored('b', 'Orders source', BASE, 'public.orders', 3_000);
		const older = stored('c', 'Older', BASE, 'public.orders', 1_000);
		expect(findExistingSource([newest, named], input)).toEqual({ match: named });
		expect(findExistingSource([newest, older], input)).toEqual({ match: older });
		// Two of the same name (a race whose loser could not be deleted): the older, as the race's error says.
		const newerTwin = stored('d', 'Orders source', BASE, 'public.orders', 4_000);
		expect(findExistingSource([newerTwin, named], input)).toEqual({ match: named });
	});

	it('never reuses a same-named one of another table or base connection: it is reported', () => {
		const otherTable = stored('d', 'Orders source', BASE, 'public.customers');
		const otherBase = stored('e', 'Orders source', OTHER_BASE);
		expect(findExistingSource([otherTable], input)).toEqual({ nameTakenBy: otherTable });
		expect(findExistingSource([otherBase], input)).toEqual({ nameTakenBy: otherBase });
		expect(findExistingSource([stored('f', 'Unrelated', OTHER_BASE)], input)).toEqual({});
	});
});

describe('findCreatedSource (after an ambiguous create failure)', () => {
	const body = buildSourceConnectionBody({
		name: 'Orders source',
		baseConnectionId: BASE,
		tableName: 'public.orders',
		columns: COLUMNS,
	});
	const sentAt = 1_800_000_000_000;

	it('finds the one this attempt made: same name, base connection and table, new since the POST', () => {
		const ours = stored('new', 'Orders source', BASE, 'public.orders', sentAt + 10);
		expect(findCreatedSource([ours], body, sentAt, new Set())).toBe(ours);
		// Adobe's clock may lag ours by up to the skew.
		expect(
			findCreatedSource(
				[stored('x', 'Orders source', BASE, 'public.orders', sentAt - SOURCE_CLOCK_SKEW_MS + 1)],
				body,
				sentAt,
				new Set(),
			)?.id,
		).toBe('x');
	});

	it.each([
		['what existed before the POST', 'before', 'Orders source', 'public.orders', 10, ['before']],
		['an older one', 'old', 'Orders source', 'public.orders', -SOURCE_CLOCK_SKEW_MS - 1, []],
		['another name', 'n', 'Other', 'public.orders', 0, []],
		['another table', 't', 'Orders source', 'public.customers', 0, []],
	])('ignores %s', (_label, id, name, table, createdAfterPost, before) => {
		expect(
			findCreatedSource(
				[stored(id, name, BASE, table, sentAt + createdAfterPost)],
				body,
				sentAt,
				new Set(before),
			),
		).toBeUndefined();
	});
});
