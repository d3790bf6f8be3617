/**
 * The Adobe Experience Platform Trigger in n8n-core: each poll runs through n8n-core's PollContext
 * and TriggersAndPollers.runPollFunction on one Workflow object (one static data), as an active workflow
 * does, against the emulator's /runs and /flows. Runs are started and finished with the emulator's
 * controls.
 */
import { NodeApiError, type INodeParameters } from 'n8n-workflow';

import type { StartedEmulator } from '../../emulator';
import { seedDataflows } from '../../support/dataflows';
import { flows as dataflows } from '../../../nodes/shared/resources/dataflow/api';
import { flowRuns, listRuns } from '../../../nodes/shared/resources/flowRun/api';
import { searchDataflows } from '../../../nodes/shared/methods/listSearch';
import { loadPlatformContext } from '../../../nodes/shared/kernel/transport';
import { createCredentialsHelper, createPoller, type Poller } from '../../support/engine/harness';
import { LeakScanner } from '../../support/engine/leaks';
import { closeAndScan, selected, TRIGGER, triggerWorkflow } from '../../support/trigger/kit';
import {
	credentialFor,
	editorContext,
	FLOW_SERVICE,
	startTestEmulator,
} from '../../support/engine/support';

describe('Adobe Experience Platform Trigger (n8n-core PollContext against the emulator)', () => {
	let emu: StartedEmulator;
	let flows: string[];
	const leaks = new LeakScanner();
	let pollers: Poller[] = [];

	const poller = (parameters: INodeParameters, typeVersion?: number) => {
		const p = createPoller(triggerWorkflow(parameters, typeVersion), TRIGGER, {
			credentials: [credentialFor(emu)],
		});
		pollers.push(p);
		return p;
	};
	const runRequests = () =>
		emu
			.requests()
			.filter(
				(r) =>
					r.path.startsWith(`${FLOW_SERVICE}/runs`) || r.path.startsWith(`${FLOW_SERVICE}/flows`),
			);
	/** A run of `flowId` that starts now and ends as `status`. */
	const finishedRun = (
		flowId: string,
		status: 'success' | 'failed',
		extra: Record<string, unknown> = {},
	) => {
		const { id } = emu.startRun(flowId);
		emu.finishRun(id, { status, ...extra });
		return id;
	};

	beforeEach(async () => {
		emu = await startTestEmulator();
		flows = await seedDataflows(emu, ['orders hourly', 'customers hourly', 'other hourly']);
		pollers = [];
	});
	afterEach(async () => {
		await closeAndScan(leaks, emu, pollers);
	});

	it('over 3 polls with 0, 2 and 1 new finished runs it fires exactly 3 times, one item per run', async () => {
		const p = poller({ event: 'anyRunFinished', ...selected(flows[0], flows[1]) });
		const activation = await p.poll();
		expect(activation).toEqual({ response: null, emitted: [] });

		const fired: string[] = [];
		const poll1 = await p.poll();
		expect(poll1.error).toBeUndefined();
		fired.push(...poll1.emitted.map((i) => i.json.runId as string));
		expect(poll1.emitted).toHaveLength(0);

		const a = finishedRun(flows[0], 'failed', {
			inputRecordCount: 12,
			failedRecordCount: 12,
			durationMs: 65_000,
			errors: [{ code: 'CONNECTOR-2001-500', message: 'Copy failed' }],
		});
		const b = finishedRun(flows[1], 'success', { inputRecordCount: 5 });
		const poll2 = await p.poll();
		fired.push(...poll2.emitted.map((i) => i.json.runId as string));
		expect(poll2.emitted).toHaveLength(2);

		const c = finishedRun(flows[0], 'success');
		const poll3 = await p.poll();
		fired.push(...poll3.emitted.map((i) => i.json.runId as string));
		expect(poll3.emitted).toHaveLength(1);

		expect(fired.sort()).toEqual([a, b, c].sort());
		expect((await p.poll()).emitted).toHaveLength(0);

		const failed = poll2.emitted.find((i) => i.json.runId === a)?.json;
		expect(failed).toMatchObject({
			runId: a,
			status: 'failed',
			dataflowId: flows[0],
			dataflowName: 'orders hourly',
			sandboxName: 'prod',
			records: { input: 12, output: 0, failed: 12 },
			durationMs: 65_000,
		});
		// Each error once: the activity's copy (activity, records affected), not the run-level repeat.
		expect(failed?.errors).toEqual([
			{
				code: 'CONNECTOR-2001-500',
				message: 'Copy failed',
				recordCount: 12,
				activity: 'Copy Activity',
			},
		]);
		expect(
			new Date(failed?.completedAt as string).getTime() -
				new Date(failed?.startedAt as string).getTime(),
		).toBe(65_000);
	});

	it('first activation does not replay history; a run in progress at activation fires when it finishes', async () => {
		finishedRun(flows[0], 'failed');
		const { id: running } = emu.startRun(flows[0]);
		const p = poller({ event: 'runFailed', ...selected(flows[0]) });
		expect((await p.poll()).emitted).toHaveLength(0);
		expect((await p.poll()).emitted).toHaveLength(0);
		emu.finishRun(running, { status: 'failed' });
		const after = await p.poll();
		expect(after.emitted.map((i) => i.json.runId)).toEqual([running]);
	});

	it('a run seen in progress on one poll fires once when it finishes later, after newer runs moved the cursor', async () => {
		const p = poller({ event: 'anyRunFinished', ...selected(flows[0]) });
		await p.poll();
		const { id: slow } = emu.startRun(flows[0]);
		expect((await p.poll()).emitted).toHaveLength(0);
		expect(p.staticData().runCursor).toMatchObject({ pending: { [slow]: expect.any(Number) } });
		const quick = finishedRun(flows[0], 'success');
		expect((await p.poll()).emitted.map((i) => i.json.runId)).toEqual([quick]);
		emu.finishRun(slow, { status: 'failed' });
		expect((await p.poll()).emitted.map((i) => i.json.runId)).toEqual([slow]);
		expect((await p.poll()).emitted).toHaveLength(0);
	});

	it('same-millisecond boundary: a second run starting at the cursor time still fires, the first not again', async () => {
		const p = poller({ event: 'anyRunFinished', scope: 'all' });
		await p.poll();
		const at = Date.now() + 5;
		/** A finished run whose start (the emulator's clock) is exactly `at`. */
		const runStartingAt = (flowId: string, status: 'success' | 'failed') => {
			const clock = jest.spyOn(Date, 'now').mockReturnValue(at);
			try {
				return finishedRun(flowId, status, { durationMs: 10 });
			} finally {
				clock.mockRestore();
			}
		};
		const first = runStartingAt(flows[0], 'success');
		expect((await p.poll()).emitted.map((i) => i.json.runId)).toEqual([first]);
		expect(p.staticData().runCursor).toMatchObject({ seen: { [first]: at } });

		const second = runStartingAt(flows[1], 'failed');
		expect((await p.poll()).emitted.map((i) => i.json.runId)).toEqual([second]);
		expect((await p.poll()).emitted).toHaveLength(0);
	});

	it('events: Run Failed fires only failed runs, Run Succeeded only successful ones; the other runs are consumed', async () => {
		const onFailed = poller({ event: 'runFailed', scope: 'all' });
		const onSuccess = poller({ event: 'runSucceeded', scope: 'all' });
		await onFailed.poll();
		await onSuccess.poll();
		const bad = finishedRun(flows[0], 'failed');
		const good = finishedRun(flows[1], 'success');
		expect((await onFailed.poll()).emitted.map((i) => i.json.runId)).toEqual([bad]);
		expect((await onSuccess.poll()).emitted.map((i) => i.json.runId)).toEqual([good]);
		expect((await onFailed.poll()).emitted).toHaveLength(0);
		expect((await onSuccess.poll()).emitted).toHaveLength(0);
	});

	it('scope: selected dataflows see only their runs (sent as a flowId filter); All Dataflows sees every flow of the sandbox', async () => {
		const one = poller({ event: 'anyRunFinished', ...selected(flows[1]) });
		const all = poller({ event: 'anyRunFinished', scope: 'all' });
		await one.poll();
		await all.poll();
		const r0 = finishedRun(flows[0], 'failed');
		const r1 = finishedRun(flows[1], 'failed');
		const r2 = finishedRun(flows[2], 'success');
		const before = emu.requests().length;
		expect((await one.poll()).emitted.map((i) => i.json.runId)).toEqual([r1]);
		const listing = emu
			.requests()
			.slice(before)
			.find((r) => r.path === `${FLOW_SERVICE}/runs`);
		expect(listing?.query.property).toEqual(expect.arrayContaining([`flowId==${flows[1]}`]));
		expect((await all.poll()).emitted.map((i) => i.json.runId).sort()).toEqual([r0, r1, r2].sort());
	});

	it('manual mode (Fetch Test Event) returns the latest matching run and leaves the cursor alone', async () => {
		const p = poller({ event: 'runFailed', ...selected(flows[0]) });
		await p.poll();
		const cursor = p.staticData().runCursor;
		finishedRun(flows[0], 'failed', { durationMs: 0 });
		const latestFailed = finishedRun(flows[0], 'failed', { durationMs: 5 });
		finishedRun(flows[0], 'success');
		finishedRun(flows[1], 'failed');
		const manual = await p.poll('manual');
		expect(manual.emitted.map((i) => i.json.runId)).toEqual([latestFailed]);
		expect(manual.emitted[0].json).toMatchObject({
			dataflowName: 'orders hourly',
			status: 'failed',
		});
		expect(p.staticData().runCursor).toEqual(cursor);
		// The regular poll still reports both failed runs of the flow, once.
		expect((await p.poll()).emitted).toHaveLength(2);
	});

	it('manual mode with no matching run returns nothing', async () => {
		finishedRun(flows[0], 'success');
		const p = poller({ event: 'runFailed', ...selected(flows[0]) });
		expect(await p.poll('manual')).toEqual({ response: null, emitted: [] });
	});

	it('pages through runs with Flow Service continuation links', async () => {
		const p = poller({ event: 'anyRunFinished', scope: 'all' });
		await p.poll();
		const ids = Array.from({ length: 105 }, () => finishedRun(flows[0], 'success'));
		const before = emu.requests().length;
		const poll = await p.poll();
		expect(poll.emitted.map((i) => i.json.runId).sort()).toEqual([...ids].sort());
		const pages = emu
			.requests()
			.slice(before)
			.filter((r) => r.path === `${FLOW_SERVICE}/runs`);
		expect(pages.length).toBeGreaterThanOrEqual(2);
		expect(pages.some((r) => typeof r.query.continuationToken === 'string')).toBe(true);
	});

	it('a new trigger (version 1.1) activates with its defaults: it watches every dataflow of the sandbox and fires for each failed run', async () => {
		const p = poller({}, 1.1);
		const activation = await p.poll();
		expect(activation.error).toBeUndefined();
		const failed = [finishedRun(flows[0], 'failed'), finishedRun(flows[2], 'failed')];
		finishedRun(flows[1], 'success');
		const poll = await p.poll();
		expect(poll.error).toBeUndefined();
		expect(poll.emitted.map((i) => i.json.runId).sort()).toEqual([...failed].sort());
	});

	it('a saved version 1 trigger without a Watch value keeps Selected Dataflows (and its "Dataflows" is empty error)', async () => {
		const outcome = await poller({}, 1).poll();
		expect(outcome.error?.message).toMatch(/"Dataflows" is empty/);
	});

	it('bad input fails naming the field, with no request sent', async () => {
		const cases: Array<[INodeParameters, RegExp]> = [
			[{ event: 'runFailed', scope: 'selected', dataflows: { items: [] } }, /"Dataflows" is empty/],
			[
				{ event: 'runFailed', ...selected('not-a-uuid') },
				/Dataflows › Dataflow 1.*not a dataflow ID/,
			],
			[{ event: 'runFailed', scope: 'all', options: { sandboxName: 'Bad Sandbox!' } }, /Sandbox/],
			[
				{ event: 'runFailed', scope: 'all', afterPause: 'sometimes' },
				/"After a Pause" is "sometimes"; allowed: "catchUp", "startFromNow"/,
			],
		];
		for (const [parameters, message] of cases) {
			const before = runRequests().length;
			const outcome = await poller(parameters).poll();
			expect(outcome.error?.message).toMatch(message);
			expect(runRequests().length).toBe(before);
		}
	});

	it('an Adobe error fails the poll through the masked NodeApiError path and keeps the cursor for the next poll', async () => {
		const p = poller({ event: 'runFailed', scope: 'all' });
		await p.poll();
		const cursor = p.staticData().runCursor;
		const run = finishedRun(flows[0], 'failed');
		emu.failNext({ method: 'GET', path: `${FLOW_SERVICE}/runs` }, 1, {
			status: 400,
			body: {
				type: 'https://ns.adobe.com/aep/errors/FLOW-1301-400',
				title: `Bad filter near ${emu.options.clientSecret}`,
				status: 400,
			},
		});
		const failed = await p.poll();
		expect(failed.error?.constructor.name).toBe('NodeApiError');
		expect(failed.error?.message).toMatch(/1301|Bad filter/);
		expect(p.staticData().runCursor).toEqual(cursor);
		expect((await p.poll()).emitted.map((i) => i.json.runId)).toEqual([run]);
	});

	it('the Dataflow picker lists the sandbox dataflows by name, searchable', async () => {
		const { context } = editorContext(
			createCredentialsHelper([credentialFor(emu)]),
			{ scope: 'selected' },
			'dataflows.items[0].dataflowId',
		);
		const all = await searchDataflows.call(context);
		expect(all.results.map((r) => r.name).sort()).toEqual([
			'customers hourly',
			'orders hourly',
			'other hourly',
		]);
		const found = await searchDataflows.call(context, 'ORDERS');
		expect(found.results).toEqual([
			{ name: 'orders hourly', value: flows[0], description: `${flows[0]} · enabled` },
		]);
	});

	it("shared read calls: flowRuns.get and flows.get unwrap Adobe's {items: [...]}; listRuns filters by status and dataflow; an unknown ID is a 404 NodeApiError", async () => {
		const { context } = editorContext(
			createCredentialsHelper([credentialFor(emu)]),
			{},
			'options.sandboxName',
		);
		const ctx = await loadPlatformContext.call(context);
		const failed = finishedRun(flows[0], 'failed');
		finishedRun(flows[1], 'failed');
		finishedRun(flows[0], 'success');
		expect(await flowRuns.get.call(context, ctx, 'prod', failed)).toMatchObject({
			id: failed,
			flowId: flows[0],
			metrics: { statusSummary: { status: 'failed' } },
		});
		expect(await dataflows.get.call(context, ctx, 'prod', flows[2])).toMatchObject({
			id: flows[2],
			name: 'other hourly',
		});
		expect(
			(
				await listRuns.call(context, ctx, 'prod', { flowIds: [flows[0]], statuses: ['failed'] })
			).map((r) => r.id),
		).toEqual([failed]);
		expect(await listRuns.call(context, ctx, 'prod', { ids: [] })).toEqual([]);
		await expect(
			flowRuns.get.call(context, ctx, 'prod', '00000000-0000-4000-8000-000000000000'),
		).rejects.toBeInstanceOf(NodeApiError);
		await expect(
			flowRuns.get.call(context, ctx, 'prod', '00000000-0000-4000-8000-000000000000'),
		).rejects.toMatchObject({ httpCode: '404' });
		await expect(dataflows.get.call(context, ctx, 'dev', flows[0])).rejects.toMatchObject({
			httpCode: '404',
		});
	});
});
