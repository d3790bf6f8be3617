import {
	AdaptivePacer,
	DEFAULT_PACING,
	PacerRegistry,
	pacingFor,
	type PacingClock,
	type PacingSettings,
} from '../../../nodes/shared/kernel/pacing';

/** A clock that moves only when the test says so; sleeps end when their time is reached. */
class FakeClock implements PacingClock {
	time = 1_000_000;
	private timers: Array<{ at: number; resolve: () => void }> = [];
	now = () => this.time;
	sleep = async (ms: number) =>
		await new Promise<void>((resolve) => this.timers.push({ at: this.time + ms, resolve }));

	async advance(ms: number): Promise<void> {
		const end = this.time + ms;
		for (;;) {
			await flush();
			this.timers.sort((a, b) => a.at - b.at);
			const next = this.timers[0];
			if (!next || next.at > end) break;
			this.timers.shift();
			this.time = next.at;
			next.resolve();
		}
		this.time = end;
		await flush();
	}
}

const flush = async () => {
	for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
};

const SETTINGS: PacingSettings = { ...DEFAULT_PACING, maxInFlight: 16 };

/** A pacer whose first request went out a second ago, so rates are measured over a full window. */
async function runningPacer(
	settings: PacingSettings = SETTINGS,
): Promise<{ pacer: AdaptivePacer; clock: FakeClock }> {
	const clock = new FakeClock();
	const pacer = new AdaptivePacer(settings, clock);
	await pacer.acquire();
	await clock.advance(1000);
	return { pacer, clock };
}

/** Starts `count` acquires and reports which have been granted so far, with their send times. */
function acquireMany(pacer: AdaptivePacer, count: number): { granted: number[] } {
	const state = { granted: [] as number[] };
	for (let i = 0; i < count; i++) void pacer.acquire().then((at) => state.granted.push(at));
	return state;
}

/** `count` accepted answers arriving at the clock's current time, each sent `latencyMs` earlier. */
function accept(pacer: AdaptivePacer, clock: FakeClock, count: number, latencyMs = 50): void {
	for (let i = 0; i < count; i++) pacer.record(clock.now() - latencyMs, { kind: 'accepted' });
}

/** A pacer with SETTINGS on a fake clock of its own. */
function newPacer(): { clock: FakeClock; pacer: AdaptivePacer } {
	const clock = new FakeClock();
	return { clock, pacer: new AdaptivePacer(SETTINGS, clock) };
}

