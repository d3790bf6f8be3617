import { DATA_PREP_PREFIX, DEFAULT_SCHEMA_ID } from '../index';
import { useHarness, type CallResult } from '../testkit';

const SETS = `${DATA_PREP_PREFIX}/mappingSets`;
const CONTENT_TYPE = 'application/vnd.adobe.xed-full+json;version=1';

function currentBody(
	mappings: unknown[] = [
		{ sourceType: 'ATTRIBUTE', source: 'order_id', destination: '_emulator.orderId' },
	],
) {
	return {
		outputSchema: { schemaRef: { id: DEFAULT_SCHEMA_ID, contentType: CONTENT_TYPE } },
		mappings,
	};
}

function legacyBody() {
	return {
		version: 0,
		xdmSchema: DEFAULT_SCHEMA_ID,
		xdmVersion: '1.0',
		id: null,
		mappings: [
			{
				sourceAttribute: 'order_id',
				destinationXdmPath: '_emulator.orderId',
				identity: false,
				identityGroup: null,
				namespaceCode: null,
				version: 0,
			},
		],
	};
}

/** Data Prep errors are RFC 7807 `{title, status, detail}` with no typed code (emulator choice); `code` gives the status. */
function expectPrepError(res: CallResult, code: string): void {
	const status = Number(code.split('-')[1]);
	expect(res.status).toBe(status);
	expect(res.json).toEqual({ title: expect.any(String), status, detail: expect.any(String) });
}

describe('Data Prep: /mappingSets', () => {
	const h = useHarness();

	it('creates with 200 (not 201) and {id, version: 0, dates, users}; GET shows both alias pairs', async () => {
		const res = await h.post(SETS, currentBody());
		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			id: expect.stringMatching(/^[0-9a-f]{32}$/),
			version: 0,
			createdDate: expect.any(Number),
			modifiedDate: expect.any(Number),
			createdBy: expect.any(String),
			modifiedBy: expect.any(String),
		});
		const got = await h.get(`${SETS}/${res.json.id}`);
		expect(got.json).toMatchObject({
			id: res.json.id,
			version: 0,
			outputSchema: { schemaRef: { id: DEFAULT_SCHEMA_ID, contentType: CONTENT_TYPE } },
			mappings: [
				{
					sourceType: 'ATTRIBUTE',
					source: 'order_id',
					destination: '_emulator.orderId',
					sourceAttribute: 'order_id',
					destinationXdmPath: '_emulator.orderId',
				},
			],
		});
		expect((await h.get(`${SETS}/${res.json.id}?version=0`)).status).toBe(200);
		expectPrepError(await h.get(`${SETS}/${res.json.id}?version=1`), '1439-404');
		expectPrepError(await h.get(`${SETS}/${res.json.id}`, 'dev'), '1439-404');
	});

	it('PUT writes a new version (earlier ones kept for ?version=); DELETE removes the set', async () => {
		const { id } = (await h.post(SETS, currentBody())).json;
		const other = [{ sourceType: 'ATTRIBUTE', source: 'total', destination: '_emulator.total' }];
		const put = await h.request('PUT', `${SETS}/${id}`, currentBody(other));
		expect(put.status).toBe(200);
		expect(put.json).toMatchObject({ id, version: 1 });
		const source = async (query: string) =>
			(await h.get(`${SETS}/${id}${query}`)).json.mappings.map((m: { source: string }) => m.source);
		expect(await source('')).toEqual(['total']);
		expect(await source('?version=1')).toEqual(['total']);
		expect(await source('?version=0')).toEqual(['order_id']);
		expectPrepError(await h.request('PUT', `${SETS}/${id}`, currentBody([])), '1304-400');
		expect((await h.request('DELETE', `${SETS}/${id}`)).status).toBe(200);
		expectPrepError(await h.get(`${SETS}/${id}`), '1439-404');
		expectPrepError(await h.request('DELETE', `${SETS}/${id}`), '1439-404');
	});

	it("accepts the Sources tutorials' legacy body, EXPRESSION and STATIC mappings, and ?validate=", async () => {
		expect((await h.post(SETS, legacyBody())).status).toBe(200);
		const mixed = currentBody([
			{ sourceType: 'EXPRESSION', source: 'concat(order_id, "-x")', destination: '_id' },
			{ sourceType: 'STATIC', source: 'web', destination: '_emulator.customerId' },
		]);
		expect((await h.post(`${SETS}?validate=true`, mixed)).status).toBe(200);
		expectPrepError(await h.post(`${SETS}?validate=maybe`, mixed), '1301-400');
		expect(h.emu.mappingSets()).toHaveLength(2);
	});

	it.each<[string, unknown, string]>([
		[
			'an unknown schema',
			{
				...currentBody(),
				outputSchema: {
					schemaRef: {
						id: 'https://ns.adobe.com/emulator/schemas/nope',
						contentType: CONTENT_TYPE,
					},
				},
			},
			'1301-400',
		],
		[
			'the Catalog content type',
			{
				...currentBody(),
				outputSchema: {
					schemaRef: {
						id: DEFAULT_SCHEMA_ID,
						contentType: 'application/vnd.adobe.xed+json;version=1',
					},
				},
			},
			'1301-400',
		],
		['no mappings', currentBody([]), '1304-400'],
		[
			'a destination the schema lacks',
			currentBody([{ sourceType: 'ATTRIBUTE', source: 'a', destination: '_emulator.nope' }]),
			'1000-400',
		],
		[
			'an object as destination',
			currentBody([{ sourceType: 'ATTRIBUTE', source: 'a', destination: '_emulator' }]),
			'1000-400',
		],
		[
			'an unknown sourceType',
			currentBody([{ sourceType: 'COLUMN', source: 'a', destination: '_id' }]),
			'1000-400',
		],
		[
			'one destination twice',
			currentBody([
				{ sourceType: 'ATTRIBUTE', source: 'a', destination: '_id' },
				{ sourceType: 'ATTRIBUTE', source: 'b', destination: '_id' },
			]),
			'1000-400',
		],
		['no outputSchema', { mappings: [] }, '1304-400'],
	])('refuses %s', async (_label, body, code) => {
		expectPrepError(await h.post(SETS, body), code);
		expect(h.emu.mappingSets()).toEqual([]);
	});

	it('validates at /mappingSets/validate: one entry per mapping, 200 even with failures, nothing stored', async () => {
		const res = await h.post(
			`${SETS}/validate`,
			currentBody([
				{ sourceType: 'ATTRIBUTE', source: 'order_id', destination: '_emulator.orderId' },
				{ sourceType: 'ATTRIBUTE', source: 'x', destination: '_emulator.nope' },
			]),
		);
		expect(res.status).toBe(200);
		expect(res.json.validationResponse).toEqual([
			{ status: 'SUCCESS', errors: null },
			{
				status: 'FAILURE',
				errors: [
					{
						code: expect.stringMatching(/^DPREP-/),
						message: expect.stringContaining('not a field'),
					},
				],
			},
		]);
		expect(h.emu.mappingSets()).toEqual([]);
	});

	it('lists with limit and start (both required)', async () => {
		await h.post(SETS, currentBody());
		await h.post(SETS, legacyBody());
		const page = await h.get(`${SETS}?limit=1&start=1`);
		expect(page.json).toMatchObject({
			data: [{ mappings: [{ source: 'order_id' }] }],
			_page: { count: 2, limit: 1 },
		});
		expectPrepError(await h.get(`${SETS}?limit=1`), '1304-400');
	});
});
