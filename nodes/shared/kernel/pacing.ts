/**
 * Adaptive pacing ("Adapt to Throttling"): one sending rate per credential and sandbox, after the
 * AWS SDKs' adaptive retry mode. Adobe publishes no rate limit, so it is learnt: nothing is paced
 * until the first 429/503, which cuts the rate multiplicatively (once per episode) and honours
 * Retry-After; accepted answers raise it additively until Concurrency is the limit again.
 */
import { sleep, type INodeProperties } from 'n8n-workflow';

/** Time source of a pacer (and of Run Now's wait): ms since the epoch, and a wait of `ms`. */
export interface PacingClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export const SYSTEM_CLOCK: PacingClock = {
	now: () => Date.now(),
	sleep: async (ms) => await sleep(ms),
};

export interface PacingSettings {
	/** The most requests in flight (the Concurrency option); the rate never needs to exceed what it allows. */
	maxInFlight: number;
	/** Multiplicative cut on throttling, 0-1 (the new rate is this times the accepted rate). */
	decrease: number;
	/** The cut when pacing starts (the first throttle of the run), 0-1. */
	firstDecrease: number;
	/** Additive raise, requests/s per second of accepted answers. */
	increasePerSecond: number;
	/** The rate never goes below this (requests/s). */
	minPerSecond: number;
	/** Period (ms) over which the accepted rate is measured. */
	windowMs: number;
	/** Answers (or sends) a window must hold to measure a rate from. */
	minSamples: number;
}

/** How a pacer reacts, apart from the in-flight limit that the Concurrency option sets. */
export type PacingTuning = Omit<PacingSettings, 'maxInFlight'>;

/** Tuned against the emulator's gateway limit (`npm run bench`); not exposed as options. */
export const DEFAULT_PACING: PacingTuning = {
	decrease: 0.85,
	firstDecrease: 0.7,
	increasePerSecond: 0.5,
	minPerSecond: 0.5,
	windowMs: 1000,
	minSamples: 4,
};

/** The "Adapt to Throttling" option of a node's Options collection (read it with `pacingFor`). */
export const adaptToThrottlingOption: INodeProperties = {
	displayName: 'Adapt to Throttling',
	name: 'adaptToThrottling',
	type: 'boolean',
	default: true,
	description:
		'Whether to slow down for all items of the run when Adobe throttles (429 or 503, honouring Retry-After) and speed up again up to the Concurrency while it does not. Off: every item retries on its own schedule.',
};

/** Pacing settings for a run: on unless the option is false. */
export function pacingFor(
	adaptToThrottling: unknown,
	concurrency: number,
	tuning: PacingTuning = DEFAULT_PACING,
): PacingSettings | undefined {
	return adaptToThrottling === false ? undefined : { ...tuning, maxInFlight: concurrency };
}

/** What became of one paced request. */
export type PacedAnswer =
	/** Adobe answered and did not throttle (any status but 429/503). */
	| { kind: 'accepted' }
	/** 429 or 503; `retryAfterMs` as Adobe asked (Retry-After), if it did. */
	| { kind: 'throttled'; retryAfterMs?: number }
	/** No answer (network error, deadline): says nothing about the rate. */
	| { kind: 'none' };

/** Is this HTTP status a sign of throttling for pacing? */
export function isThrottleStatus(status: number | undefined): boolean {
	return status === 429 || status === 503;
}

export class AdaptivePacer {
	/** Requests per second; undefined while not pacing (full concurrency). */
	private rate: number | undefined;
	private tokens = 0;
	private refilledAt = 0;
	private pausedUntil = 0;
	private lastCutAt = Number.NEGATIVE_INFINITY;
	/** When recent accepted answers and sends happened (ms), for the measured rates. */
	private readonly accepted: number[] = [];
	private readonly sent: number[] = [];
	/** Smoothed time (ms) from send to answer, to know what the Concurrency option allows. */
	private latencyMs: number | undefined;
	/** Waiters take their turn one after another, in arrival order. */
	private queue: Promise<unknown> = Promise.resolve();

	constructor(
		readonly settings: PacingSettings,
		private readonly clock: PacingClock = SYSTEM_CLOCK,
	) {}

	/** The current rate limit (requests/s), or undefined while not pacing. */
	get currentRate(): number | undefined {
		return this.rate;
	}

