import { REDSHIFT_CONNECTION_SPEC_ID } from '../core/defaults';
import { CONNECTIONS, expectFlowError, redshiftBody, useHarness } from '../testkit';

describe('PATCH and DELETE /connections/{id}', () => {
	const h = useHarness();
	let id: string;
	let etag: string;

	beforeEach(async () => {
		({ id, etag } = (await h.create()).json);
	});

	/** `ifMatch: null` sends no If-Match header. */
	const patch = (body: unknown, ifMatch: string | null = etag) =>
		h.request('PATCH', `${CONNECTIONS}/${id}`, body, {
			headers: ifMatch === null ? {} : { 'if-match': ifMatch },
		});
	const rename = [{ op: 'replace', path: '/name', value: 'renamed' }];

	it('needs If-Match (FLOW-1403-400)', async () => {
		expectFlowError(await patch(rename, null), '1403-400');
		expect(h.emu.connections()[0].name).toBe('Redshift orders');
	});

	it('refuses a stale etag (FLOW-1404-412), including one without its quotes', async () => {
		expectFlowError(await patch(rename, '"00000000-0000-0200-0000-000000000000"'), '1404-412');
		expectFlowError(await patch(rename, etag.slice(1, -1)), '1404-412');
	});

	it('applies replace ops, returns a new etag, and the old one turns stale', async () => {
		const res = await patch([
			...rename,
			{ op: 'replace', path: '/description', value: 'new description' },
			{ op: 'replace', path: '/auth/params/password', value: 'rotated-password' },
		]);
		expect(res.status).toBe(200);
		expect(res.json).toEqual({ id, etag: expect.stringMatching(/^".+"$/) });
		expect(res.json.etag).not.toBe(etag);

		const [stored] = h.emu.connections();
		expect(stored).toMatchObject({
			name: 'renamed',
			description: 'new description',
			etag: res.json.etag,
		});
		expect(stored.auth.params.password).toBe('rotated-password');
		expect(stored.updatedAt).toBeGreaterThanOrEqual(stored.createdAt);

		expectFlowError(await patch(rename, etag), '1404-412');
		expect((await patch(rename, res.json.etag)).status).toBe(200);
	});

	it("adds a description with op add, as Adobe's update example does", async () => {
		expect((await patch([{ op: 'add', path: '/description', value: 'added' }])).status).toBe(200);
		expect(h.emu.connections()[0].description).toBe('added');
	});

	it('replaces /auth/params as a whole and re-validates it', async () => {
		const params = (redshiftBody({ server: 'other.example.com' }).auth as { params: object })
			.params;
		expect((await patch([{ op: 'replace', path: '/auth/params', value: params }])).status).toBe(
			200,
		);
		expect(h.emu.connections()[0].auth.params.server).toBe('other.example.com');
	});

	it.each([
		['port as a number', [{ op: 'replace', path: '/auth/params/port', value: 5439 }], '1301-400'],
		[
			'params without password',
			[
				{
					op: 'replace',
					path: '/auth/params',
					value: { server: 's', port: '5439', username: 'u', database: 'd' },
				},
			],
			'1304-400',
		],
		['an empty name', [{ op: 'replace', path: '/name', value: '' }], '1304-400'],
		[
			'an unknown param',
			[{ op: 'replace', path: '/auth/params/sslMode', value: 'require' }],
			'1301-400',
		],
		[
			'a connectionSpec change',
			[
				{
					op: 'replace',
					path: '/connectionSpec',
					value: { id: REDSHIFT_CONNECTION_SPEC_ID, version: '2.0' },
				},
			],
			'1414-400',
		],
		[
			'a connectionSpec id change',
			[{ op: 'replace', path: '/connectionSpec/id', value: 'x' }],
			'1414-400',
		],
		['an add op on a param', [{ op: 'add', path: '/auth/params/server', value: 'x' }], '1301-400'],
		['a remove op', [{ op: 'remove', path: '/description' }], '1301-400'],
		['a non-patchable path', [{ op: 'replace', path: '/state', value: 'disabled' }], '1301-400'],
		['an empty array', [], '1301-400'],
		['an object instead of an array', { op: 'replace', path: '/name', value: 'x' }, '1301-400'],
	])('refuses %s and changes nothing', async (_label, body, code) => {
		const before = h.emu.connections()[0];
		expectFlowError(await patch(body), code);
		expect(h.emu.connections()[0]).toEqual(before);
	});

	it('applies a patch atomically: one bad op rejects the others', async () => {
		expectFlowError(
			await patch([...rename, { op: 'replace', path: '/auth/params/port', value: 1 }]),
			'1301-400',
		);
		expect(h.emu.connections()[0].name).toBe('Redshift orders');
	});

	it('refuses unparseable JSON and a non-JSON content type', async () => {
		expectFlowError(await patch('[{"op": "replace",'), '1300-400');
		const res = await h.request('PATCH', `${CONNECTIONS}/${id}`, rename, {
			headers: { 'if-match': etag, 'content-type': 'application/json-patch+json' },
		});
		expectFlowError(res, '1302-415');
	});

	it('answers 404 for an unknown connection', async () => {
		id = '00000000-0000-4000-8000-000000000000';
		expectFlowError(await patch(rename), '1439-404');
	});

	it('deletes with 204 and an empty body; then the connection is gone', async () => {
		const res = await h.request('DELETE', `${CONNECTIONS}/${id}`);
		expect(res.status).toBe(204);
		expect(res.text).toBe('');
		expect(h.emu.connections()).toEqual([]);
		const again = await h.request('DELETE', `${CONNECTIONS}/${id}`);
		expectFlowError(again, '1439-404');
	});

	it('refuses to delete a connection in use (FLOW-1418-400) until it is released', async () => {
		h.emu.markInUse(id);
		const del = () => h.request('DELETE', `${CONNECTIONS}/${id}`);
		expectFlowError(await del(), '1418-400');
		expect(h.emu.connections()).toHaveLength(1);
		h.emu.markInUse(id, false);
		expect((await del()).status).toBe(204);
		expect(() => h.emu.markInUse(id)).toThrow(/No connection/);
	});

	it('does not delete across sandboxes', async () => {
		const res = await h.request('DELETE', `${CONNECTIONS}/${id}`, undefined, { sandbox: 'dev' });
		expectFlowError(res, '1439-404');
		expect(h.emu.connections()).toHaveLength(1);
	});
});
