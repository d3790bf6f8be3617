import { EMULATOR_DEFAULTS } from '../core/defaults';
import { startEmulator } from '../core/server';
import { type StartedEmulator } from '../core/types';
import { call, CONNECTIONS, platformHeaders, tokenForm } from '../testkit';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('IMS token endpoint', () => {
	let emu: StartedEmulator;
	beforeEach(async () => {
		emu = await startEmulator();
	});
	afterEach(() => emu.close());

	const token = (body: string, headers: Record<string, string> = FORM, path = '/ims/token/v3') =>
		call(emu, 'POST', path, { headers, body });

	it('issues opaque bearer tokens and counts them', async () => {
		const a = await token(tokenForm());
		const b = await token(tokenForm());
		expect(a.status).toBe(200);
		expect(a.json).toEqual({
			access_token: expect.any(String),
			token_type: 'bearer',
			expires_in: 86399,
		});
		expect(a.json.access_token).not.toBe(b.json.access_token);
		expect(emu.tokensIssued()).toBe(2);
	});

	it('accepts the scopes in any order and a charset on the content type', async () => {
		const reversed = EMULATOR_DEFAULTS.scopes.split(',').reverse().join(',');
		const res = await token(tokenForm({ scope: reversed }), {
			'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
		});
		expect(res.status).toBe(200);
	});

	it.each([
		[{ client_secret: 'wrong' }, 'invalid_client', 'invalid client_secret parameter'],
		[{ client_id: 'someone-else' }, 'invalid_client', 'invalid client_id parameter'],
		[{ client_secret: undefined }, 'invalid_request', 'missing client_secret parameter'],
		[{ grant_type: 'authorization_code' }, 'unsupported_grant_type', expect.any(String)],
		[{ grant_type: undefined }, 'invalid_request', expect.any(String)],
	])('refuses %p with %s', async (overrides, error, description) => {
		const res = await token(tokenForm(overrides));
		expect(res.status).toBe(400);
		expect(res.json).toEqual({ error, error_description: description });
		expect(emu.tokensIssued()).toBe(0);
	});

	it.each([
		['a missing scope', 'openid,AdobeID,read_organizations,session'],
		['an extra scope', `${EMULATOR_DEFAULTS.scopes},extra_scope`],
		['spaces after commas', EMULATOR_DEFAULTS.scopes.split(',').join(', ')],
		['no scope at all', undefined],
	])('refuses %s with invalid_scope', async (_label, scope) => {
		const res = await token(tokenForm({ scope }));
		expect(res.status).toBe(400);
		expect(res.json.error).toBe('invalid_scope');
	});

	it('refuses a JSON body', async () => {
		const body = JSON.stringify({
			grant_type: 'client_credentials',
			client_id: EMULATOR_DEFAULTS.clientId,
			client_secret: EMULATOR_DEFAULTS.clientSecret,
			scope: EMULATOR_DEFAULTS.scopes,
		});
		const res = await token(body, { 'content-type': 'application/json' });
		expect(res.status).toBe(400);
		expect(res.json.error).toBe('invalid_request');
		expect(emu.tokensIssued()).toBe(0);
	});

	it('refuses a client_secret in the query string, even with a valid body', async () => {
		const res = await token(
			tokenForm(),
			FORM,
			`/ims/token/v3?client_secret=${EMULATOR_DEFAULTS.clientSecret}`,
		);
		expect(res.status).toBe(400);
		expect(res.json.error).toBe('invalid_request');
	});

	it('refuses duplicated form fields', async () => {
		const res = await token(`${tokenForm()}&client_id=${EMULATOR_DEFAULTS.clientId}`);
		expect(res.status).toBe(400);
		expect(res.json.error).toBe('invalid_request');
	});

	it('never echoes the secret in an error', async () => {
		const res = await token(tokenForm({ client_secret: 'my-wrong-secret-value' }));
		expect(res.text).not.toContain('my-wrong-secret-value');
	});

	it('tokens stop working once expired or revoked', async () => {
		const sandboxCall = (t: string) =>
			call(emu, 'GET', CONNECTIONS, { headers: platformHeaders(emu, t) });

		emu.setTokenLifetime(0);
		const expired = await token(tokenForm());
		expect(expired.json.expires_in).toBe(0);
		expect((await sandboxCall(expired.json.access_token)).status).toBe(401);

		emu.setTokenLifetime(3600);
		const fresh = await token(tokenForm());
		expect(fresh.json.expires_in).toBe(3600);
		expect((await sandboxCall(fresh.json.access_token)).status).toBe(200);

		emu.revokeAllTokens();
		const revoked = await sandboxCall(fresh.json.access_token);
		expect(revoked.status).toBe(401);
		expect(revoked.json).toEqual({ error_code: '401013', message: 'Oauth token is not valid' });
	});

	it('uses the configured client, secret and scopes', async () => {
		await emu.close();
		emu = await startEmulator({
			clientId: 'cid',
			clientSecret: 'csecret',
			scopes: 'openid,AdobeID',
		});
		expect((await token(tokenForm())).status).toBe(400);
		const ok = await token(
			tokenForm({ client_id: 'cid', client_secret: 'csecret', scope: 'AdobeID,openid' }),
		);
		expect(ok.status).toBe(200);
	});
});