	/** Waits until a request may be sent; returns the send time (ms) to hand back to `record`. */
	async acquire(): Promise<number> {
		const turn = this.queue.then(async () => await this.waitForTurn());
		this.queue = turn.catch(() => undefined);
		return await turn;
	}

	/** Learns from the answer to a request sent at `sentAt` (the value `acquire` returned). */
	record(sentAt: number, answer: PacedAnswer): void {
		const now = this.clock.now();
		if (answer.kind === 'none') return;
		if (answer.kind === 'accepted') {
			this.accepted.push(now);
			this.latencyMs =
				this.latencyMs === undefined ? now - sentAt : 0.8 * this.latencyMs + 0.2 * (now - sentAt);
			if (this.rate !== undefined) this.raise();
			return;
		}
		if (answer.retryAfterMs !== undefined)
			this.pausedUntil = Math.max(this.pausedUntil, now + answer.retryAfterMs);
		// One cut per episode: earlier requests met the congestion this cut answered.
		if (sentAt < this.lastCutAt || now - this.lastCutAt < this.settings.windowMs) return;
		const measured = this.measured(now);
		// Too little traffic to measure: only the Retry-After pause (no crawl from one early throttle).
		if (measured === undefined && this.rate === undefined) return;
		const base = Math.max(
			this.settings.minPerSecond,
			Math.min(this.rate ?? Number.POSITIVE_INFINITY, measured ?? Number.POSITIVE_INFINITY),
		);
		// The first measurement also holds the gateway's burst allowance, so it overstates its rate.
		const factor = this.rate === undefined ? this.settings.firstDecrease : this.settings.decrease;
		this.rate = Math.max(this.settings.minPerSecond, factor * base);
		this.tokens = 0;
		this.refilledAt = now;
		this.lastCutAt = now;
	}

	private raise(): void {
		const rate = this.rate as number;
		const next = rate + this.settings.increasePerSecond / rate;
		// What the Concurrency option allows at the current latency: beyond it pacing changes nothing.
		const ceiling = (this.settings.maxInFlight * 1000) / Math.max(1, this.latencyMs ?? 1);
		this.rate = next >= ceiling ? undefined : next;
	}

	/** The rate (per s) Adobe accepted over windowMs, else the rate sent; undefined if too few samples. */
	private measured(now: number): number | undefined {
		const since = now - this.settings.windowMs;
		for (const times of [this.accepted, this.sent])
			while (times.length && times[0] <= since) times.shift();
		const count = [this.accepted.length, this.sent.length].find(
			(length) => length >= this.settings.minSamples,
		);
		return count === undefined ? undefined : (count * 1000) / this.settings.windowMs;
	}

	private async waitForTurn(): Promise<number> {
		for (;;) {
			const now = this.clock.now();
			if (now < this.pausedUntil) {
				await this.clock.sleep(this.pausedUntil - now);
				continue;
			}
			if (this.rate === undefined) return this.sentAt(now);
			// Tokens refill during a wait, at most one second's worth.
			this.tokens = Math.min(
				Math.max(1, this.rate),
				this.tokens + ((now - this.refilledAt) * this.rate) / 1000,
			);
			this.refilledAt = now;
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return this.sentAt(now);
			}
			await this.clock.sleep(Math.ceil(((1 - this.tokens) * 1000) / this.rate));
		}
	}

	private sentAt(now: number): number {
		this.sent.push(now);
		// Keep the history to the window even when nothing is throttled.
		while (this.sent.length && this.sent[0] <= now - this.settings.windowMs) this.sent.shift();
		while (this.accepted.length && this.accepted[0] <= now - this.settings.windowMs)
			this.accepted.shift();
		return now;
	}
}

/** One pacer per credential and sandbox (Adobe throttles per client and org). */
export class PacerRegistry {
	private readonly pacers = new Map<string, AdaptivePacer>();

	constructor(
		readonly settings: PacingSettings,
		private readonly clock: PacingClock = SYSTEM_CLOCK,
	) {}

	pacerFor(credentialKey: string, sandboxName: string): AdaptivePacer {
		const key = JSON.stringify([credentialKey, sandboxName]);
		let pacer = this.pacers.get(key);
		if (!pacer) {
			pacer = new AdaptivePacer(this.settings, this.clock);
			this.pacers.set(key, pacer);
		}
		return pacer;
	}
}
