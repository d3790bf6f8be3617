/**
 * The pure rules behind exactly-once creates (issue 21): which racing object is kept, which
 * existing one is preferred, which names may be sent as a filter, and what counts as drift.
 */
import { literalFilterValue } from '../../../nodes/shared/flowService/paging';
import {
	columnsDrift,
	describeDrift,
	flowDrift,
	mappingsDrift,
} from '../../../nodes/shared/resources/dataflow/body';
import { preferNamed, raceWinner } from '../../../nodes/shared/flowService/race';

type Listed = { id: string; createdAt?: number; created?: number; createdDate?: number };

describe('raceWinner: the oldest wins, a tie goes to the smallest ID', () => {
	it.each<[string, Listed[], string]>([
		[
			'Flow Service createdAt',
			[
				{ id: 'b', createdAt: 2 },
				{ id: 'a', createdAt: 3 },
			],
			'b',
		],
		[
			'Catalog created',
			[
				{ id: 'b', created: 5 },
				{ id: 'a', created: 4 },
			],
			'a',
		],
		[
			'Data Prep createdDate',
			[
				{ id: 'x', createdDate: 9 },
				{ id: 'y', createdDate: 1 },
			],
			'y',
		],
		[
			'a tie',
			[
				{ id: 'b', createdAt: 1 },
				{ id: 'a', createdAt: 1 },
			],
			'a',
		],
		['no time: after any timed one', [{ id: 'a' }, { id: 'z', createdAt: 10 }], 'z'],
		['no time at all: the smallest ID', [{ id: 'b' }, { id: 'a' }], 'a'],
	])('%s', (_label, objects, winner) => {
		expect(raceWinner(objects)?.id).toBe(winner);
		// Whatever order a process lists them in, it picks the same one.
		expect(raceWinner([...objects].reverse())?.id).toBe(winner);
	});

	it('nothing listed: no winner', () => {
		expect(raceWinner([])).toBeUndefined();
	});
});

describe('preferNamed', () => {
	it('puts exact-name matches first (case as stored), then the rest oldest first', () => {
		const sorted = preferNamed(
			[
				{ id: '1', name: 'orders (target)', createdAt: 1 },
				{ id: '2', name: 'Other', createdAt: 3 },
				{ id: '3', name: 'Orders (target)', createdAt: 5 },
				{ id: '4', name: 'Older', createdAt: 2 },
			],
			'Orders (target)',
		);
		expect(sorted.map((object) => object.id)).toEqual(['3', '1', '4', '2']);
	});
});

describe('literalFilterValue: only values no filter syntax reads are sent', () => {
	it.each(['Orders (target)', 'public.orders', '373e88fc-43da-4e3c-be88-fc43da3e3c0f', 'Café 2'])(
		'%p is sent',
		(value) => expect(literalFilterValue(value)).toBe(true),
	);
	it.each(['Orders, EU', 'Orders *', '"quoted"', '!not', 'a==b', ' padded', 'tab\there', ''])(
		'%p is compared locally only',
		(value) => expect(literalFilterValue(value)).toBe(false),
	);
});

describe('drift', () => {
	const column = (name: string, type = 'string') => ({ name, type, xdm: { type: 'string' } });

	it('columns: names and types in any order; a new, dropped or retyped column differs', () => {
		expect(columnsDrift([column('a'), column('b')], [column('b'), column('a')])).toEqual([]);
		expect(columnsDrift([column('a')], [column('a'), column('b')])).toEqual([
			{ field: 'columns', stored: ['a string'], input: ['a string', 'b string'] },
		]);
		expect(columnsDrift([column('a', 'integer')], [column('a')])).toHaveLength(1);
	});

	it('mappings: source -> destination pairs in any order, GET aliases read', () => {
		const stored = [{ sourceAttribute: 'id', destinationXdmPath: '_t.id' }];
		expect(mappingsDrift(stored, [{ source: 'id', destination: '_t.id' }])).toEqual([]);
		expect(mappingsDrift(stored, [{ source: 'id', destination: '_t.orderId' }])).toEqual([
			{ field: 'mappings', stored: ['id -> _t.id'], input: ['id -> _t.orderId'] },
		]);
	});

	it('schedule and delta column: each field named with its stored and input value; the start time only when given', () => {
		const stored = { frequency: 'hour', interval: '1', startTime: 100, deltaColumn: 'ordered_at' };
		const same = { ...stored, interval: 1, startTimeGiven: true };
		expect(flowDrift(stored, same)).toEqual([]);
		expect(
			flowDrift(stored, {
				frequency: 'day',
				interval: 2,
				startTime: 200,
				startTimeGiven: false,
				deltaColumn: 'updated_at',
			}),
		).toEqual([
			{ field: 'scheduleParams.frequency', stored: 'hour', input: 'day' },
			{ field: 'scheduleParams.interval', stored: '1', input: 2 },
			{ field: 'deltaColumn', stored: 'ordered_at', input: 'updated_at' },
		]);
		expect(flowDrift(stored, { ...same, startTime: 200 })).toEqual([
			{ field: 'scheduleParams.startTime', stored: 100, input: 200 },
		]);
	});

	it("backfill (absent = Adobe's default, true; not for once) and the delta column's date format are compared too", () => {
		const stored = { frequency: 'hour', interval: 1, startTime: 100, deltaColumn: 'ordered_at' };
		const input = { ...stored, startTimeGiven: false };
		expect(flowDrift(stored, { ...input, backfill: true })).toEqual([]);
		expect(flowDrift({ ...stored, backfill: 'true' }, input)).toEqual([]);
		expect(flowDrift(stored, { ...input, backfill: false })).toEqual([
			{ field: 'scheduleParams.backfill', stored: true, input: false },
		]);
		expect(flowDrift(stored, { ...input, deltaDateFormat: 'yyyy-MM-dd' })).toEqual([
			{ field: 'deltaColumn.dateFormat', stored: null, input: 'yyyy-MM-dd' },
		]);
		const once = { frequency: 'once', startTime: 100 };
		expect(flowDrift(once, { ...once, startTimeGiven: false })).toEqual([]);
	});

	it('describeDrift says field, stored and input', () => {
		expect(describeDrift([{ field: 'scheduleParams.interval', stored: 1, input: 3 }])).toBe(
			'scheduleParams.interval: stored 1, input 3',
		);
	});
});
