import { CATALOG_PREFIX, DEFAULT_SCHEMA_ID } from '../index';
import { call, platformHeaders, useHarness, type CallResult } from '../testkit';

const DATASETS = `${CATALOG_PREFIX}/dataSets`;
const SCHEMA_REF = {
	id: DEFAULT_SCHEMA_ID,
	contentType: 'application/vnd.adobe.xed+json;version=1',
};

function expectCatalogError(res: CallResult, code: string): void {
	const status = Number(code.split('-')[1]);
	expect(res.status).toBe(status);
	expect(res.json).toMatchObject({ type: `https://ns.adobe.com/aep/errors/CAT-${code}`, status });
}

describe('Catalog: /dataSets', () => {
	const h = useHarness();
	const post = (body: unknown, query = '', sandbox = 'prod') =>
		h.post(`${DATASETS}${query}`, body, sandbox);

	async function create(name: string, query = ''): Promise<string> {
		const res = await post({ name, schemaRef: SCHEMA_REF }, query);
		expect(res.status).toBe(201);
		expect(res.json).toEqual([expect.stringMatching(/^@\/dataSets\/[0-9a-f]{24}$/)]);
		const id = (res.json[0] as string).slice('@/dataSets/'.length);
		expect(res.headers.get('location')).toBe(`${DATASETS}/${id}`);
		return id;
	}

	it('creates from a schema (201 ["@/dataSets/<id>"]) and reads it back as an object keyed by ID', async () => {
		const id = await create('Orders', '?requestDataSource=true');
		const one = await h.get(`${DATASETS}/${id}?properties=name,schemaRef`);
		expect(one.json).toEqual({ [id]: { name: 'Orders', schemaRef: SCHEMA_REF } });
		const full = (await h.get(`${DATASETS}/${id}`)).json[id];
		expect(full).toMatchObject({
			name: 'Orders',
			created: expect.any(Number),
			updated: expect.any(Number),
			imsOrg: h.emu.options.orgId,
		});
		expect(full).not.toHaveProperty('sandboxName');
		expect(h.emu.datasets().map((d) => d.id)).toEqual([id]);
	});

	it('DELETE removes a dataset (200 ["@/dataSets/<id>"]); a second DELETE is a 404', async () => {
		const id = await create('Doomed');
		const gone = await h.request('DELETE', `${DATASETS}/${id}`);
		expect(gone.status).toBe(200);
		expect(gone.json).toEqual([`@/dataSets/${id}`]);
		expect((await h.get(`${DATASETS}/${id}`)).status).toBe(404);
		expect((await h.request('DELETE', `${DATASETS}/${id}`)).status).toBe(404);
	});

	it('pages with start/limit (default 20, max 100) and answers an object, never an array', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 5; i++) ids.push(await create(`ds-${i}`));
		const page = (q: string) => h.get(`${DATASETS}?properties=name&${q}`);
		const first = await page('limit=2&start=0');
		expect(Array.isArray(first.json)).toBe(false);
		expect(Object.keys(first.json)).toEqual(ids.slice(0, 2));
		expect(first.json[ids[0]]).toEqual({ name: 'ds-0' });
		expect(Object.keys((await page('limit=2&start=2')).json)).toEqual(ids.slice(2, 4));
		expect(Object.keys((await page('limit=2&start=4')).json)).toEqual(ids.slice(4));
		expect((await page('limit=2&start=6')).json).toEqual({});
		expect(Object.keys((await page('')).json)).toHaveLength(5);
		for (const bad of ['limit=0', 'limit=101', 'start=-1', 'limit=x'])
			expectCatalogError(await page(bad), '1301-400');
		expectCatalogError(await h.get(`${DATASETS}?properties=schemaRef.id`), '1301-400');
	});

	it('filters by name (exact, any of, negated, wildcard, property=name~) and sorts with orderBy', async () => {
		for (const n of ['orders', 'customers', 'orders-eu']) await create(n);
		const names = async (q: string) =>
			Object.values((await h.get(`${DATASETS}?properties=name&${q}`)).json).map(
				(d) => (d as { name: string }).name,
			);
		expect(await names('name=orders')).toEqual(['orders']);
		expect(await names('name=orders,customers')).toEqual(['orders', 'customers']);
		expect(await names('name=!orders')).toEqual(['customers', 'orders-eu']);
		expect(await names('name=orders*')).toEqual(['orders', 'orders-eu']);
		expect(await names(`property=${encodeURIComponent('name~^cust')}`)).toEqual(['customers']);
		expect(await names('orderBy=desc:name')).toEqual(['orders-eu', 'orders', 'customers']);
		expectCatalogError(await h.get(`${DATASETS}?orderBy=size`), '1301-400');
	});

	it.each<[string, unknown, string]>([
		['no name', { schemaRef: SCHEMA_REF }, '1304-400'],
		['no schemaRef', { name: 'x' }, '1304-400'],
		[
			'an unknown schema',
			{ name: 'x', schemaRef: { ...SCHEMA_REF, id: 'https://ns.adobe.com/emulator/schemas/nope' } },
			'1301-400',
		],
		[
			'another content type',
			{ name: 'x', schemaRef: { ...SCHEMA_REF, contentType: 'application/json' } },
			'1301-400',
		],
		['an unknown field', { name: 'x', schemaRef: SCHEMA_REF, owner: 'me' }, '1301-400'],
		[
			'bad tags',
			{ name: 'x', schemaRef: SCHEMA_REF, tags: { unifiedProfile: 'enabled' } },
			'1301-400',
		],
	])('refuses %s', async (_label, body, code) => {
		expectCatalogError(await post(body), code);
		expect(h.emu.datasets()).toEqual([]);
	});

	it('accepts the xed-full content type and Profile tags', async () => {
		const res = await post({
			name: 'p',
			schemaRef: { ...SCHEMA_REF, contentType: 'application/vnd.adobe.xed-full+json;version=1' },
			tags: { unifiedProfile: ['enabled:true'] },
			enableErrorDiagnostics: true,
		});
		expect(res.status).toBe(201);
	});

	it('keeps datasets per sandbox and answers 404 elsewhere', async () => {
		const id = await create('Orders');
		expectCatalogError(await h.get(`${DATASETS}/${id}`, 'dev'), '1439-404');
		expect((await h.get(`${DATASETS}?properties=name`, 'dev')).json).toEqual({});
	});

	it('needs JSON on create (415)', async () => {
		const res = await call(h.emu, 'POST', DATASETS, {
			headers: { ...platformHeaders(h.emu, h.token), 'content-type': 'text/plain' },
			body: JSON.stringify({ name: 'x', schemaRef: SCHEMA_REF }),
		});
		expectCatalogError(res, '1302-415');
	});
});
