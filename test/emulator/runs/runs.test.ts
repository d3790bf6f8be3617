import { expectFlowError, property as prop, useFlowInputs, useHarness } from '../testkit';

const NOW_S = Math.floor(Date.now() / 1000);
const HOURLY = { startTime: NOW_S, frequency: 'hour', interval: 1 };
const ONCE = { startTime: NOW_S, frequency: 'once' };

describe('Flow Service: /runs and the run controls', () => {
	const h = useHarness();
	const { createFlow } = useFlowInputs(h, 'src');

	const control = (name: string, body: unknown) => h.control('POST', name, body);
	const runParams = (extra: Record<string, unknown> = {}) => ({
		startTime: NOW_S,
		windowStartTime: NOW_S - 86400,
		windowEndTime: NOW_S,
		...extra,
	});
	const ids = async (query: string) =>
		(await h.flowService('GET', `/runs?${query}`)).json.items.map((r: { id: string }) => r.id);

	it('starts a scheduled run (control), ends it failed (control), and serves metrics, errors and lastRunDetails', async () => {
		const flowId = await createFlow(HOURLY);
		const started = await control('runs', { flowId });
		expect(started.status).toBe(200);
		const runId = started.json.id as string;
		const running = (await h.flowService('GET', `/runs/${runId}`)).json.items[0];
		expect(running).toMatchObject({
			id: runId,
			flowId,
			metrics: { statusSummary: { status: 'inProgress' } },
		});
		expect(running.metrics.durationSummary).not.toHaveProperty('completedAtUTC');

		const finished = await control('runs/finish', {
			runId,
			status: 'failed',
			inputRecordCount: 7,
			durationMs: 65000,
			errors: [{ code: 'CONNECTOR-2001-500', message: 'Copy failed' }],
		});
		expect(finished.status).toBe(200);
		const run = (await h.flowService('GET', `/runs/${runId}`)).json.items[0];
		expect(run.metrics).toMatchObject({
			statusSummary: {
				status: 'failed',
				errors: [{ code: 'CONNECTOR-2001-500', message: 'Copy failed' }],
			},
			recordSummary: { inputRecordCount: 7, outputRecordCount: 0, failedRecordCount: 7 },
		});
		expect(
			run.metrics.durationSummary.completedAtUTC - run.metrics.durationSummary.startedAtUTC,
		).toBe(65000);
		expect(run.activities[0].statusSummary.extensions.errors[0]).toMatchObject({
			code: 'CONNECTOR-2001-500',
			recordCount: 7,
		});
		expect(
			(await h.flowService('GET', `/flows/${flowId}`)).json.items[0].lastRunDetails,
		).toMatchObject({
			id: runId,
			state: 'failed',
		});

		const again = await control('runs/finish', { runId, status: 'success' });
		expect(again.status).toBe(400);
		expect(again.json.error).toMatch(/already finished/);
	});

	it('ends a run succeeded through the handle, with a batch ID and default counts', () => {
		return createFlow(HOURLY).then(async (flowId) => {
			const { id } = h.emu.startRun(flowId);
			const run = h.emu.finishRun(id, { status: 'success' });
			expect(run.metrics.statusSummary).toEqual({
				status: 'success',
				errors: [],
				activityRefs: ['copy', 'promotion'],
			});
			expect(run.metrics.recordSummary).toEqual({
				inputRecordCount: 10,
				outputRecordCount: 10,
				failedRecordCount: 0,
			});
			expect(run.activities[0].targetInfo).toEqual([
				{ type: 'TargetConnection', reference: { type: 'Batch', ids: [expect.any(String)] } },
			]);
			expect(() => h.emu.finishRun(id, { status: 'success' })).toThrow(/already finished/);
			expect(() => h.emu.startRun('nope')).toThrow(/No flow/);
		});
	});

	it('lists runs by flow, by status (any case), by time window and createdAt, newest first, with paging', async () => {
		const flowA = await createFlow(HOURLY);
		const flowB = await createFlow(HOURLY);
		const a1 = h.emu.startRun(flowA).id;
		const a2 = h.emu.startRun(flowA).id;
		const b1 = h.emu.startRun(flowB).id;
		h.emu.finishRun(a1, { status: 'failed' });
		h.emu.finishRun(b1, { status: 'success' });

		expect(await ids(`${prop(`flowId==${flowA}`)}&orderby=createdAt`)).toEqual([a1, a2]);
		expect(await ids(prop('metrics.statusSummary.status==failed'))).toEqual([a1]);
		expect(await ids(prop('metrics.statusSummary.status==Failed'))).toEqual([a1]);
		expect(await ids(`${prop('state==inProgress')}`)).toEqual([a2]);
		const before = h.emu.runs()[0].createdAt - 1;
		expect(
			(
				await ids(
					`${prop(`metrics.durationSummary.startedAtUTC>${before}`)}&${prop(`metrics.durationSummary.startedAtUTC<${Date.now() + 1000}`)}`,
				)
			).sort(),
		).toEqual([a1, a2, b1].sort());
		expect(await ids(`${prop(`createdAt>${Date.now() + 1000}`)}`)).toEqual([]);
		expect(await ids('orderby=-createdAt')).toEqual([b1, a2, a1]);
		const page = await h.flowService('GET', '/runs?limit=2&orderby=createdAt');
		expect(page.json.items.map((r: { id: string }) => r.id)).toEqual([a1, a2]);
		expect(
			(await h.flowService('GET', page.json._links.next.href)).json.items.map(
				(r: { id: string }) => r.id,
			),
		).toEqual([b1]);
		expect((await h.flowService('GET', '/runs?count=true')).json).toEqual({ count: 3 });
		expect(await ids('')).toEqual([b1, a2, a1]);
		expect((await h.flowService('GET', '/runs', undefined, { sandbox: 'dev' })).json.items).toEqual(
			[],
		);
		expectFlowError(
			await h.flowService('GET', `/runs/${a1}`, undefined, { sandbox: 'dev' }),
			'1439-404',
		);
	});

	describe('run now (POST /runs)', () => {
		it('runs a once flow: the first run needs the delta column (1383), later ones may omit it but not change it (1382)', async () => {
			const flowId = await createFlow(ONCE);
			expectFlowError(
				await h.flowService('POST', '/runs', { flowId, params: runParams() }),
				'1383-400',
			);
			const first = await h.flowService('POST', '/runs', {
				flowId,
				params: runParams({ deltaColumn: { name: 'ordered_at' } }),
			});
			expect(first.status).toBe(201);
			expect(first.json).toEqual({ items: [{ id: expect.any(String), etag: expect.any(String) }] });
			const run = (await h.flowService('GET', `/runs/${first.json.items[0].id}`)).json.items[0];
			expect(run.metrics.statusSummary.status).toBe('scheduled');
			expect(run.params.windowEndTime).toBe(NOW_S * 1000);
			expect((await h.flowService('POST', '/runs', { flowId, params: runParams() })).status).toBe(
				201,
			);
			expectFlowError(
				await h.flowService('POST', '/runs', {
					flowId,
					params: runParams({ deltaColumn: { name: 'order_id' } }),
				}),
				'1382-400',
			);
		});

		it('a script moves each new on-demand run one step per GET of it (inProgress, then an outcome)', async () => {
			const flowId = await createFlow(ONCE);
			h.emu.scriptOnDemandRuns(['inProgress', { status: 'failed', inputRecordCount: 3 }]);
			const started = await h.flowService('POST', '/runs', {
				flowId,
				params: runParams({ deltaColumn: { name: 'ordered_at' } }),
			});
			const runId = started.json.items[0].id as string;
			const status = async () =>
				(await h.flowService('GET', `/runs/${runId}`)).json.items[0].metrics;
			expect((await status()).statusSummary.status).toBe('inProgress');
			const ended = await status();
			expect(ended.statusSummary.status).toBe('failed');
			expect(ended.recordSummary).toMatchObject({ inputRecordCount: 3, failedRecordCount: 3 });
			// The script has run out: the run stays as it is.
			expect((await status()).statusSummary.status).toBe('failed');
			// Without a script, a new on-demand run stays scheduled.
			h.emu.scriptOnDemandRuns(undefined);
			const plain = await h.flowService('POST', '/runs', { flowId, params: runParams() });
			const again = await h.flowService('GET', `/runs/${plain.json.items[0].id}`);
			expect(again.json.items[0].metrics.statusSummary.status).toBe('scheduled');
		});

		it('takes times in epoch seconds or milliseconds', async () => {
			const flowId = await createFlow(ONCE);
			const ms = {
				startTime: NOW_S * 1000,
				windowStartTime: (NOW_S - 60) * 1000,
				windowEndTime: NOW_S * 1000,
				deltaColumn: { name: 'ordered_at' },
			};
			const res = await h.flowService('POST', '/runs', { flowId, params: ms });
			expect(res.status).toBe(201);
			expect(h.emu.runs()[0].params).toMatchObject({
				windowStartTime: (NOW_S - 60) * 1000,
				windowEndTime: NOW_S * 1000,
			});
		});

		it.each<[string, (flow: string) => unknown, string]>([
			[
				'a window that ends before it starts',
				(flowId) => ({
					flowId,
					params: runParams({
						windowStartTime: NOW_S,
						windowEndTime: NOW_S - 1,
						deltaColumn: { name: 'ordered_at' },
					}),
				}),
				'1381-400',
			],
			[
				'a delta column the source lacks',
				(flowId) => ({ flowId, params: runParams({ deltaColumn: { name: 'nope' } }) }),
				'1384-400',
			],
			['no params', (flowId) => ({ flowId }), '1304-400'],
			[
				'no windowEndTime',
				(flowId) => ({ flowId, params: { startTime: NOW_S, windowStartTime: NOW_S } }),
				'1304-400',
			],
			[
				'an unknown flow',
				() => ({ flowId: '00000000-0000-4000-8000-000000000000', params: runParams() }),
				'1439-404',
			],
		])('refuses %s', async (_label, body, code) => {
			const flowId = await createFlow(ONCE);
			expectFlowError(await h.flowService('POST', '/runs', body(flowId)), code);
			expect(h.emu.runs()).toEqual([]);
		});

		it('refuses a recurring flow (1386)', async () => {
			const flowId = await createFlow(HOURLY);
			expectFlowError(
				await h.flowService('POST', '/runs', {
					flowId,
					params: runParams({ deltaColumn: { name: 'ordered_at' } }),
				}),
				'1386-400',
			);
		});
	});

	describe('retry (POST /runs/{id}/action?op=re-trigger)', () => {
		it('retries a failed run as a new inProgress run; refuses a successful one (1387) and a disabled flow (1388)', async () => {
			const flowId = await createFlow(HOURLY);
			const failed = h.emu.startRun(flowId).id;
			const ok = h.emu.startRun(flowId).id;
			h.emu.finishRun(failed, { status: 'failed' });
			h.emu.finishRun(ok, { status: 'success' });

			const retry = await h.flowService('POST', `/runs/${failed}/action?op=re-trigger`);
			expect(retry.status).toBe(200);
			expect(retry.json).toEqual({ id: expect.any(String), etag: expect.any(String) });
			expect((await h.flowService('GET', `/runs/${retry.json.id}`)).json.items[0]).toMatchObject({
				flowId,
				retryOf: failed,
				metrics: { statusSummary: { status: 'inProgress' } },
			});
			expectFlowError(await h.flowService('POST', `/runs/${ok}/action?op=re-trigger`), '1387-400');
			expectFlowError(await h.flowService('POST', `/runs/${failed}/action?op=retry`), '1301-400');

			expect((await h.flowService('POST', `/flows/${flowId}/action?op=disable`)).status).toBe(200);
			expectFlowError(
				await h.flowService('POST', `/runs/${failed}/action?op=re-trigger`),
				'1388-400',
			);
		});
	});

	it('seeds runs at given start times (ended or in progress), for large backlogs', async () => {
		const flowId = await createFlow(HOURLY);
		const t = 1_790_000_000_000;
		const [a, b] = h.emu.seedRuns(flowId, [
			{ startedAt: t, status: 'failed', durationMs: 500 },
			{ startedAt: t + 10, status: 'inProgress' },
		]);
		expect(
			await ids(
				`${prop(`metrics.durationSummary.startedAtUTC>=${t}`)}&${prop(`metrics.durationSummary.startedAtUTC<${t + 10}`)}`,
			),
		).toEqual([a]);
		const runs = h.emu.runs();
		expect(runs.find((r) => r.id === a)?.metrics).toMatchObject({
			durationSummary: { startedAtUTC: t, completedAtUTC: t + 500 },
			statusSummary: { status: 'failed' },
		});
		expect(runs.find((r) => r.id === b)?.state).toBe('inProgress');
		expect(() => h.emu.seedRuns('nope', [])).toThrow(/No flow/);
	});

	it("a clock offset moves the runs' times (Adobe's clock ahead or behind the host's); set by the control or the handle", async () => {
		const flowId = await createFlow(HOURLY);
		expect((await control('clock', { offsetMs: -300_000 })).json).toEqual({ offsetMs: -300_000 });
		const before = Date.now();
		const { id } = h.emu.startRun(flowId);
		const run = h.emu.finishRun(id, { status: 'success' });
		expect(run.metrics.durationSummary.startedAtUTC).toBeLessThanOrEqual(before - 300_000 + 1000);
		expect(run.metrics.durationSummary.startedAtUTC).toBeGreaterThanOrEqual(before - 301_000);
		expect((await control('clock', { offsetMs: 'x' })).status).toBe(400);
		h.emu.setClockOffset(0);
		const later = h.emu.startRun(flowId).id;
		expect(h.emu.runs().find((r) => r.id === later)?.createdAt).toBeGreaterThanOrEqual(before);
	});

	it('calls the run-listing hook with the query before answering, so a test can start runs mid-listing', async () => {
		const flowId = await createFlow(HOURLY);
		const seen: string[] = [];
		h.emu.onRunListing((query) => {
			seen.push(query.getAll('property').join('&'));
			if (seen.length === 1) h.emu.startRun(flowId);
		});
		expect(await ids(prop(`flowId==${flowId}`))).toHaveLength(1);
		expect(seen).toEqual([`flowId==${flowId}`]);
		h.emu.onRunListing(undefined);
		await ids(prop(`flowId==${flowId}`));
		expect(seen).toHaveLength(1);
	});

	it('validates the control calls', async () => {
		expect((await control('runs', {})).status).toBe(400);
		expect((await control('runs/finish', { runId: 'nope', status: 'failed' })).status).toBe(400);
		const flowId = await createFlow(HOURLY);
		const runId = h.emu.startRun(flowId).id;
		expect((await control('runs/finish', { runId, status: 'partialSuccess' })).json.error).toMatch(
			/success' or 'failed/,
		);
		const listed = await h.control('GET', 'runs');
		expect(listed.json.map((r: { id: string }) => r.id)).toEqual([runId]);
		h.emu.reset();
		expect(h.emu.runs()).toEqual([]);
	});
});
