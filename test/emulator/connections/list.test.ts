import { REDSHIFT_CONNECTION_SPEC_ID } from '../core/defaults';
import { CONNECTIONS, expectFlowError, redshiftBody, useHarness } from '../testkit';

const FLOW = '/data/foundation/flowservice';

describe('GET /connections', () => {
	const h = useHarness({ per: 'file' });
	const get = (query: string, sandbox = 'prod') => h.get(`${CONNECTIONS}${query}`, sandbox);

	beforeAll(async () => {
		for (let i = 0; i < 7; i++) {
			expect((await h.create(redshiftBody({}, { name: `conn-${i}` }))).status).toBe(201);
		}
		await h.create(redshiftBody({}, { name: 'conn-dev' }), 'dev');
	});

	it('lists the sandbox connections, newest first by default, without passwords', async () => {
		const res = await get('');
		expect(res.status).toBe(200);
		expect(res.json.items.map((c: { name: string }) => c.name)).toEqual([
			'conn-6',
			'conn-5',
			'conn-4',
			'conn-3',
			'conn-2',
			'conn-1',
			'conn-0',
		]);
		expect(res.json._links).toBeUndefined();
		expect(res.text).not.toContain('Sup3r-Secret!');
	});

	it('follows _links.next over 3 pages, keeping filter and order', async () => {
		const spec = encodeURIComponent(`connectionSpec.id==${REDSHIFT_CONNECTION_SPEC_ID}`);
		let href: string | undefined = `/connections?limit=3&orderby=createdAt&property=${spec}`;
		const pages: string[][] = [];
		while (href) {
			expect(href.startsWith('/connections?')).toBe(true);
			const res = await h.get(`${FLOW}${href}`);
			expect(res.status).toBe(200);
			pages.push(res.json.items.map((c: { name: string }) => c.name));
			href = res.json._links?.next?.href;
		}
		expect(pages).toEqual([
			['conn-0', 'conn-1', 'conn-2'],
			['conn-3', 'conn-4', 'conn-5'],
			['conn-6'],
		]);
	});

	it('has no next link when the last page is exactly full', async () => {
		const res = await get('?limit=7');
		expect(res.json.items).toHaveLength(7);
		expect(res.json._links).toBeUndefined();
	});

	it('ANDs repeated property filters', async () => {
		const res = await get(
			`?property=${encodeURIComponent('name==conn-2')}&property=${encodeURIComponent('state==enabled')}`,
		);
		expect(res.json.items.map((c: { name: string }) => c.name)).toEqual(['conn-2']);
		const none = await get(
			`?property=${encodeURIComponent('name==conn-2')}&property=${encodeURIComponent('state==disabled')}`,
		);
		expect(none.json.items).toEqual([]);
		const notEqual = await get(`?property=${encodeURIComponent('name!=conn-2')}&count=true`);
		expect(notEqual.json).toEqual({ count: 6 });
	});

	it('counts with count=true, and refuses limit with count (FLOW-1401-400)', async () => {
		expect((await get('?count=true')).json).toEqual({ count: 7 });
		expect((await get('?count=true', 'dev')).json).toEqual({ count: 1 });
		expectFlowError(await get('?count=true&limit=2'), '1401-400');
	});

	it.each([
		['a bad limit', '?limit=0'],
		['a bad orderby', '?orderby=size'],
		['a bad filter', `?property=${encodeURIComponent('name=conn')}`],
		['a bad continuation token', '?continuationToken=garbage'],
	])('refuses %s', async (_label, query) => {
		expectFlowError(await get(query), '1301-400');
	});
});
