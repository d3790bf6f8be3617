import {
	formatInZone,
	isKnownTimeZone,
	parseIsoInZone,
	zoneOffsetMinutes,
} from '../../../nodes/shared/node/dateTime';
import { buildScheduleParams, dateToEpochMs } from '../../../nodes/shared/resources/dataflow/body';
import { buildRunNowBody } from '../../../nodes/shared/resources/flowRun/body';
import { invalidField } from '../../support/invalidField';

const NY = 'America/New_York';

describe('offset-less date-times are read in the given time zone (n8n date picker values)', () => {
	it.each<[string, string, number]>([
		['2026-03-01T09:00:00', NY, Date.UTC(2026, 2, 1, 14)], // EST, UTC-5
		['2026-07-01T09:00:00', NY, Date.UTC(2026, 6, 1, 13)], // EDT, UTC-4
		['2026-03-01T09:00:00', 'Europe/Berlin', Date.UTC(2026, 2, 1, 8)],
		['2026-03-01', NY, Date.UTC(2026, 2, 1, 5)], // a date alone: midnight there
		['2026-03-01T09:00:00.250', 'UTC', Date.UTC(2026, 2, 1, 9, 0, 0, 250)],
		['2026-03-01T09:00:00Z', NY, Date.UTC(2026, 2, 1, 9)], // an offset wins over the zone
		['2026-03-01T09:00:00+01:00', NY, Date.UTC(2026, 2, 1, 8)],
		['2026-03-01T09:00:00-0530', NY, Date.UTC(2026, 2, 1, 14, 30)],
	])('%s in %s', (text, zone, expected) => {
		expect(parseIsoInZone(text, zone, 'startTime')).toBe(expected);
		expect(dateToEpochMs(text, 'startTime', zone)).toBe(expected);
	});

	it('DST: the first hour after the spring change is EDT; a repeated autumn hour is its first occurrence', () => {
		// 2026-03-08: New York jumps from 02:00 EST to 03:00 EDT.
		expect(parseIsoInZone('2026-03-08T01:59:00', NY, 'f')).toBe(Date.UTC(2026, 2, 8, 6, 59));
		expect(parseIsoInZone('2026-03-08T03:00:00', NY, 'f')).toBe(Date.UTC(2026, 2, 8, 7));
		// 2026-11-01: 01:30 happens twice (EDT, then EST).
		expect(parseIsoInZone('2026-11-01T01:30:00', NY, 'f')).toBe(Date.UTC(2026, 10, 1, 5, 30));
	});

	it('refuses a wall time the DST change skips, naming the field and the zone', () => {
		const error = invalidField(() => dateToEpochMs('2026-03-08T02:30:00', 'startTime', NY));
		expect(error.field).toBe('startTime');
		expect(error.message).toMatch(/does not exist in the workflow's time zone America\/New_York/);
	});

	it.each<[string, RegExp]>([
		['2026-02-30T09:00:00', /day 30 \(this month has 01 to 28\)/],
		['2028-02-30', /day 30 \(this month has 01 to 29\)/],
		['2026-04-31T09:00:00Z', /day 31 \(this month has 01 to 30\)/],
		['2026-13-01T09:00:00', /month 13/],
		['2026-03-01T24:00:00', /hour 24 \(00 to 23\)/],
		['2026-03-01T23:61:00', /minute 61 \(00 to 59\)/],
		['2026-03-01T23:59:60', /second 60/],
		['2026-03-01T09:00:00+25:00', /offset/],
	])('refuses the impossible %s, naming the field and what is allowed', (text, reason) => {
		const error = invalidField(() => dateToEpochMs(text, 'windowStart', NY));
		expect(error.field).toBe('windowStart');
		expect(error.message).toMatch(/'windowStart' is not a real date and time/);
		expect(error.message).toMatch(reason);
	});

	it('refuses an offset-less time in a zone Node does not know, naming the field; an offset is exact', () => {
		const error = invalidField(() => parseIsoInZone('2026-03-01T09:00', 'DEFAULT', 'startTime'));
		expect(error.field).toBe('startTime');
		expect(error.message).toContain(
			'the workflow\'s time zone "DEFAULT" is not one this n8n knows',
		);
		expect(parseIsoInZone('2026-03-01T09:00Z', 'DEFAULT', 'startTime')).toBe(
			Date.UTC(2026, 2, 1, 9),
		);
	});

	it('Southern hemisphere (Sydney): the October change skips 02:00-03:00, the April one repeats 02:00-03:00', () => {
		const SYD = 'Australia/Sydney';
		expect(() => parseIsoInZone('2030-10-06T02:30:00', SYD, 'f')).toThrow(/does not exist/);
		expect(parseIsoInZone('2030-10-06T03:30:00', SYD, 'f')).toBe(Date.UTC(2030, 9, 5, 16, 30)); // AEDT +11
		expect(parseIsoInZone('2030-04-07T02:30:00', SYD, 'f')).toBe(Date.UTC(2030, 3, 6, 15, 30)); // first: +11
		expect(parseIsoInZone('2030-04-07T03:30:00', SYD, 'f')).toBe(Date.UTC(2030, 3, 6, 17, 30)); // AEST +10
	});

	it('refuses what is not a date', () => {
		for (const text of ['tomorrow', '2026/03/01', '1700000000', '0099-01-01'])
			expect(invalidField(() => dateToEpochMs(text, 'startTime', NY)).message).toMatch(
				/must be a date such as/,
			);
	});
});

describe('formatInZone', () => {
	it('shows the wall time with its offset', () => {
		expect(formatInZone(Date.UTC(2026, 2, 1, 8), 'Europe/Berlin')).toBe(
			'2026-03-01T09:00:00+01:00',
		);
		expect(formatInZone(Date.UTC(2026, 2, 1, 14), NY)).toBe('2026-03-01T09:00:00-05:00');
		expect(formatInZone(Date.UTC(2026, 6, 1, 13), NY)).toBe('2026-07-01T09:00:00-04:00');
		expect(formatInZone(Date.UTC(2026, 2, 1, 9), 'UTC')).toBe('2026-03-01T09:00:00+00:00');
		expect(formatInZone(Date.UTC(2026, 2, 1, 9), 'Asia/Kolkata')).toBe('2026-03-01T14:30:00+05:30');
	});

	it('round-trips with parseIsoInZone', () => {
		const instant = Date.UTC(2026, 10, 1, 6, 30); // 01:30 EST, the second 01:30 of the day
		expect(zoneOffsetMinutes(instant, NY)).toBe(-300);
		expect(parseIsoInZone(formatInZone(instant, NY), 'UTC', 'f')).toBe(instant);
	});

	it('knows IANA zones', () => {
		expect(isKnownTimeZone(NY)).toBe(true);
		expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
	});
});

describe('the schedule and run builders take the time zone', () => {
	it('buildScheduleParams reads an offset-less Start Time in the zone (epoch seconds)', () => {
		expect(
			buildScheduleParams({ frequency: 'once', startTime: '2026-03-01T09:00:00', timeZone: NY })
				.startTime,
		).toBe(Date.UTC(2026, 2, 1, 14) / 1000);
	});

	it('buildRunNowBody reads offset-less windows in the zone (epoch seconds)', () => {
		const body = buildRunNowBody({
			flowId: 'f',
			windowStart: '2026-03-01T00:00:00',
			windowEnd: '2026-03-02T00:00:00',
			nowMs: Date.UTC(2026, 2, 3),
			timeZone: NY,
		});
		expect(body.params.windowStartTime).toBe(Date.UTC(2026, 2, 1, 5) / 1000);
		expect(body.params.windowEndTime).toBe(Date.UTC(2026, 2, 2, 5) / 1000);
	});
});
