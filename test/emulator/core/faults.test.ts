import {
	call,
	CONNECTIONS,
	platformHeaders,
	redshiftBody,
	startHarness,
	type Harness,
} from '../testkit';

const POST_CONNECTIONS = { method: 'POST', path: '/data/foundation/flowservice/connections' };

describe('fault injection and latency', () => {
	let h: Harness;
	beforeEach(async () => {
		h = await startHarness();
	});
	afterEach(() => h.emu.close());

	const list = () => h.get(CONNECTIONS);

	it('answers the next N matching requests with a status fault, then normally', async () => {
		h.emu.failNext(POST_CONNECTIONS, 2, { status: 429, headers: { 'retry-after': '2' } });
		for (let i = 0; i < 2; i++) {
			const res = await h.create();
			expect(res.status).toBe(429);
			expect(res.headers.get('retry-after')).toBe('2');
		}
		expect(h.emu.connections()).toHaveLength(0);
		expect((await h.create()).status).toBe(201);
		expect(h.emu.platformRequests().map((r) => [r.status, r.fault])).toEqual([
			[429, 'status'],
			[429, 'status'],
			[201, undefined],
		]);
	});

	it("twin-before: another worker's identical create lands first (older), then this one is answered", async () => {
		h.emu.failNext(POST_CONNECTIONS, 1, { kind: 'twin-before' });
		const res = await h.create();
		expect(res.status).toBe(201);
		const [twin, ours] = h.emu.connections();
		expect(ours.id).toBe(res.json.id);
		expect(twin.createdAt).toBeLessThan(ours.createdAt);
		expect(h.emu.connections()).toHaveLength(2);
	});

	it('only matches the given method, and a RegExp path', async () => {
		h.emu.failNext({ method: 'get', path: /\/connections$/ }, 1, { status: 500 });
		expect((await h.create()).status).toBe(201); // POST does not match
		const res = await list();
		expect(res.status).toBe(500);
		expect(res.json.type).toBe('https://ns.adobe.com/aep/errors/FLOW-1000-500');
		expect((await list()).status).toBe(200);
	});

	it('gives a 503 fault a Flow Service body by default, and sends a custom body verbatim', async () => {
		h.emu.failNext(POST_CONNECTIONS, 1, { status: 503 });
		expect((await h.create()).json.type).toBe('https://ns.adobe.com/aep/errors/FLOW-1103-503');
		h.emu.failNext(POST_CONNECTIONS, 1, {
			status: 502,
			headers: { 'content-type': 'text/html' },
			body: '<html>bad gateway</html>',
		});
		const res = await h.create();
		expect(res.status).toBe(502);
		expect(res.text).toBe('<html>bad gateway</html>');
	});

	it('can fault the token endpoint', async () => {
		h.emu.failNext({ path: '/ims/token/v3' }, 1, { status: 503 });
		const res = await call(h.emu, 'POST', '/ims/token/v3', {
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: '',
		});
		expect(res.status).toBe(503);
		expect(h.emu.tokensIssued()).toBe(1); // only the harness token
	});

	it('reset-before: the socket dies and nothing is created', async () => {
		h.emu.failNext(POST_CONNECTIONS, 1, { kind: 'reset-before' });
		await expect(h.create()).rejects.toThrow();
		expect(h.emu.connections()).toHaveLength(0);
		const entry = h.emu.platformRequests()[0];
		expect(entry).toMatchObject({ status: 0, fault: 'reset-before' });
		expect((await h.create()).status).toBe(201);
	});

	it('reset-after: the connection is created but no answer arrives', async () => {
		h.emu.failNext(POST_CONNECTIONS, 1, { kind: 'reset-after' });
		await expect(h.create()).rejects.toThrow();
		expect(h.emu.connections()).toHaveLength(1);
		expect(h.emu.platformRequests()[0]).toMatchObject({ status: 201, fault: 'reset-after' });
	});

	it('malformed-json: processed, then an unparseable body', async () => {
		h.emu.failNext(POST_CONNECTIONS, 1, { kind: 'malformed-json' });
		const res = await h.create();
		expect(res.status).toBe(201);
		expect(res.headers.get('content-type')).toMatch(/application\/json/);
		expect(() => JSON.parse(res.text)).toThrow();
		expect(h.emu.connections()).toHaveLength(1);
	});

	it('hang: no answer, and close() still returns quickly', async () => {
		h.emu.failNext(POST_CONNECTIONS, 1, { kind: 'hang' });
		const pending = h.post(CONNECTIONS, redshiftBody());
		pending.catch(() => undefined); // asserted below
		const aborted = h.get(CONNECTIONS);
		expect((await aborted).status).toBe(200); // other requests are still served
		while (h.emu.platformRequests().every((r) => r.fault !== 'hang'))
			await new Promise((r) => setTimeout(r, 5));

		const started = Date.now();
		await h.emu.close();
		expect(Date.now() - started).toBeLessThan(1000);
		await expect(pending).rejects.toThrow();
		expect(h.emu.connections()).toHaveLength(0);
	});

	it('hang: a client timeout gives up', async () => {
		h.emu.failNext({ path: /\/connections$/ }, 1, { kind: 'hang' });
		await expect(
			call(h.emu, 'GET', CONNECTIONS, {
				headers: platformHeaders(h.emu, h.token),
				signal: AbortSignal.timeout(100),
			}),
		).rejects.toThrow();
	});

	it('validates failNext arguments', () => {
		expect(() => h.emu.failNext(POST_CONNECTIONS, 0, { status: 500 })).toThrow(/count/);
		expect(() => h.emu.failNext(POST_CONNECTIONS, 1, { status: 99 })).toThrow(/status/);
		expect(() => h.emu.failNext(POST_CONNECTIONS, 1, { kind: 'explode' as 'hang' })).toThrow(
			/kind/,
		);
	});

	it('adds latency to every response, and close() cuts a delayed response short', async () => {
		// Latency long enough that "removed" has a margin a loaded machine keeps.
		h.emu.setLatency(1500);
		let started = Date.now();
		expect((await list()).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1490);

		h.emu.setLatency(0);
		started = Date.now();
		await list();
		expect(Date.now() - started).toBeLessThan(1000);

		h.emu.setLatency(10_000);
		const slow = list();
		slow.catch(() => undefined);
		await new Promise((r) => setTimeout(r, 50));
		started = Date.now();
		await h.emu.close();
		expect(Date.now() - started).toBeLessThan(1000);
		await expect(slow).rejects.toThrow();
	});

	it('takes latencyMs as a start option', async () => {
		await h.emu.close();
		h = await startHarness({ latencyMs: 120 });
		const started = Date.now();
		await list();
		expect(Date.now() - started).toBeGreaterThanOrEqual(110);
	});
});
