import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { AdobeImsError, fetchAccessToken } from '../../../nodes/shared/kernel/imsToken';

type Helpers = IHttpRequestHelper['helpers'];

let port = 40000;
/** A fresh IMS URL per test, so the module's token sharing never crosses tests. */
function client(overrides: Record<string, unknown> = {}) {
	port++;
	return {
		imsUrl: `http://127.0.0.1:${port}`,
		clientId: 'cid',
		clientSecret: 'top-secret-value',
		scopes: 'openid, AdobeID',
		...overrides,
	};
}

function fakeIms(answer: (options: IHttpRequestOptions) => Promise<unknown>) {
	const calls: IHttpRequestOptions[] = [];
	const helpers = {
		httpRequest: async (options: IHttpRequestOptions) => {
			calls.push(options);
			return await answer(options);
		},
	} as unknown as Helpers;
	return { helpers, calls };
}

describe('fetchAccessToken', () => {
	it('posts a form body with the secret, never in the URL', async () => {
		const ims = fakeIms(async () => ({
			access_token: 'tok-1',
			token_type: 'bearer',
			expires_in: 86399,
		}));
		const c = client();
		await expect(fetchAccessToken(ims.helpers, c)).resolves.toBe('tok-1');
		expect(ims.calls).toHaveLength(1);
		const [call] = ims.calls;
		expect(call.method).toBe('POST');
		expect(call.url).toBe(`${c.imsUrl}/ims/token/v3`);
		expect(call.url).not.toContain('secret');
		expect(call.qs).toBeUndefined();
		expect(call.headers).toMatchObject({ 'Content-Type': 'application/x-www-form-urlencoded' });
		expect(Object.fromEntries(new URLSearchParams(call.body as string))).toEqual({
			grant_type: 'client_credentials',
			client_id: 'cid',
			client_secret: 'top-secret-value',
			scope: 'openid,AdobeID',
		});
	});

	it('shares one IMS request between concurrent callers', async () => {
		let release: (value: unknown) => void = () => undefined;
		const ims = fakeIms(async () => await new Promise((resolve) => (release = resolve)));
		const c = client();
		const waiting = Promise.all(
			[1, 2, 3, 4].map(async () => await fetchAccessToken(ims.helpers, c)),
		);
		await new Promise((resolve) => setImmediate(resolve));
		release({ access_token: 'shared' });
		expect(await waiting).toEqual(['shared', 'shared', 'shared', 'shared']);
		expect(ims.calls).toHaveLength(1);
	});

	it('hands its newest token to callers holding none or one refused before it arrived, and refreshes when the newest is refused', async () => {
		let n = 0;
		const ims = fakeIms(async () => ({ access_token: `tok-${++n}` }));
		const c = client();
		expect(await fetchAccessToken(ims.helpers, { ...c, accessToken: '' })).toBe('tok-1');
		// Other items that started with no token: no new IMS call.
		expect(await fetchAccessToken(ims.helpers, { ...c, accessToken: '' })).toBe('tok-1');
		expect(ims.calls).toHaveLength(1);
		// The newest token itself was refused (e.g. revoked): ask IMS again.
		expect(await fetchAccessToken(ims.helpers, { ...c, accessToken: 'tok-1' })).toBe('tok-2');
		// The rest of the wave of 401s with tok-1 takes tok-2, which arrived after tok-1 was refused.
		expect(await fetchAccessToken(ims.helpers, { ...c, accessToken: 'tok-1' })).toBe('tok-2');
		expect(ims.calls).toHaveLength(2);
	});

	it('does not hand a token to a caller with a different secret', async () => {
		let n = 0;
		const ims = fakeIms(async () => ({ access_token: `tok-${++n}` }));
		const c = client();
		await fetchAccessToken(ims.helpers, c);
		expect(await fetchAccessToken(ims.helpers, { ...c, clientSecret: 'other-secret' })).toBe(
			'tok-2',
		);
	});

	it('explains invalid_client without echoing the secret', async () => {
		const ims = fakeIms(async () => {
			throw Object.assign(new Error('Request failed with status code 400'), {
				response: {
					status: 400,
					data: {
						error: 'invalid_client',
						error_description: 'invalid client_secret parameter top-secret-value',
					},
				},
				config: { data: 'client_secret=top-secret-value' },
			});
		});
		const error = await fetchAccessToken(ims.helpers, client()).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(AdobeImsError);
		expect((error as Error).message).toMatch(/invalid_client/);
		expect((error as Error).message).toMatch(/Client ID and Client Secret/);
		expect((error as Error).message).not.toContain('top-secret-value');
		expect(JSON.stringify(error)).not.toContain('top-secret-value');
	});

	it('refuses plain http to a non-loopback IMS before sending anything', async () => {
		const ims = fakeIms(async () => ({ access_token: 'x' }));
		await expect(
			fetchAccessToken(ims.helpers, client({ imsUrl: 'http://ims.example.com' })),
		).rejects.toThrow(/"IMS URL" must use https/);
		expect(ims.calls).toHaveLength(0);
	});

	it('names the empty credential field', async () => {
		const ims = fakeIms(async () => ({ access_token: 'x' }));
		await expect(fetchAccessToken(ims.helpers, client({ clientSecret: ' ' }))).rejects.toThrow(
			/"Client Secret" is empty/,
		);
		expect(ims.calls).toHaveLength(0);
	});

	it('explains an answer without a token', async () => {
		const ims = fakeIms(async () => '<html>login</html>');
		await expect(fetchAccessToken(ims.helpers, client())).rejects.toThrow(/no access token/);
	});
});
