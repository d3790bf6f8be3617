/**
 * A gateway rate limit: a token bucket that holds `burst` requests and refills `perSecond` per
 * second. A request finding no token is answered 429 with Retry-After (whole seconds until a token
 * is there, at least 1), as Adobe's API gateway throttles. Only Platform APIs count (not IMS, not
 * the control API).
 */

export interface RateLimit {
	/** Sustained requests per second (> 0). */
	perSecond: number;
	/** Requests the bucket holds when full (>= 1); default `perSecond` (one second's worth), at least 1. */
	burst?: number;
}

export function validateRateLimit(limit: RateLimit): Required<RateLimit> {
	const burst = limit?.burst ?? Math.max(1, limit?.perSecond);
	if (
		typeof limit?.perSecond !== 'number' ||
		!Number.isFinite(limit.perSecond) ||
		limit.perSecond <= 0
	)
		throw new Error('rate limit: perSecond must be a positive number');
	if (typeof burst !== 'number' || !Number.isFinite(burst) || burst < 1)
		throw new Error('rate limit: burst must be a number >= 1');
	return { perSecond: limit.perSecond, burst };
}

export class TokenBucket {
	readonly limit: Required<RateLimit>;
	private tokens: number;
	private refilledAt: number;

	constructor(limit: RateLimit, now: number) {
		this.limit = validateRateLimit(limit);
		this.tokens = this.limit.burst;
		this.refilledAt = now;
	}

	/** Takes a token for a request arriving at `now` (ms); when none is left, how long to wait (s). */
	take(now: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
		const { perSecond, burst } = this.limit;
		this.tokens = Math.min(
			burst,
			this.tokens + (Math.max(0, now - this.refilledAt) * perSecond) / 1000,
		);
		this.refilledAt = now;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return { ok: true };
		}
		return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - this.tokens) / perSecond)) };
	}
}
