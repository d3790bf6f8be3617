/**
 * Flow Run › Run Now with "Wait for Run to Finish", in n8n's engine against the emulator: the
 * emulator moves the new run through its states (one step per check) and the node's clock is a
 * test clock whose sleep only moves its time, so nothing here waits or is timed. Success, failure
 * (each error once), the deadline passing, Continue On Fail, Max Wait as an expression, bad Max
 * Wait values (refused before anything is sent), a failed check naming the started run. With the
 * leak scan.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { AdobeExperiencePlatform } from '../../../nodes/AdobeExperiencePlatform/AdobeExperiencePlatform.node';
import { router } from '../../../nodes/AdobeExperiencePlatform/actions/resources';
import type { RequestPolicy } from '../../../nodes/shared/kernel/transport';

/** The node over another request policy (n8n constructs it with the default one). */
class PlatformWithPolicy extends AdobeExperiencePlatform {
	constructor(policy: RequestPolicy) {
		super();
		this.execute = router.withPolicy(policy);
	}
}
import { DEFAULT_RUN_WAIT } from '../../../nodes/shared/kernel/runWait';
import { NODE_TYPE } from '../../support/workflow';
import { expectOnePerItem, isErrorItem, testPolicy } from '../../support/redshift/kit';
import { rl, useAepEmulator } from '../../support/platform/kit';

jest.setTimeout(60_000);

const RUNS = '/data/foundation/flowservice/runs';
const aep = useAepEmulator('flowRun');

/** A clock whose sleep moves its time at once; `sleeps` lists every wait asked for (ms). */
function testClock() {
	let now = Date.UTC(2030, 0, 1);
	const sleeps: number[] = [];
	return {
		sleeps,
		clock: {
			now: () => now,
			sleep: async (ms: number) => {
				sleeps.push(ms);
				now += ms;
				await Promise.resolve();
			},
		},
	};
}

/** A dataflow with frequency Once on a new chain (delta column ordered_at), made by the node. */
async function onceFlow(): Promise<string> {
	const made = await aep.run(
		[{}],
		await aep.flowCreateParameters({
			name: 'Orders once',
			frequency: 'once',
			deltaColumn: '',
			startTime: '2030-01-01T09:00:00Z',
		}),
	);
	expect(made.json[0].error).toBeUndefined();
	return made.json[0].id as string;
}

/** Run Now of `flowId` waiting, on the node built with the test clock; `extra` adds or overrides parameters. */
async function runNowWaiting(
	flowId: string,
	extra: INodeParameters = {},
	items: IDataObject[] = [{}],
	onError?: false,
) {
	const { clock, sleeps } = testClock();
	const node = new PlatformWithPolicy(testPolicy({ runWait: { ...DEFAULT_RUN_WAIT, clock } }));
	const run = await aep.run(
		items,
		{
			resource: 'flowRun',
			operation: 'runNow',
			flowId: rl('id', flowId),
			windowStart: '2030-01-01T00:00:00Z',
			windowEnd: '2030-01-02T00:00:00Z',
			deltaColumn: 'ordered_at',
			waitForFinish: true,
			...extra,
		},
		{ nodeTypes: { [NODE_TYPE.adobeExperiencePlatform]: node }, onError },
	);
	return { run, sleeps };
}

const checksOf = (runId: string) => aep.calls().filter((call) => call === `GET ${RUNS}/${runId}`);

