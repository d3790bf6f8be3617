import { parseArgs } from '../cli';
import { TokenBucket } from './rateLimit';
import { CONNECTIONS, getToken, startHarness, type Harness } from '../testkit';

describe('TokenBucket', () => {
	it('lets a full burst through, then one request per 1/perSecond, answering how long to wait in whole seconds (at least 1)', () => {
		const bucket = new TokenBucket({ perSecond: 4, burst: 2 }, 0);
		expect(bucket.take(0)).toEqual({ ok: true });
		expect(bucket.take(0)).toEqual({ ok: true });
		expect(bucket.take(0)).toEqual({ ok: false, retryAfterSeconds: 1 });
		expect(bucket.take(249)).toEqual({ ok: false, retryAfterSeconds: 1 });
		expect(bucket.take(250)).toEqual({ ok: true });
		// Refills to the burst at most, however long it stayed idle.
		expect(
			[bucket.take(60_000), bucket.take(60_000), bucket.take(60_000)].map((r) => r.ok),
		).toEqual([true, true, false]);
	});

	it('Retry-After covers the wait for a token at a slow rate', () => {
		const bucket = new TokenBucket({ perSecond: 0.25 }, 0);
		expect(bucket.limit).toEqual({ perSecond: 0.25, burst: 1 });
		expect(bucket.take(0)).toEqual({ ok: true });
		expect(bucket.take(1000)).toEqual({ ok: false, retryAfterSeconds: 3 });
	});

	it('refuses a limit that cannot work', () => {
		expect(() => new TokenBucket({ perSecond: 0 }, 0)).toThrow(/perSecond/);
		expect(() => new TokenBucket({ perSecond: 5, burst: 0.5 }, 0)).toThrow(/burst/);
	});
});

describe('rate limit in the emulator', () => {
	let h: Harness;
	afterEach(() => h.emu.close());
	const list = () => h.get(CONNECTIONS);

	it('answers 429 + Retry-After above the limit, without processing the request; IMS is not counted', async () => {
		h = await startHarness({ rateLimit: { perSecond: 1, burst: 2 } });
		await getToken(h.emu);
		const answers = await Promise.all([h.create(), h.create(), h.create()]);
		expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 429]);
		const throttled = answers.find((a) => a.status === 429)!;
		expect(throttled.headers.get('retry-after')).toBe('1');
		expect(throttled.json).toEqual({ error_code: '429001', message: 'Too many requests' });
		expect(h.emu.connections()).toHaveLength(2);
		expect(h.emu.platformRequests().filter((r) => r.throttled)).toHaveLength(1);
		expect(h.emu.tokensIssued()).toBe(2);
	});

	it('is set and removed by setRateLimit() and the rate-limit control call; reset() restores the configured one', async () => {
		h = await startHarness();
		expect((await list()).status).toBe(200);
		h.emu.setRateLimit({ perSecond: 1, burst: 1 });
		expect([(await list()).status, (await list()).status]).toEqual([200, 429]);
		const control = (body: unknown) => h.control('POST', 'rate-limit', body);
		expect((await control({})).status).toBe(200);
		expect([(await list()).status, (await list()).status]).toEqual([200, 200]);
		expect((await control({ perSecond: 1, burst: 1 })).status).toBe(200);
		expect([(await list()).status, (await list()).status]).toEqual([200, 429]);
		expect((await control({ perSecond: -1 })).status).toBe(400);
		h.emu.reset(); // tokens are gone too
		h.token = await getToken(h.emu);
		expect([(await list()).status, (await list()).status]).toEqual([200, 200]);
	});
});

describe('emulator CLI --rate-limit', () => {
	it('reads PER_SECOND or PER_SECOND:BURST and refuses anything else', () => {
		expect(parseArgs(['--rate-limit', '20'])).toEqual({
			rateLimit: { perSecond: 20, burst: undefined },
		});
		expect(parseArgs(['--rate-limit', '20:40'])).toEqual({
			rateLimit: { perSecond: 20, burst: 40 },
		});
		expect(() => parseArgs(['--rate-limit', 'fast'])).toThrow(/rate-limit/);
		expect(() => parseArgs(['--rate-limit', '20:0'])).toThrow(/rate-limit/);
	});
});
