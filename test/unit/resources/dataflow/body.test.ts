import {
	buildCreateFlowBody,
	buildFlowPatch,
	buildFlowTransformations,
	buildScheduleParams,
	checkScheduleChange,
	checkSomeChange,
} from '../../../../nodes/shared/resources/dataflow/body';
import { buildRunNowBody, idAndEtag } from '../../../../nodes/shared/resources/flowRun/body';
import { isMappingSetId } from '../../../../nodes/shared/resources/mappingSet/body';
import { invalidField } from '../../../support/invalidField';

/** The field the InvalidFieldError thrown by `run` names. */
const fieldOf = (run: () => unknown): string => invalidField(run).field;

const MAPPING_ID = '0b090130b58b4819afc78b6dc98b484d';
const START = '2026-12-01T09:00:00Z';
const START_S = Date.UTC(2026, 11, 1, 9) / 1000;
const SPEC = { id: '14518937-270c-4525-bdec-c2ba7cce3860', version: '1.0' };

describe('buildCreateFlowBody', () => {
	it('builds the documented body: start time in epoch seconds, Copy then Mapping, no state', () => {
		const scheduleParams = buildScheduleParams({
			frequency: 'hour',
			interval: 1,
			startTime: START,
			backfill: true,
		});
		const transformations = buildFlowTransformations({
			frequency: 'hour',
			deltaColumn: 'updated_at',
			mappingId: MAPPING_ID,
			mappingVersion: 0,
		});
		const body = buildCreateFlowBody({
			name: 'f',
			flowSpec: SPEC,
			sourceConnectionId: 's',
			targetConnectionId: 't',
			transformations,
			scheduleParams,
		});
		expect(body).toEqual({
			name: 'f',
			flowSpec: SPEC,
			sourceConnectionIds: ['s'],
			targetConnectionIds: ['t'],
			transformations: [
				{ name: 'Copy', params: { deltaColumn: { name: 'updated_at', timezone: 'UTC' } } },
				{ name: 'Mapping', params: { mappingId: MAPPING_ID, mappingVersion: 0 } },
			],
			scheduleParams: { startTime: START_S, frequency: 'hour', interval: 1, backfill: true },
		});
		expect('state' in body).toBe(false);
		// Seconds, not milliseconds: 10 digits.
		expect(String(body.scheduleParams.startTime)).toHaveLength(10);
	});

	it('keeps a description only when given', () => {
		const base = {
			name: 'f',
			flowSpec: SPEC,
			sourceConnectionId: 's',
			targetConnectionId: 't',
			transformations: [],
			scheduleParams: { startTime: 1, frequency: 'once' as const },
		};
		expect(buildCreateFlowBody({ ...base, description: 'd' }).description).toBe('d');
		expect('description' in buildCreateFlowBody(base)).toBe(false);
	});
});

describe('buildFlowPatch', () => {
	const scheduled = {
		scheduleParams: { frequency: 'hour', interval: 1 },
		transformations: [
			{ name: 'Copy', params: {} },
			{ name: 'Mapping', params: { mappingId: MAPPING_ID, mappingVersion: 0 } },
		],
	};

	it('uses the documented paths and replaces the Mapping transformation at its index', () => {
		expect(
			buildFlowPatch(
				{
					name: 'n',
					schedule: { frequency: 'day', interval: 2, startTime: START_S },
					mappingVersion: 3,
				},
				scheduled,
			),
		).toEqual([
			{ op: 'replace', path: '/name', value: 'n' },
			{ op: 'replace', path: '/scheduleParams/frequency', value: 'day' },
			{ op: 'replace', path: '/scheduleParams/interval', value: 2 },
			{ op: 'replace', path: '/scheduleParams/startTime', value: START_S },
			{
				op: 'replace',
				path: '/transformations/1',
				value: { name: 'Mapping', params: { mappingId: MAPPING_ID, mappingVersion: 3 } },
			},
		]);
	});

	it('adds an interval the flow does not have yet (RFC 6902 replace needs the member)', () => {
		expect(
			buildFlowPatch({ schedule: { interval: 2 } }, { scheduleParams: { frequency: 'hour' } }),
		).toEqual([{ op: 'add', path: '/scheduleParams/interval', value: 2 }]);
	});

	it('refuses a mapping version when the flow has no Mapping transformation, and an empty change', () => {
		expect(
			fieldOf(() => buildFlowPatch({ mappingVersion: 1 }, { transformations: [{ name: 'Copy' }] })),
		).toBe('updateFields.mappingVersion');
		expect(fieldOf(() => buildFlowPatch({}, scheduled))).toBe('updateFields');
		expect(fieldOf(() => checkSomeChange({ schedule: {} }))).toBe('updateFields');
	});
});