describe('Flow Run › Run Now › Wait for Run to Finish', () => {
	it('checks with growing waits until the run succeeds, then outputs its status and record counts', async () => {
		const flowId = await onceFlow();
		aep
			.emu()
			.scriptOnDemandRuns(['inProgress', 'inProgress', { status: 'success', inputRecordCount: 7 }]);
		const { run, sleeps } = await runNowWaiting(flowId);

		expectOnePerItem(run.output, 1);
		const [runId] = aep
			.emu()
			.runs()
			.map((stored) => stored.id);
		expect(run.json[0]).toMatchObject({
			id: runId,
			flowId,
			status: 'success',
			outcome: 'success',
			finished: true,
			records: { input: 7, output: 7, failed: 0 },
			errors: [],
			windowStartEpochSeconds: Date.UTC(2030, 0, 1) / 1000,
			wait: {
				deadlineSeconds: 600,
				checks: 3,
				deadlinePassed: false,
				waitedMs: 5000 + 7500 + 11250,
			},
		});
		// 5 s first, then x1.5.
		expect(sleeps).toEqual([5000, 7500, 11250]);
		expect(checksOf(runId)).toHaveLength(3);
	});

	it('outputs a failed run with its record counts and each error once', async () => {
		const flowId = await onceFlow();
		aep.emu().scriptOnDemandRuns([
			{
				status: 'failed',
				inputRecordCount: 12,
				outputRecordCount: 2,
				errors: [{ code: 'CONNECTOR-2001-500', message: 'copy failed' }],
			},
		]);
		const { run } = await runNowWaiting(flowId);

		expect(isErrorItem(run.json[0])).toBe(false);
		expect(run.json[0]).toMatchObject({
			outcome: 'failed',
			finished: true,
			records: { input: 12, output: 2, failed: 10 },
			wait: { checks: 1, deadlinePassed: false },
		});
		// Adobe lists the error at run level and again under the Copy activity: output once.
		expect(run.json[0].errors).toEqual([
			{
				code: 'CONNECTOR-2001-500',
				message: 'copy failed',
				recordCount: 10,
				activity: 'Copy Activity',
			},
		]);
	});

	it('when Max Wait passes, outputs the run as last seen (not an error) with its ID and deadlinePassed', async () => {
		const flowId = await onceFlow();
		aep.emu().scriptOnDemandRuns(['inProgress']);
		const { run, sleeps } = await runNowWaiting(flowId, { maxWaitSeconds: 20 });

		const [runId] = aep
			.emu()
			.runs()
			.map((stored) => stored.id);
		expect(isErrorItem(run.json[0])).toBe(false);
		expect(run.json[0]).toMatchObject({
			id: runId,
			status: 'inProgress',
			finished: false,
			wait: { deadlineSeconds: 20, checks: 3, deadlinePassed: true, waitedMs: 20_000 },
		});
		// The last wait ends at the deadline, where one more check is made.
		expect(sleeps).toEqual([5000, 7500, 7500]);
		expect(checksOf(runId)).toHaveLength(3);
	});

	it('reads Max Wait per item from an expression; with Continue On Fail a bad value fails only its item, before anything is sent for it', async () => {
		const flowId = await onceFlow();
		aep.emu().scriptOnDemandRuns([{ status: 'success' }]);
		const { run } = await runNowWaiting(flowId, { maxWaitSeconds: '={{ $json.wait }}' }, [
			{ wait: 0 },
			{ wait: 30 },
		]);

		expectOnePerItem(run.output, 2);
		expect(isErrorItem(run.json[0])).toBe(true);
		expect(run.json[0].error).toContain('"Max Wait (Seconds)"');
		expect(run.json[0].field).toBe('maxWaitSeconds');
		expect(run.json[1]).toMatchObject({
			outcome: 'success',
			wait: { deadlineSeconds: 30, checks: 1, deadlinePassed: false },
		});
		// Only the second item started a run.
		expect(aep.calls().filter((call) => call === `POST ${RUNS}`)).toHaveLength(1);
	});

	it.each([
		['0', 0],
		['more than 12 hours', 43_201],
		['a fraction', 1.5],
		['text', '={{ "soon" }}'],
		['empty', '={{ "" }}'],
	])('refuses Max Wait %s with a clear error and sends nothing', async (_label, value) => {
		const flowId = await onceFlow();
		aep.emu().reset();
		const { run } = await runNowWaiting(flowId, { maxWaitSeconds: value });
		aep.expectRefusedBeforeSending(run, 'Max Wait (Seconds)', 'maxWaitSeconds');
		expect(run.json[0].error).toMatch(/whole number of seconds from 1 to 43200/);
	});

	it('a check that fails names the started run, so its ID is not lost', async () => {
		const flowId = await onceFlow();
		aep
			.emu()
			.failNext({ method: 'GET', path: /^\/data\/foundation\/flowservice\/runs\/[^/]+$/ }, 1, {
				status: 403,
				body: { type: 'forbidden', title: 'Forbidden', status: 403 },
			});
		const { run } = await runNowWaiting(flowId);

		const [runId] = aep
			.emu()
			.runs()
			.map((stored) => stored.id);
		expect(isErrorItem(run.json[0])).toBe(true);
		expect(run.json[0].description).toContain(`The run ${runId} was started`);
	});

	it('without the option, Run Now sends no check and its output has no wait', async () => {
		const flowId = await onceFlow();
		const { run } = await runNowWaiting(flowId, { waitForFinish: false });
		expect(run.json[0].wait).toBeUndefined();
		expect(aep.calls().filter((call) => call.startsWith(`GET ${RUNS}/`))).toEqual([]);
	});
});
