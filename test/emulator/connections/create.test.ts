import { REDSHIFT_CONNECTION_SPEC_ID } from '../core/defaults';
import { CONNECTIONS, expectFlowError, redshiftBody, startHarness, type Harness } from '../testkit';

/** The Azure request body from the seed tutorial, verbatim (two unterminated strings). */
const SEED_TUTORIAL_BODY = `{
      "name": "AWS-redshift base connection",
      "description": "base connection for AWS-redshift,
      "auth": {
          "specName": "Basic Authentication",
          "params": {
              "server": "{SERVER}",
              "port": "{PORT},
              "username": "{USERNAME}",
              "password": "{PASSWORD}",
              "database": "{DATABASE}"
          }
      },
      "connectionSpec": {
          "id": "3416976c-a9ca-4bba-901a-1f08f66978ff",
          "version": "1.0"
      }
  }`;

function withoutParam(name: string) {
	const body = redshiftBody() as { auth: { params: Record<string, unknown> } };
	delete body.auth.params[name];
	return body;
}

describe('POST /connections', () => {
	let h: Harness;
	afterEach(() => h.emu.close());

	describe('hosting any (default)', () => {
		beforeEach(async () => {
			h = await startHarness();
		});

		it('creates a connection: 201 {id, etag} with a quoted etag', async () => {
			const res = await h.create();
			expect(res.status).toBe(201);
			expect(res.json).toEqual({
				id: expect.stringMatching(
					/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
				),
				etag: expect.any(String),
			});
			expect(res.json.etag).toMatch(/^"[0-9a-f]{8}-0000-0200-0000-[0-9a-f]{12}"$/);
		});

		it('stores exactly what was sent, and logs the raw body', async () => {
			const raw = JSON.stringify(redshiftBody({ schema: 'public' }), null, 2);
			const res = await h.create(raw);
			expect(res.status).toBe(201);
			const [stored] = h.emu.connections();
			expect(stored).toMatchObject({
				id: res.json.id,
				etag: res.json.etag,
				name: 'Redshift orders',
				description: 'orders warehouse',
				state: 'enabled',
				sandboxName: 'prod',
				imsOrgId: h.emu.options.orgId,
				connectionSpec: { id: REDSHIFT_CONNECTION_SPEC_ID, version: '1.0' },
				auth: {
					specName: 'Basic Authentication',
					params: (redshiftBody({ schema: 'public' }).auth as { params: object }).params,
				},
			});
			const post = h.emu.platformRequests().find((r) => r.method === 'POST');
			expect(post?.body).toBe(raw);
			expect(post?.status).toBe(201);
		});

		it('keeps description optional', async () => {
			const body = redshiftBody();
			delete body.description;
			expect((await h.create(body)).status).toBe(201);
			expect(h.emu.connections()[0].description).toBeUndefined();
		});

		it('GET returns {items:[...]} with the password omitted', async () => {
			const { json } = await h.create();
			const res = await h.get(`${CONNECTIONS}/${json.id}`);
			expect(res.status).toBe(200);
			expect(res.json.items).toHaveLength(1);
			const item = res.json.items[0];
			expect(item).toMatchObject({
				id: json.id,
				etag: json.etag,
				state: 'enabled',
				sandboxName: 'prod',
			});
			expect(typeof item.createdAt).toBe('number');
			expect(item.auth.params).toEqual({
				server: 'examplecluster.abc123.us-west-2.redshift.amazonaws.com',
				port: '5439',
				username: 'ingest',
				database: 'dev',
			});
			expect(res.text).not.toContain('Sup3r-Secret!');
		});

		it('keeps connections per sandbox', async () => {
			const { json } = await h.create(redshiftBody(), 'dev');
			const fromProd = await h.get(`${CONNECTIONS}/${json.id}`, 'prod');
			expectFlowError(fromProd, '1439-404');
			const fromDev = await h.get(`${CONNECTIONS}/${json.id}`, 'dev');
			expect(fromDev.status).toBe(200);
		});

		it('rejects the seed tutorial body verbatim (broken JSON) and stores nothing', async () => {
			expectFlowError(await h.create(SEED_TUTORIAL_BODY), '1300-400');
			expect(h.emu.connections()).toHaveLength(0);
		});

		it('needs Content-Type application/json', async () => {
			const res = await h.request('POST', CONNECTIONS, JSON.stringify(redshiftBody()), {
				headers: { 'content-type': 'text/plain' },
			});
			expectFlowError(res, '1302-415');
		});

		it.each([
			['name missing', () => redshiftBody({}, { name: undefined }), '1304-400'],
			['name empty', () => redshiftBody({}, { name: '  ' }), '1304-400'],
			['name not a string', () => redshiftBody({}, { name: 42 }), '1301-400'],
			['description not a string', () => redshiftBody({}, { description: null }), '1301-400'],
			['an unknown top-level field', () => redshiftBody({}, { baseConnectionId: 'x' }), '1301-400'],
			['database missing', () => withoutParam('database'), '1304-400'],
			['password missing', () => withoutParam('password'), '1304-400'],
			['port missing', () => withoutParam('port'), '1304-400'],
			['port as a JSON number', () => redshiftBody({ port: 5439 }), '1301-400'],
			['port not a port', () => redshiftBody({ port: '{PORT}' }), '1301-400'],
			['port out of range', () => redshiftBody({ port: '70000' }), '1301-400'],
			['an unknown auth param', () => redshiftBody({ sslMode: 'require' }), '1301-400'],
			['schema not a string', () => redshiftBody({ schema: ['public'] }), '1301-400'],
			['auth missing', () => redshiftBody({}, { auth: undefined }), '1304-400'],
			[
				'auth.params missing',
				() => redshiftBody({}, { auth: { specName: 'Basic Authentication' } }),
				'1304-400',
			],
			[
				'a wrong specName',
				() => redshiftBody({}, { auth: { specName: 'basic authentication', params: {} } }),
				'1415-400',
			],
			['connectionSpec missing', () => redshiftBody({}, { connectionSpec: undefined }), '1304-400'],
			[
				'another connection spec id',
				() =>
					redshiftBody(
						{},
						{ connectionSpec: { id: 'c604ff05-7f1a-43c0-8e18-33bf874cb11c', version: '1.0' } },
					),
				'1439-404',
			],
			[
				'a connectionSpec version other than "1.0"',
				() =>
					redshiftBody({}, { connectionSpec: { id: REDSHIFT_CONNECTION_SPEC_ID, version: '1' } }),
				'1301-400',
			],
			['an array body', () => [redshiftBody()], '1301-400'],
		])('rejects %s', async (_label, body, code) => {
			const res = await h.create(JSON.parse(JSON.stringify(body())));
			expectFlowError(res, code);
			expect(h.emu.connections()).toHaveLength(0);
		});

		it('never echoes the password in an error', async () => {
			const res = await h.create(redshiftBody({ password: 12345678 }));
			expectFlowError(res, '1301-400');
			expect(res.text).not.toContain('12345678');
		});

		it('accepts schema as optional', async () => {
			expect((await h.create(redshiftBody({ schema: 'public' }))).status).toBe(201);
		});
	});

	describe('hosting aws', () => {
		beforeEach(async () => {
			h = await startHarness({ hosting: 'aws' });
		});

		it('requires schema', async () => {
			expectFlowError(await h.create(redshiftBody()), '1304-400');
			expect((await h.create(redshiftBody({ schema: 'public' }))).status).toBe(201);
		});
	});

	describe('hosting azure', () => {
		beforeEach(async () => {
			h = await startHarness({ hosting: 'azure' });
		});

		it('rejects schema and accepts the five base params', async () => {
			expectFlowError(await h.create(redshiftBody({ schema: 'public' })), '1301-400');
			expect((await h.create(redshiftBody())).status).toBe(201);
		});

		it('accepts a charset parameter on the content type', async () => {
			const res = await h.request('POST', CONNECTIONS, redshiftBody(), {
				headers: { 'content-type': 'application/json; charset=utf-8' },
			});
			expect(res.status).toBe(201);
		});
	});
});
