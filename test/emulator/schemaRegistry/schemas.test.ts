import { DEFAULT_SCHEMAS, SCHEMA_REGISTRY_PREFIX } from '../index';
import { call, expectFlowError, platformHeaders, useHarness, type CallResult } from '../testkit';

const SCHEMAS = `${SCHEMA_REGISTRY_PREFIX}/tenant/schemas`;
const FULL = 'application/vnd.adobe.xed-full+json; version=1';
const ORDERS = DEFAULT_SCHEMAS[0];

/** Schema Registry errors in schema-registry.yaml's errorBasic shape: XDM- type, report with registryRequestId, detail. */
function expectXdmError(res: CallResult, status: number): void {
	expect(res.status).toBe(status);
	expect(res.json.type).toMatch(new RegExp(`^http://ns.adobe.com/aep/errors/XDM-\\d+-${status}$`));
	expect(res.json).toMatchObject({
		status,
		detail: expect.any(String),
		report: { registryRequestId: expect.any(String), 'detailed-message': res.json.detail },
	});
}

describe('Schema Registry: /tenant/schemas, /stats', () => {
	const h = useHarness({ per: 'file' });
	const get = (path: string, accept?: string, sandbox = 'prod') =>
		h.request('GET', path, undefined, { sandbox, headers: accept ? { accept } : {} });

	it('lists summaries with xed-id, and unresolved schemas with xed', async () => {
		const ids = await get(SCHEMAS, 'application/vnd.adobe.xed-id+json');
		expect(ids.status).toBe(200);
		expect(ids.json.results).toEqual(
			DEFAULT_SCHEMAS.map((s) => ({
				$id: s.$id,
				'meta:altId': s['meta:altId'],
				version: '1.0',
				title: s.title,
			})),
		);
		expect(ids.json._page).toEqual({ orderby: 'title', next: null, count: 2 });
		expect(ids.json._links.global_schemas.href).toBe(`${SCHEMA_REGISTRY_PREFIX}/global/schemas`);
		const full = await get(SCHEMAS, 'application/vnd.adobe.xed+json');
		expect(full.json.results[0]).not.toHaveProperty('properties');
		expect(full.json.results[0].allOf).toHaveLength(2);
	});

	it('needs a list Accept header (400)', async () => {
		expectXdmError(await get(SCHEMAS), 400);
		expectXdmError(await get(SCHEMAS, 'application/json'), 400);
	});

	it('pages with orderby + limit, the next start being _page.next, until next is null', async () => {
		const first = await get(
			`${SCHEMAS}?orderby=title&limit=1`,
			'application/vnd.adobe.xed-id+json',
		);
		expect(first.json.results.map((s: { title: string }) => s.title)).toEqual([
			'Emulator customers',
		]);
		expect(first.json._page.next).toEqual(expect.any(String));
		expect(first.json._links.next.href).toContain(`start=${first.json._page.next}`);
		const second = await get(
			`${SCHEMAS}?orderby=title&limit=1&start=${first.json._page.next}`,
			'application/vnd.adobe.xed-id+json',
		);
		expect(second.json.results.map((s: { title: string }) => s.title)).toEqual(['Emulator orders']);
		expect(second.json._page.next).toBeNull();
		expect(second.json._links.next).toBeUndefined();
	});

	it('refuses start or limit without orderby', async () => {
		expectXdmError(await get(`${SCHEMAS}?limit=1`, 'application/vnd.adobe.xed-id+json'), 400);
	});

	it('filters with property=title==… and title~regex', async () => {
		const eq = await get(
			`${SCHEMAS}?property=${encodeURIComponent('title==Emulator orders')}`,
			'application/vnd.adobe.xed-id+json',
		);
		expect(eq.json.results.map((s: { $id: string }) => s.$id)).toEqual([ORDERS.$id]);
		const re = await get(
			`${SCHEMAS}?property=${encodeURIComponent('title~cust')}`,
			'application/vnd.adobe.xed-id+json',
		);
		expect(re.json.results).toHaveLength(1);
	});

	it('looks a schema up by URL-encoded $id or by meta:altId, resolved with xed-full', async () => {
		const byId = await get(`${SCHEMAS}/${encodeURIComponent(ORDERS.$id)}`, FULL);
		expect(byId.status).toBe(200);
		expect(byId.json.properties._emulator.properties.orderId).toEqual({ type: 'string' });
		const byAlt = await get(
			`${SCHEMAS}/${ORDERS['meta:altId']}`,
			'application/vnd.adobe.xed-full+json;version=1',
		);
		expect(byAlt.json.$id).toBe(ORDERS.$id);
		const unresolved = await get(
			`${SCHEMAS}/${ORDERS['meta:altId']}`,
			'application/vnd.adobe.xed+json; version=1',
		);
		expect(unresolved.json).not.toHaveProperty('properties');
	});

	it('answers 406 without a version or for an unknown format, 404 for an unknown schema', async () => {
		expectXdmError(
			await get(`${SCHEMAS}/${ORDERS['meta:altId']}`, 'application/vnd.adobe.xed-full+json'),
			406,
		);
		expectXdmError(
			await get(`${SCHEMAS}/${ORDERS['meta:altId']}`, 'application/json; version=1'),
			406,
		);
		expectXdmError(
			await get(
				`${SCHEMAS}/${encodeURIComponent('https://ns.adobe.com/emulator/schemas/nope')}`,
				FULL,
			),
			404,
		);
	});

	it('gives the tenant ID in /stats', async () => {
		expect((await get(`${SCHEMA_REGISTRY_PREFIX}/stats`)).json).toMatchObject({
			tenantId: 'emulator',
			imsOrg: h.emu.options.orgId,
		});
	});

	it('goes through the gateway and needs x-sandbox-name', async () => {
		const headers = platformHeaders(h.emu, h.token);
		delete (headers as Record<string, string>)['x-sandbox-name'];
		const res = await call(h.emu, 'GET', SCHEMAS, {
			headers: { ...headers, accept: 'application/vnd.adobe.xed-id+json' },
		});
		expect(res.status).toBe(400);
		expect(res.json.type).toBe('http://ns.adobe.com/aep/errors/XDM-2105-400');
		const noKey = await call(h.emu, 'GET', SCHEMAS, {
			headers: { accept: 'application/vnd.adobe.xed-id+json' },
		});
		expect(noKey.json).toEqual({ error_code: '403000', message: 'Api Key is required' });
		// a Flow Service route is not a Schema Registry route
		expectFlowError(
			await get('/data/foundation/flowservice/tenant/schemas', 'application/vnd.adobe.xed-id+json'),
			'1439-404',
		);
	});
});