describe('AdaptivePacer', () => {
	it('paces nothing until Adobe throttles: every request goes at once, at full concurrency', async () => {
		const { clock, pacer } = newPacer();
		const started = acquireMany(pacer, 50);
		await clock.advance(0);
		expect(started.granted).toHaveLength(50);
		accept(pacer, clock, 50);
		expect(pacer.currentRate).toBeUndefined();
	});

	it('the first 429 cuts the rate to `firstDecrease` times what Adobe accepted in the last second, then requests go 1/rate apart', async () => {
		const { pacer, clock } = await runningPacer();
		accept(pacer, clock, 20);
		pacer.record(clock.now() - 50, { kind: 'throttled' });
		expect(pacer.currentRate).toBeCloseTo(0.7 * 20);

		const started = acquireMany(pacer, 10);
		await clock.advance(0);
		expect(started.granted).toHaveLength(0); // the bucket starts empty after a cut
		await clock.advance(1000);
		// 14 per second: 10 requests within the next 720 ms, about 72 ms apart.
		expect(started.granted).toHaveLength(10);
		const gaps = started.granted.slice(1).map((at, i) => at - started.granted[i]);
		for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(71);
	});

	it('honours Retry-After: nothing is sent before it has passed', async () => {
		const { pacer, clock } = await runningPacer();
		accept(pacer, clock, 10);
		pacer.record(clock.now() - 50, { kind: 'throttled', retryAfterMs: 2000 });
		const started = acquireMany(pacer, 3);
		await clock.advance(1999);
		expect(started.granted).toEqual([]);
		await clock.advance(1);
		// The tokens that built up while waiting (one second's worth at most) go at once.
		expect(started.granted.length).toBeGreaterThanOrEqual(3);
	});

	it('cuts once per throttling episode: 429s to requests sent before the cut, or within a second of it, do not cut again', async () => {
		const { pacer, clock } = await runningPacer();
		accept(pacer, clock, 20);
		const sentBefore = clock.now() - 50;
		pacer.record(sentBefore, { kind: 'throttled' });
		const afterOne = pacer.currentRate;
		expect(afterOne).toBeCloseTo(0.7 * 20);
		for (let i = 0; i < 12; i++) pacer.record(sentBefore, { kind: 'throttled' });
		expect(pacer.currentRate).toBe(afterOne);
		await clock.advance(10);
		pacer.record(clock.now() - 5, { kind: 'throttled' });
		expect(pacer.currentRate).toBe(afterOne);
		// A request sent after the cut, throttled a second later: a new episode, a new cut (`decrease` now).
		await clock.advance(1000);
		accept(pacer, clock, 10);
		pacer.record(clock.now() - 5, { kind: 'throttled' });
		expect(pacer.currentRate).toBeCloseTo(0.85 * 10);
	});

	it('raises the rate additively with accepted answers and stops pacing once the Concurrency allows more', async () => {
		const { pacer, clock } = await runningPacer({ ...SETTINGS, maxInFlight: 2 });
		accept(pacer, clock, 10, 100);
		pacer.record(clock.now() - 100, { kind: 'throttled' });
		const cut = pacer.currentRate as number;
		expect(cut).toBeCloseTo(7);
		accept(pacer, clock, 1, 100);
		expect(pacer.currentRate).toBeCloseTo(cut + 0.5 / cut);
		// 2 in flight at 100 ms each allow 20 requests/s: above that, pacing stops.
		for (let i = 0; i < 2000 && pacer.currentRate !== undefined; i++) accept(pacer, clock, 1, 100);
		expect(pacer.currentRate).toBeUndefined();
	});

	it('never goes below minPerSecond, and a throttle with nothing accepted yet uses the sending rate', async () => {
		const { clock, pacer } = newPacer();
		const started = acquireMany(pacer, 16);
		await clock.advance(0);
		expect(started.granted).toHaveLength(16);
		await clock.advance(100);
		pacer.record(started.granted[0], { kind: 'throttled' });
		expect(pacer.currentRate).toBeCloseTo(0.7 * 16);
		for (let i = 0; i < 50; i++) {
			await clock.advance(2000);
			pacer.record(clock.now(), { kind: 'throttled' });
		}
		expect(pacer.currentRate).toBe(SETTINGS.minPerSecond);
	});

	it('a throttle with too little traffic to measure a rate only holds for its Retry-After (no crawl from one early 429)', async () => {
		const { clock, pacer } = newPacer();
		const sentAt = await pacer.acquire();
		pacer.record(sentAt, { kind: 'throttled', retryAfterMs: 1000 });
		expect(pacer.currentRate).toBeUndefined();
		const started = acquireMany(pacer, 20);
		await clock.advance(999);
		expect(started.granted).toEqual([]);
		await clock.advance(1);
		expect(started.granted).toHaveLength(20);
	});

	it('a request without an answer (network error, deadline) changes nothing', () => {
		const { clock, pacer } = newPacer();
		pacer.record(clock.now(), { kind: 'none' });
		expect(pacer.currentRate).toBeUndefined();
	});
});

describe('PacerRegistry and pacingFor', () => {
	it('one pacer per credential and sandbox', () => {
		const registry = new PacerRegistry(SETTINGS);
		expect(registry.pacerFor('cred-1', 'prod')).toBe(registry.pacerFor('cred-1', 'prod'));
		expect(registry.pacerFor('cred-1', 'dev')).not.toBe(registry.pacerFor('cred-1', 'prod'));
		expect(registry.pacerFor('cred-2', 'prod')).not.toBe(registry.pacerFor('cred-1', 'prod'));
	});

	it('pacing is on unless the option is false; the in-flight limit is the Concurrency', () => {
		expect(pacingFor(undefined, 8)).toEqual({ ...DEFAULT_PACING, maxInFlight: 8 });
		expect(pacingFor(true, 1)).toEqual({ ...DEFAULT_PACING, maxInFlight: 1 });
		expect(pacingFor(false, 8)).toBeUndefined();
	});
});
