import type { IExecuteFunctions } from 'n8n-workflow';

import { readRunSettings } from '../../../nodes/shared/node/options';
import { DEFAULT_PACING } from '../../../nodes/shared/kernel/pacing';
import { DEFAULT_POLICY, type RequestPolicy } from '../../../nodes/shared/kernel/transport';

/** Just enough of n8n's execute context: the node's Options collection. */
function withOptions(options: Record<string, unknown>): IExecuteFunctions {
	return {
		getNodeParameter: (name: string) => (name === 'options' ? options : undefined),
	} as unknown as IExecuteFunctions;
}

const fast: RequestPolicy = {
	...DEFAULT_POLICY,
	timeoutMs: 400,
	maxRetries: 1,
	backoff: { baseMs: 5, maxMs: 80, retryAfterCapMs: 60_000 },
};

describe('readRunSettings: the Options over a base policy', () => {
	it('uses the node defaults when nothing is set (30 s deadline, 3 retries, concurrency 1)', () => {
		expect(readRunSettings.call(withOptions({}))).toEqual({
			concurrency: 1,
			policy: { ...DEFAULT_POLICY, pacing: { ...DEFAULT_PACING, maxInFlight: 1 } },
		});
	});

	it('turns the Timeout option (whole seconds, 1-600) into the deadline in ms', () => {
		const timeout = (timeoutSeconds: unknown) =>
			readRunSettings.call(withOptions({ timeoutSeconds }), fast).policy.timeoutMs;
		expect(timeout(1)).toBe(1_000);
		expect(timeout(1.4)).toBe(1_000);
		expect(timeout(0)).toBe(1_000);
		expect(timeout('45')).toBe(45_000);
		expect(timeout(700)).toBe(600_000);
	});

	it('keeps the base policy where an option is unset or unreadable', () => {
		const paced = { ...fast, pacing: { ...DEFAULT_PACING, maxInFlight: 1 } };
		expect(readRunSettings.call(withOptions({}), fast).policy).toEqual(paced);
		expect(
			readRunSettings.call(withOptions({ timeoutSeconds: 'soon', maxRetries: 'many' }), fast)
				.policy,
		).toEqual(paced);
	});

	it('overrides the retries and keeps the base backoff and budget', () => {
		const { concurrency, policy } = readRunSettings.call(
			withOptions({ maxRetries: 12, concurrency: 50 }),
			fast,
		);
		expect(policy).toEqual({
			...fast,
			maxRetries: 10,
			pacing: { ...DEFAULT_PACING, maxInFlight: 20 },
		});
		expect(concurrency).toBe(20);
	});

	it('Adapt to Throttling: on unless switched off; pacing up to the Concurrency', () => {
		expect(readRunSettings.call(withOptions({ concurrency: 8 }), fast).policy.pacing).toEqual({
			...DEFAULT_PACING,
			maxInFlight: 8,
		});
		expect(
			readRunSettings.call(withOptions({ concurrency: 8, adaptToThrottling: false }), fast).policy
				.pacing,
		).toBeUndefined();
	});

	it("Adapt to Throttling: paces with the base policy's tuning (tests pass a faster one)", () => {
		const tuning = { ...DEFAULT_PACING, minPerSecond: 100 };
		const base = { ...fast, pacingTuning: tuning };
		expect(readRunSettings.call(withOptions({ concurrency: 4 }), base).policy.pacing).toEqual({
			...tuning,
			maxInFlight: 4,
		});
	});
});
