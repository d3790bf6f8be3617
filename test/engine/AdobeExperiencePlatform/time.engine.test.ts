/**
 * Date-times without an offset (what n8n's date picker stores) in n8n's engine against the emulator:
 * read in the workflow's time zone (its Timezone setting, `this.getTimezone()`), never the n8n
 * process's; a DST edge; impossible dates refused naming the field with nothing sent; outputs show
 * the resolved time with its offset and the epoch seconds sent. Dataflow › Create, Create From
 * Table and Update, Flow Run › Run Now and Get Many. With the leak scan.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { seedConnections } from '../../support/engine/support';
import { rl, useAepEmulator } from '../../support/platform/kit';

jest.setTimeout(60_000);

const aep = useAepEmulator('dataflow');
const FLOWS = '/data/foundation/flowservice/flows';
const RUNS = '/data/foundation/flowservice/runs';
const NY = 'America/New_York';

// The n8n process runs in another zone than the workflow: offset-less times must not be read in it.
const processTz = process.env.TZ;
beforeAll(() => {
	process.env.TZ = 'Asia/Tokyo';
});
afterAll(() => {
	if (processTz === undefined) delete process.env.TZ;
	else process.env.TZ = processTz;
});

const inNewYork = { timezone: NY };
const bodyOf = (path: string, method = 'POST') =>
	aep
		.answered()
		.filter((entry) => entry.method === method && entry.path.startsWith(path))
		.map((entry) => JSON.parse(entry.body) as IDataObject);

/** Runs the node after the set-up: no Platform request may go out during the run. */
async function runSendingNothing(parameters: INodeParameters) {
	const before = aep.emu().platformRequests().length;
	const run = await aep.run([{}], parameters, inNewYork);
	expect(aep.emu().platformRequests().slice(before)).toEqual([]);
	return run;
}

const createParameters = async (extra: INodeParameters) => await aep.flowCreateParameters(extra);

