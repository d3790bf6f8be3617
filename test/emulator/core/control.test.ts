import {
	call,
	CONNECTIONS,
	expectFlowError,
	getToken,
	platformHeaders,
	useHarness,
} from '../testkit';

describe('HTTP controls under /__emulator/', () => {
	const h = useHarness();

	const list = (token = h.token) =>
		call(h.emu, 'GET', CONNECTIONS, { headers: platformHeaders(h.emu, token) });

	it('reports stats, requests and stored connections (secrets included)', async () => {
		const { json } = await h.create();
		expect((await h.control('GET', 'stats')).json).toEqual({ tokensIssued: 1, connections: 1 });
		const requests = (await h.control('GET', 'requests')).json;
		expect(requests.map((r: { method: string; path: string }) => `${r.method} ${r.path}`)).toEqual([
			'POST /ims/token/v3',
			'POST /data/foundation/flowservice/connections',
			'GET /__emulator/stats',
			'GET /__emulator/requests', // logged on arrival, so it lists itself (status 0: not answered yet)
		]);
		expect(requests[3].status).toBe(0);
		expect(requests[1].headers['x-sandbox-name']).toBe('prod');
		const stored = (await h.control('GET', 'connections')).json;
		expect(stored).toHaveLength(1);
		expect(stored[0]).toMatchObject({
			id: json.id,
			auth: { params: { password: 'Sup3r-Secret!' } },
		});
	});

	it('platformRequests() leaves out IMS and control calls', async () => {
		await h.control('GET', 'stats');
		await list();
		expect(h.emu.platformRequests().map((r) => r.path)).toEqual([CONNECTIONS]);
		expect(h.emu.requests()).toHaveLength(3);
	});

	it('revokes tokens', async () => {
		expect((await h.control('POST', 'revoke')).status).toBe(200);
		expect((await list()).status).toBe(401);
	});

	it('resets state, over HTTP and through reset()', async () => {
		await h.create();
		h.emu.setLatency(5000);
		expect((await h.control('POST', 'reset')).status).toBe(200);
		expect(h.emu.connections()).toEqual([]);
		expect(h.emu.tokensIssued()).toBe(0);
		expect(h.emu.requests().map((r) => r.path)).toEqual([]); // the reset call itself is cleared with the log
		expect((await list()).status).toBe(401);

		const token = await getToken(h.emu);
		h.emu.failNext({ path: CONNECTIONS }, 5, { status: 500 });
		h.emu.reset();
		const started = Date.now();
		expect((await list(await getToken(h.emu))).status).toBe(200); // fault cleared
		// 5 s of latency before the reset; well under it after, with a margin a loaded machine keeps.
		expect(Date.now() - started).toBeLessThan(2500); // latency restored to 0
		expect((await list(token)).status).toBe(401);
	});

	it('injects faults by path and by pathPattern', async () => {
		expect(
			(
				await h.control('POST', 'faults', {
					match: { method: 'GET', path: CONNECTIONS },
					count: 1,
					fault: { status: 503 },
				})
			).status,
		).toBe(200);
		expect((await list()).status).toBe(503);
		expect((await list()).status).toBe(200);

		await h.control('POST', 'faults', {
			match: { pathPattern: '/flowservice/' },
			count: 1,
			fault: { kind: 'reset-before' },
		});
		await expect(list()).rejects.toThrow();
		expect((await list()).status).toBe(200);
	});

	it('sets latency and token lifetime', async () => {
		await h.control('POST', 'latency', { ms: 120 });
		let started = Date.now();
		await list();
		expect(Date.now() - started).toBeGreaterThanOrEqual(110);
		// Controls are never delayed: with 5 s of latency a control call still answers well within it
		// (a wide margin, so a loaded machine cannot fail it).
		await h.control('POST', 'latency', { ms: 5000 });
		started = Date.now();
		await h.control('GET', 'stats');
		expect(Date.now() - started).toBeLessThan(2500);
		await h.control('POST', 'latency', { ms: 0 });

		await h.control('POST', 'token-lifetime', { seconds: 0 });
		expect((await list(await getToken(h.emu))).status).toBe(401);
	});

	it('route latency: a matching request waits before it is processed, others do not', async () => {
		const match = { method: 'POST', pathPattern: '/connections$' };
		await h.control('POST', 'route-latency', { match, ms: 400 });
		const creating = h.create();
		const posted = () =>
			h.emu.requests().find((r) => r.method === 'POST' && r.path === CONNECTIONS);
		while (!posted()) await new Promise((r) => setTimeout(r, 5));
		// The create has arrived and waits; a list sent now is not delayed and does not see it yet.
		expect((await list()).json.items).toEqual([]);
		expect(posted()?.status).toBe(0);
		const { json } = await creating;
		expect((await list()).json.items.map((c: { id: string }) => c.id)).toEqual([json.id]);
		expect((await h.control('POST', 'route-latency', { match, ms: 0 })).status).toBe(200);
	});

	it('marks a connection in use', async () => {
		const { json } = await h.create();
		expect((await h.control('POST', 'in-use', { id: json.id })).status).toBe(200);
		const del = () => h.request('DELETE', `${CONNECTIONS}/${json.id}`);
		expectFlowError(await del(), '1418-400');
		await h.control('POST', 'in-use', { id: json.id, inUse: false });
		expect((await del()).status).toBe(204);
	});

	it.each([
		['GET', 'nothing', undefined, 404],
		['POST', 'latency', { ms: 'slow' }, 400],
		['POST', 'route-latency', { match: { path: CONNECTIONS }, ms: -1 }, 400],
		['POST', 'route-latency', { ms: 10 }, 400],
		['POST', 'latency', '{not json', 400],
		['POST', 'faults', { match: { path: CONNECTIONS }, count: 1 }, 400],
		['POST', 'faults', { match: { path: CONNECTIONS }, count: 1, fault: { kind: 'explode' } }, 400],
		['POST', 'faults', { match: {}, count: 1, fault: { status: 500 } }, 400],
		['POST', 'faults', { match: { pathPattern: '(' }, count: 1, fault: { status: 500 } }, 400],
		['POST', 'in-use', { id: 'missing' }, 400],
	])('refuses %s %s %p', async (method, name, body, status) => {
		const res = await h.control(method, name, body);
		expect(res.status).toBe(status);
		expect(res.json).toEqual({ error: expect.any(String) });
	});
});
