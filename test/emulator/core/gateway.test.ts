import { CONNECTIONS, call, expectFlowError, platformHeaders, useHarness } from '../testkit';

describe('gateway headers on Platform calls', () => {
	const h = useHarness({ per: 'file' });

	const without = (name: string) => {
		const headers = platformHeaders(h.emu, h.token);
		delete headers[name];
		return headers;
	};
	const withHeader = (name: string, value: string) => ({
		...platformHeaders(h.emu, h.token),
		[name]: value,
	});

	it('accepts a call with all headers', async () => {
		const res = await h.get(CONNECTIONS);
		expect(res.status).toBe(200);
		expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
	});

	it.each([
		['no x-api-key', () => without('x-api-key'), 403, '403000', 'Api Key is required'],
		[
			'a wrong x-api-key',
			() => withHeader('x-api-key', 'other'),
			403,
			'403003',
			'Api Key is invalid',
		],
		['no Authorization', () => without('authorization'), 401, '401013', 'Oauth token is not valid'],
		[
			'an unknown token',
			() => withHeader('authorization', 'Bearer not-issued'),
			401,
			'401013',
			'Oauth token is not valid',
		],
		[
			'a non-Bearer scheme',
			() => withHeader('authorization', `Token ${h.token}`),
			401,
			'401013',
			'Oauth token is not valid',
		],
		['no org header', () => without('x-gw-ims-org-id'), 400, '400003', expect.any(String)],
		[
			'a wrong org',
			() => withHeader('x-gw-ims-org-id', 'OTHER@AdobeOrg'),
			403,
			'403025',
			'Profile is not valid',
		],
	])('answers %s with the gateway error', async (_label, headers, status, code, message) => {
		const res = await call(h.emu, 'GET', CONNECTIONS, { headers: headers() });
		expect(res.status).toBe(status);
		expect(res.json).toEqual({ error_code: code, message });
	});

	it('needs x-sandbox-name on Flow Service (FLOW-2105-400)', async () => {
		expectFlowError(
			await call(h.emu, 'GET', CONNECTIONS, { headers: without('x-sandbox-name') }),
			'2105-400',
		);
	});

	it.each(['staging', 'Prod'])('refuses unknown sandbox %s (FLOW-2100-404)', async (name) => {
		expectFlowError(
			await call(h.emu, 'GET', CONNECTIONS, { headers: withHeader('x-sandbox-name', name) }),
			'2100-404',
		);
	});

	it('lists sandboxes without x-sandbox-name, but not without a token', async () => {
		const res = await call(h.emu, 'GET', '/data/foundation/sandbox-management/', {
			headers: without('x-sandbox-name'),
		});
		expect(res.status).toBe(200);
		expect(res.json.sandboxes).toEqual([
			{
				name: 'prod',
				title: 'Production',
				state: 'active',
				type: 'production',
				isDefault: true,
				region: 'VA7',
			},
			{
				name: 'dev',
				title: 'Development',
				state: 'active',
				type: 'development',
				isDefault: false,
				region: 'VA7',
			},
		]);
		const denied = await call(h.emu, 'GET', '/data/foundation/sandbox-management/', {
			headers: without('authorization'),
		});
		expect(denied.status).toBe(401);
	});

	it('serves the sandbox list only at the trailing-slash path', async () => {
		const res = await h.get('/data/foundation/sandbox-management');
		expect(res.status).toBe(404);
	});

	it('answers unknown Flow Service paths with FLOW-1439-404 and wrong methods with 405', async () => {
		const headers = platformHeaders(h.emu, h.token);
		expectFlowError(
			await call(h.emu, 'GET', '/data/foundation/flowservice/no-such-resource', { headers }),
			'1439-404',
		);
		expectFlowError(await call(h.emu, 'PUT', CONNECTIONS, { headers, body: '{}' }), '1006-405');
	});
});
