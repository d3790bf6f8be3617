import {
	isRetryableIdempotent,
	parseRetryAfter,
	reachedService,
	retryDelayMs,
} from '../../../nodes/shared/kernel/retryPolicy';

describe('reachedService', () => {
	it.each([
		[{ status: 429 }, 'no'],
		[{ status: 400 }, 'no'],
		[{ status: 500 }, 'maybe'],
		[{ status: 503 }, 'maybe'],
		[{ code: 'ECONNREFUSED' }, 'no'],
		[{ code: 'ECONNRESET' }, 'maybe'],
		[{ code: 'ECONNABORTED' }, 'maybe'],
		[{}, 'maybe'],
		[{ malformedBody: true }, 'yes'],
	] as const)('%j -> %s', (facts, expected) => expect(reachedService(facts)).toBe(expected));
});

describe('retry rules', () => {
	it('retries idempotent requests on throttling, 5xx and network failures only', () => {
		for (const status of [429, 500, 502, 503, 504])
			expect(isRetryableIdempotent({ status })).toBe(true);
		for (const status of [400, 401, 403, 404, 412])
			expect(isRetryableIdempotent({ status })).toBe(false);
		expect(isRetryableIdempotent({ code: 'ECONNRESET' })).toBe(true);
		expect(isRetryableIdempotent({ malformedBody: true })).toBe(true);
	});
});

describe('parseRetryAfter', () => {
	const now = Date.parse('2026-11-27T10:00:00Z');
	it('reads seconds', () => expect(parseRetryAfter('2', now)).toBe(2000));
	it('reads an HTTP date', () =>
		expect(parseRetryAfter('Fri, 27 Nov 2026 10:00:05 GMT', now)).toBe(5000));
	it('never goes negative', () =>
		expect(parseRetryAfter('Fri, 27 Nov 2026 09:00:00 GMT', now)).toBe(0));
	it('ignores garbage', () => expect(parseRetryAfter('soon', now)).toBeUndefined());
	it('ignores absence', () => expect(parseRetryAfter(undefined, now)).toBeUndefined());
});

describe('retryDelayMs', () => {
	const settings = { baseMs: 100, maxMs: 1000, retryAfterCapMs: 5000 };
	it('grows exponentially with jitter between half and the full ceiling', () => {
		expect(retryDelayMs(0, undefined, 0, settings)).toBe(50);
		expect(retryDelayMs(0, undefined, 1, settings)).toBe(100);
		expect(retryDelayMs(2, undefined, 0.5, settings)).toBe(300);
		expect(retryDelayMs(10, undefined, 1, settings)).toBe(1000);
	});
	it('honours Retry-After, capped', () => {
		expect(retryDelayMs(0, 2000, 0.3, settings)).toBe(2000);
		expect(retryDelayMs(0, 60_000, 0.3, settings)).toBe(5000);
	});
});
