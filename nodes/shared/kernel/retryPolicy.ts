/**
 * When to retry and how long to wait. Pure, so the rules are unit-tested without a server.
 * Which failures are safe to retry depends on whether Adobe may already have acted.
 */
export type Reached = 'no' | 'maybe' | 'yes';

export interface FailureFacts {
	status?: number;
	/** Socket/axios error code when no HTTP answer arrived. */
	code?: string;
	/** A 2xx answer whose body could not be read. */
	malformedBody?: boolean;
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
// Errors raised before the request could reach the server.
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);
const NETWORK_CODES = new Set([
	...NOT_SENT_CODES,
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'ERR_BAD_RESPONSE',
	'ESOCKETTIMEDOUT',
]);

/** Did the service possibly act on the request? */
export function reachedService(facts: FailureFacts): Reached {
	if (facts.malformedBody) return 'yes';
	if (facts.status !== undefined) {
		if (facts.status === 429) return 'no'; // throttled at the gateway
		return facts.status >= 500 ? 'maybe' : 'no';
	}
	return facts.code !== undefined && NOT_SENT_CODES.has(facts.code) ? 'no' : 'maybe';
}

/** GET, PATCH and DELETE: retried on throttling, server errors and network failures. */
export function isRetryableIdempotent(facts: FailureFacts): boolean {
	if (facts.malformedBody) return true;
	if (facts.status !== undefined) return RETRYABLE_STATUS.has(facts.status);
	return facts.code === undefined || NETWORK_CODES.has(facts.code);
}

/** Retry-After as seconds or an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now: number): number | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface BackoffSettings {
	baseMs: number;
	maxMs: number;
	/** Upper bound for a server-requested Retry-After. */
	retryAfterCapMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = {
	baseMs: 500,
	maxMs: 8_000,
	retryAfterCapMs: 60_000,
};

/**
 * A Retry-After (ms) longer than the cap: waiting the cap and retrying would be sure to fail again,
 * so the request fails at once instead.
 */
export function retryAfterBeyondCap(
	retryAfterMs: number | undefined,
	settings: BackoffSettings = DEFAULT_BACKOFF,
): boolean {
	return retryAfterMs !== undefined && retryAfterMs > settings.retryAfterCapMs;
}

/**
 * Exponential backoff with "equal jitter" (half the ceiling fixed, half random: never a near-zero
 * wait that would hammer a struggling gateway); a Retry-After from Adobe wins, capped. Returns ms.
 */
export function retryDelayMs(
	attempt: number,
	retryAfterMs: number | undefined,
	random: number,
	settings: BackoffSettings = DEFAULT_BACKOFF,
): number {
	if (retryAfterMs !== undefined) return Math.min(retryAfterMs, settings.retryAfterCapMs);
	const ceiling = Math.min(settings.maxMs, settings.baseMs * 2 ** attempt);
	return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