describe("Offset-less date-times are read in the workflow's time zone", () => {
	it('Dataflow › Create: Start Time 09:00 in New York is 14:00 UTC (EST); the output shows it with its offset', async () => {
		const run = await aep.run(
			[{}],
			await createParameters({ startTime: '2030-03-01T09:00:00' }),
			inNewYork,
		);
		expect(run.json[0].error).toBeUndefined();
		const sent = Date.UTC(2030, 2, 1, 14) / 1000;
		expect((bodyOf(FLOWS)[0].scheduleParams as IDataObject).startTime).toBe(sent);
		expect(run.json[0]).toMatchObject({
			startTime: '2030-03-01T09:00:00-05:00',
			startTimeEpochSeconds: sent,
			timeZone: NY,
		});
	});

	it('DST edge: the first hour after the spring change is EDT (-04:00); a time the clocks skip is refused, nothing sent', async () => {
		// 2030-03-10: New York jumps from 02:00 EST to 03:00 EDT.
		const after = await aep.run(
			[{}],
			await createParameters({ startTime: '2030-03-10T03:30:00' }),
			inNewYork,
		);
		expect(after.json[0]).toMatchObject({
			startTime: '2030-03-10T03:30:00-04:00',
			startTimeEpochSeconds: Date.UTC(2030, 2, 10, 7, 30) / 1000,
		});
		const skipped = await runSendingNothing(
			await createParameters({ startTime: '2030-03-10T02:30:00' }),
		);
		expect(skipped.json[0].error).toContain(`does not exist in the workflow's time zone ${NY}`);
		expect(skipped.json[0].field).toBe('startTime');
	});

	it("a time zone this n8n does not know (e.g. 'DEFAULT' saved through the API): an offset-less Start Time is refused naming the field, not read in UTC; one with an offset is exact", async () => {
		const unknownZone = { timezone: 'DEFAULT' };
		const refused = await aep.run(
			[{}],
			await createParameters({ startTime: '2030-03-01T09:00:00' }),
			unknownZone,
		);
		expect(refused.json[0].field).toBe('startTime');
		expect(refused.json[0].error).toContain(
			'workflow\'s time zone "DEFAULT" is not one this n8n knows',
		);
		expect(bodyOf(FLOWS)).toEqual([]);
		const exact = await aep.run(
			[{}],
			await createParameters({ startTime: '2030-03-01T09:00:00+01:00' }),
			unknownZone,
		);
		expect(exact.json[0]).toMatchObject({
			startTime: '2030-03-01T08:00:00+00:00',
			startTimeEpochSeconds: Date.UTC(2030, 2, 1, 8) / 1000,
			timeZone: 'UTC',
		});
	});

	it.each<[string, RegExp]>([
		['2030-02-30T09:00:00', /day 30 \(this month has 01 to 28\)/],
		['2030-03-01T24:61:00', /hour 24 \(00 to 23\)/],
	])(
		'an impossible Start Time %s is refused naming the field and what is allowed, nothing sent',
		async (startTime, reason) => {
			const run = await runSendingNothing(await createParameters({ startTime }));
			expect(run.json[0].error).toContain('"Start Time" is not a real date and time');
			expect(run.json[0].error).toMatch(reason);
			expect(run.json[0].field).toBe('startTime');
		},
	);

	it('Dataflow › Create From Table: the Start Time in New York; output with offset and epoch seconds', async () => {
		const [baseConnectionId] = await seedConnections(aep.emu(), ['warehouse']);
		const run = await aep.run(
			[{}],
			{
				resource: 'dataflow',
				operation: 'createFromTable',
				connectionId: rl('list', baseConnectionId),
				tablePath: { __rl: true, mode: 'name', value: 'public.orders' },
				datasetId: rl('id', aep.seedDataset()),
				frequency: 'day',
				interval: 1,
				startTime: '2030-07-01T06:00:00',
				deltaColumn: 'ordered_at',
			},
			inNewYork,
		);
		expect(run.json[0].error).toBeUndefined();
		const sent = Date.UTC(2030, 6, 1, 10) / 1000; // EDT, UTC-4
		expect((bodyOf(FLOWS)[0].scheduleParams as IDataObject).startTime).toBe(sent);
		expect(run.json[0]).toMatchObject({
			startTime: '2030-07-01T06:00:00-04:00',
			startTimeEpochSeconds: sent,
		});
	});

	it('Dataflow › Update: a new Start Time in New York is patched in epoch seconds and output with its offset', async () => {
		const created = await aep.run(
			[{}],
			await createParameters({ startTime: '2030-03-01T09:00:00Z' }),
		);
		const update = (startTime: string) =>
			aep.run(
				[{}],
				{
					resource: 'dataflow',
					operation: 'update',
					flowId: rl('id', created.json[0].id as string),
					updateFields: { startTime },
				},
				inNewYork,
			);
		const run = await update('2031-01-15T08:00:00');
		const sent = Date.UTC(2031, 0, 15, 13) / 1000;
		const patch = aep.answered().find((entry) => entry.method === 'PATCH');
		expect(JSON.parse(patch?.body ?? '[]')).toEqual([
			{ op: 'replace', path: '/scheduleParams/startTime', value: sent },
		]);
		expect(run.json[0]).toMatchObject({
			startTime: '2031-01-15T08:00:00-05:00',
			startTimeEpochSeconds: sent,
		});
		const impossible = await update('2031-02-29T08:00:00');
		expect(impossible.json[0].field).toBe('updateFields.startTime');
		expect(impossible.json[0].error).toMatch(/day 29 \(this month has 01 to 28\)/);
	});

	it('Flow Run › Run Now: the window in New York, sent in epoch seconds, output with offsets', async () => {
		const created = await aep.run(
			[{}],
			await createParameters({ frequency: 'once', interval: '', deltaColumn: '' }),
		);
		const run = await aep.run(
			[{}],
			{
				resource: 'flowRun',
				operation: 'runNow',
				flowId: rl('id', created.json[0].id as string),
				windowStart: '2030-01-01T00:00:00',
				windowEnd: '2030-01-02T00:00:00',
				deltaColumn: 'ordered_at',
			},
			inNewYork,
		);
		const start = Date.UTC(2030, 0, 1, 5) / 1000;
		const end = Date.UTC(2030, 0, 2, 5) / 1000;
		expect(bodyOf(RUNS)[0].params).toMatchObject({ windowStartTime: start, windowEndTime: end });
		expect(run.json[0]).toMatchObject({
			windowStart: '2030-01-01T00:00:00-05:00',
			windowEnd: '2030-01-02T00:00:00-05:00',
			windowStartEpochSeconds: start,
			windowEndEpochSeconds: end,
			timeZone: NY,
		});
	});

	it('Flow Run › Get Many: Started After / Before in New York; an impossible date is refused, nothing sent', async () => {
		const list = (filters: IDataObject) =>
			aep.run(
				[{}],
				{
					resource: 'flowRun',
					operation: 'getAll',
					flowId: rl('id', '15df49a6-e2a4-4000-8330-350797b161f6'),
					returnAll: true,
					filters: filters as INodeParameters,
				},
				inNewYork,
			);
		await list({ startedAfter: '2030-06-01T00:00:00', startedBefore: '2030-06-02T00:00:00' });
		const listed = aep.answered().find((entry) => entry.method === 'GET' && entry.path === RUNS);
		expect(listed?.query.property).toEqual(
			expect.arrayContaining([
				`metrics.durationSummary.startedAtUTC>=${Date.UTC(2030, 5, 1, 4)}`,
				`metrics.durationSummary.startedAtUTC<${Date.UTC(2030, 5, 2, 4)}`,
			]),
		);
		aep.emu().reset();
		const refused = await list({ startedAfter: '2030-06-31T00:00:00' });
		expect(refused.json[0].field).toBe('filters.startedAfter');
		expect(refused.json[0].error).toContain('"Started After" is not a real date and time');
		expect(aep.emu().platformRequests()).toEqual([]);
	});
});
