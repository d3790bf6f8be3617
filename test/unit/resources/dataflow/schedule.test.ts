import {
	buildFlowTransformations,
	buildScheduleParams,
	dateToEpochMs,
	type ScheduleInput,
} from '../../../../nodes/shared/resources/dataflow/body';
import { invalidField } from '../../../support/invalidField';

const fieldOf = (run: () => unknown): string => invalidField(run).field;

const START = '2026-12-01T09:00:00Z';
const START_S = Date.UTC(2026, 11, 1, 9) / 1000;

describe('buildScheduleParams', () => {
	it('sends the start time in epoch seconds', () => {
		expect(
			buildScheduleParams({ frequency: 'hour', interval: 2, startTime: START, backfill: true }),
		).toEqual({ startTime: START_S, frequency: 'hour', interval: 2, backfill: true });
		expect(START_S).toBe(1796115600);
	});

	it('accepts a Date, a Luxon-like DateTime and floors milliseconds', () => {
		expect(
			buildScheduleParams({ frequency: 'once', startTime: new Date(START_S * 1000 + 999) })
				.startTime,
		).toBe(START_S);
		expect(
			buildScheduleParams({ frequency: 'once', startTime: { toMillis: () => START_S * 1000 } })
				.startTime,
		).toBe(START_S);
	});

	it('omits interval and backfill for once', () => {
		expect(
			buildScheduleParams({ frequency: 'once', startTime: START, interval: '', backfill: false }),
		).toEqual({ startTime: START_S, frequency: 'once' });
	});

	it.each<[string, Record<string, unknown>, string]>([
		['an unknown frequency', { frequency: 'month', interval: 1 }, 'frequency'],
		['an interval with once', { frequency: 'once', interval: 1 }, 'interval'],
		['backfill with once', { frequency: 'once', backfill: true }, 'backfill'],
		['minute below 15', { frequency: 'minute', interval: 14 }, 'interval'],
		['a missing interval', { frequency: 'day' }, 'interval'],
		['interval 0', { frequency: 'week', interval: 0 }, 'interval'],
		['a fractional interval', { frequency: 'hour', interval: 1.5 }, 'interval'],
		['a string backfill', { frequency: 'hour', interval: 1, backfill: 'yes' }, 'backfill'],
		[
			'a number start time (s or ms?)',
			{ frequency: 'hour', interval: 1, startTime: 1796115600 },
			'startTime',
		],
		[
			'an unparseable start time',
			{ frequency: 'hour', interval: 1, startTime: 'tomorrow' },
			'startTime',
		],
	])('names the field for %s', (_label, input, field) => {
		expect(
			fieldOf(() => buildScheduleParams({ startTime: START, ...input } as ScheduleInput)),
		).toBe(field);
	});

	it('accepts minute 15 and an interval given as digits', () => {
		expect(
			buildScheduleParams({ frequency: 'minute', interval: '15', startTime: START }).interval,
		).toBe(15);
	});
});

describe('dateToEpochMs', () => {
	it('reads an ISO string with an offset', () =>
		expect(dateToEpochMs('2026-12-01T10:00:00+01:00')).toBe(START_S * 1000));
});

describe('buildFlowTransformations', () => {
	const mapping = { name: 'Mapping', params: { mappingId: 'a'.repeat(32), mappingVersion: 0 } };
	it('puts Copy with a UTC delta column before Mapping for a scheduled flow', () => {
		expect(
			buildFlowTransformations({
				frequency: 'hour',
				deltaColumn: 'updated_at',
				columns: ['id', 'updated_at'],
				mappingId: 'a'.repeat(32),
				mappingVersion: 0,
			}),
		).toEqual([
			{ name: 'Copy', params: { deltaColumn: { name: 'updated_at', timezone: 'UTC' } } },
			mapping,
		]);
	});

	it('adds the date format when given', () => {
		const [copy] = buildFlowTransformations({
			frequency: 'day',
			deltaColumn: 'd',
			deltaDateFormat: 'yyyy-MM-dd HH:mm:ss',
			mappingId: 'a'.repeat(32),
			mappingVersion: 0,
		});
		expect(copy.params).toEqual({
			deltaColumn: { name: 'd', dateFormat: 'yyyy-MM-dd HH:mm:ss', timezone: 'UTC' },
		});
	});

	it('has only Mapping for once', () => {
		expect(
			buildFlowTransformations({ frequency: 'once', mappingId: 'a'.repeat(32), mappingVersion: 0 }),
		).toEqual([mapping]);
	});

	it.each<[string, Record<string, unknown>]>([
		['delta column with once (1369)', { frequency: 'once', deltaColumn: 'updated_at' }],
		['no delta column on a scheduled flow (1367)', { frequency: 'minute' }],
		[
			'a delta column that is not a source column',
			{ frequency: 'day', deltaColumn: 'nope', columns: ['id'] },
		],
	])('names deltaColumn for %s', (_label, input) => {
		expect(
			fieldOf(() =>
				buildFlowTransformations({
					mappingId: 'a'.repeat(32),
					mappingVersion: 0,
					...input,
				} as never),
			),
		).toBe('deltaColumn');
	});
});

describe("dateToEpochMs: the workflow's time zone, impossible dates", () => {
	const processTz = process.env.TZ;
	beforeAll(() => {
		process.env.TZ = 'Asia/Tokyo'; // the n8n process's zone must not matter
	});
	afterAll(() => {
		if (processTz === undefined) delete process.env.TZ;
		else process.env.TZ = processTz;
	});

	it('reads a date-time without an offset in the given zone, not the process zone', () => {
		expect(dateToEpochMs('2026-03-01T09:00:00', 'startTime', 'America/New_York')).toBe(
			Date.UTC(2026, 2, 1, 14),
		);
	});

	it.each(['2026-02-30T09:00:00Z', '2026-03-01T24:61:00Z', '2026-04-31'])(
		'refuses the impossible %s, naming the field',
		(text) => {
			expect(() => dateToEpochMs(text, 'startTime', 'UTC')).toThrow(
				/'startTime' is not a real date and time/,
			);
		},
	);
});
