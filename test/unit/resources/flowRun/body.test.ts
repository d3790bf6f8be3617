import { runOutcome, summarizeRun } from '../../../../nodes/shared/resources/flowRun/body';

const RUN = {
	id: 'run-1',
	flowId: 'flow-1',
	etag: '"e"',
	metrics: {
		durationSummary: { startedAtUTC: 1796115600000, completedAtUTC: 1796115725500 },
		sizeSummary: { inputBytes: 2048, outputBytes: 1024 },
		recordSummary: { inputRecordCount: 10, outputRecordCount: 8, failedRecordCount: 2 },
		statusSummary: {
			status: 'failed',
			errors: [{ code: 'CONNECTOR-2001-500', message: 'Copy failed' }],
		},
	},
	activities: [
		{
			name: 'Copy Activity',
			statusSummary: {
				extensions: { errors: [{ code: 'MAPPER-3700-400', message: 'bad date', recordCount: 2 }] },
			},
			targetInfo: [{ type: 'TargetConnection', reference: { type: 'Batch', ids: ['batch-1'] } }],
		},
	],
};

describe('summarizeRun', () => {
	it('reads status from metrics.statusSummary.status, counts, duration in ms and every error', () => {
		expect(summarizeRun(RUN)).toEqual({
			id: 'run-1',
			flowId: 'flow-1',
			status: 'failed',
			outcome: 'failed',
			finished: true,
			startedAt: '2026-12-01T09:00:00.000Z',
			completedAt: '2026-12-01T09:02:05.500Z',
			durationMs: 125500,
			records: { input: 10, output: 8, failed: 2 },
			bytes: { input: 2048, output: 1024 },
			errors: [
				{ code: 'CONNECTOR-2001-500', message: 'Copy failed' },
				{ code: 'MAPPER-3700-400', message: 'bad date', recordCount: 2, activity: 'Copy Activity' },
			],
			batchIds: ['batch-1'],
		});
	});

	it('lists an error Adobe reports at run and activity level once, as the activity reports it', () => {
		// A failed run carries the Copy Activity's error in metrics.statusSummary.errors and again in the
		// activity's statusSummary.extensions.errors (as the emulator answers).
		const repeated = {
			id: 'run-2',
			metrics: {
				statusSummary: {
					status: 'failed',
					errors: [
						{ code: 'CONNECTOR-2001-500', message: 'Copy failed' },
						{ code: 'FLOW-1000-500', message: 'Run timed out' },
					],
				},
			},
			activities: [
				{
					name: 'Copy Activity',
					statusSummary: {
						extensions: {
							errors: [{ code: 'CONNECTOR-2001-500', message: 'Copy failed', recordCount: 12 }],
						},
					},
				},
			],
		};
		expect(summarizeRun(repeated).errors).toEqual([
			{ code: 'FLOW-1000-500', message: 'Run timed out' },
			{
				code: 'CONNECTOR-2001-500',
				message: 'Copy failed',
				recordCount: 12,
				activity: 'Copy Activity',
			},
		]);
	});

	it('unwraps {items: [run]} and leaves the duration out while running', () => {
		const running = {
			id: 'r',
			metrics: { statusSummary: { status: 'inProgress' }, durationSummary: { startedAtUTC: 1 } },
		};
		const s = summarizeRun({ items: [running] });
		expect(s).toMatchObject({
			id: 'r',
			outcome: 'inProgress',
			finished: false,
			records: {},
			errors: [],
		});
		expect(s).not.toHaveProperty('durationMs');
	});

	it('refuses a body without a run', () =>
		expect(() => summarizeRun({ items: [] })).toThrow(/no flow run/));
});

describe('runOutcome', () => {
	it.each([
		['Failed', 'failed'],
		['success', 'success'],
		['SUCCESS', 'success'],
		['inProgress', 'inProgress'],
		['scheduled', 'scheduled'],
		['partialSuccess', 'other'],
		[undefined, 'other'],
	])('%s -> %s', (status, outcome) => expect(runOutcome(status)).toBe(outcome));
});