describe('checkScheduleChange', () => {
	it('refuses changing the frequency or interval of a once flow', () => {
		expect(
			fieldOf(() =>
				checkScheduleChange({ frequency: 'hour' }, { scheduleParams: { frequency: 'once' } }),
			),
		).toBe('updateFields.frequency');
		expect(
			fieldOf(() =>
				checkScheduleChange({ interval: 2 }, { scheduleParams: { frequency: 'once' } }),
			),
		).toBe('updateFields.interval');
	});

	it('applies the minute minimum to the resulting schedule', () => {
		expect(
			fieldOf(() =>
				checkScheduleChange(
					{ frequency: 'minute' },
					{ scheduleParams: { frequency: 'hour', interval: 1 } },
				),
			),
		).toBe('updateFields.frequency');
		expect(
			fieldOf(() =>
				checkScheduleChange(
					{ interval: 10 },
					{ scheduleParams: { frequency: 'minute', interval: 15 } },
				),
			),
		).toBe('updateFields.interval');
		expect(() =>
			checkScheduleChange(
				{ frequency: 'minute', interval: 15 },
				{ scheduleParams: { frequency: 'hour', interval: 1 } },
			),
		).not.toThrow();
		expect(() =>
			checkScheduleChange({ startTime: START_S }, { scheduleParams: { frequency: 'once' } }),
		).not.toThrow();
	});
});

describe('buildRunNowBody', () => {
	const now = Date.UTC(2026, 11, 2, 0, 0, 0, 500);

	it('sends every time in epoch seconds (10 digits), delta column only when given', () => {
		const body = buildRunNowBody({
			flowId: 'f',
			windowStart: START,
			windowEnd: '2026-12-01T10:00:00Z',
			nowMs: now,
			deltaColumn: ' updated_at ',
		});
		expect(body).toEqual({
			flowId: 'f',
			params: {
				startTime: Math.floor(now / 1000),
				windowStartTime: START_S,
				windowEndTime: START_S + 3600,
				deltaColumn: { name: 'updated_at' },
			},
		});
		for (const value of [
			body.params.startTime,
			body.params.windowStartTime,
			body.params.windowEndTime,
		])
			expect(String(value)).toHaveLength(10);
		expect(
			'deltaColumn' in
				buildRunNowBody({ flowId: 'f', windowStart: START, windowEnd: START, nowMs: now }).params,
		).toBe(false);
	});

	it.each<[string, Record<string, unknown>, string]>([
		['a window end before its start', { windowEnd: '2026-11-30T00:00:00Z' }, 'windowEnd'],
		[
			'a number (seconds or milliseconds?) as window start',
			{ windowStart: START_S },
			'windowStart',
		],
		['text that is not a date', { windowEnd: 'yesterday' }, 'windowEnd'],
	])('names the field for %s', (_label, input, field) => {
		expect(
			fieldOf(() =>
				buildRunNowBody({
					flowId: 'f',
					windowStart: START,
					windowEnd: START,
					nowMs: now,
					...input,
				}),
			),
		).toBe(field);
	});
});

describe('idAndEtag', () => {
	it('reads both documented answers of POST /runs', () => {
		expect(idAndEtag({ items: [{ id: 'r1', etag: '"e"' }] })).toEqual({ id: 'r1', etag: '"e"' });
		expect(idAndEtag({ id: 'r2', etag: '"e"' })).toEqual({ id: 'r2', etag: '"e"' });
		expect(idAndEtag({ id: 'r3' })).toEqual({ id: 'r3' });
	});

	it('finds no ID in other answers', () => {
		for (const body of [
			undefined,
			null,
			'',
			{},
			{ items: [] },
			{ items: [{}] },
			{ id: 5 },
			{ id: '' },
		])
			expect(idAndEtag(body)).toBeUndefined();
	});
});

describe('isMappingSetId', () => {
	it('takes 32 hex digits only', () => {
		expect(isMappingSetId(MAPPING_ID)).toBe(true);
		expect(isMappingSetId(MAPPING_ID.toUpperCase())).toBe(true);
		for (const value of [
			MAPPING_ID.slice(1),
			`${MAPPING_ID}0`,
			'g'.repeat(32),
			'373e88fc-43da-4e3c-be88-fc43da3e3c0f',
			5,
		])
			expect(isMappingSetId(value)).toBe(false);
	});
});
