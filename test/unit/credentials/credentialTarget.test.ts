import type { IHttpRequestOptions } from 'n8n-workflow';

import { AdobeExperiencePlatformApi } from '../../../credentials/AdobeExperiencePlatformApi.credentials';

// The credential's `authenticate` is applied by n8n to every request made with it, including an
// HTTP Request node's own URL: the token must only ever go to the Platform URL's origin.
const credential = new AdobeExperiencePlatformApi();
const data = {
	clientId: 'client-id',
	clientSecret: 'client-secret',
	orgId: 'ABC@AdobeOrg',
	sandboxName: 'prod',
	platformUrl: 'https://platform-stage.adobe.io',
	imsUrl: 'https://ims-na1-stg1.adobelogin.com',
	accessToken: 'token-value',
};
const authenticate = (options: IHttpRequestOptions) => credential.authenticate(data, options);

describe('credential authenticate: token only to the Platform URL origin', () => {
	it('adds the token to an absolute URL on the Platform URL', async () => {
		const out = await authenticate({
			url: 'https://platform-stage.adobe.io/data/foundation/flowservice/connections',
		});
		expect(out.headers?.Authorization).toBe('Bearer token-value');
	});

	it('adds the token to a relative URL with a baseURL (the Test request), sent to the Platform URL', async () => {
		const out = await authenticate({
			baseURL: 'https://platform-stage.adobe.io/',
			url: '/data/foundation/flowservice/connectionSpecs/x',
		});
		expect(out.baseURL).toBe('https://platform-stage.adobe.io');
		expect(out.headers?.Authorization).toBe('Bearer token-value');
	});

	it.each([
		[
			'another Adobe environment',
			'https://platform.adobe.io/data/foundation/flowservice/connections',
			'https://platform.adobe.io',
		],
		[
			'plain http on the same host',
			'http://platform-stage.adobe.io/data/foundation/flowservice/connections',
			'http://platform-stage.adobe.io',
		],
		[
			'another port',
			'https://platform-stage.adobe.io:8443/x',
			'https://platform-stage.adobe.io:8443',
		],
		[
			'a look-alike host',
			'https://platform-stage.adobe.io.example.com/x',
			'https://platform-stage.adobe.io.example.com',
		],
	])('refuses %s, naming the host, and adds no token', async (_case, url, named) => {
		await expect(authenticate({ url })).rejects.toThrow(named);
		await expect(authenticate({ url })).rejects.toThrow(
			'sends its access token only to its Platform URL (https://platform-stage.adobe.io)',
		);
	});

	it('refuses an absolute URL that overrides a baseURL (axios would ignore the baseURL)', async () => {
		await expect(
			authenticate({
				baseURL: 'https://platform-stage.adobe.io',
				url: 'https://elsewhere.example/x',
			}),
		).rejects.toThrow('https://elsewhere.example');
	});
});
