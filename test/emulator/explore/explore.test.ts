import { REDSHIFT_CONNECTION_SPEC_ID } from '../core/defaults';
import { CONNECTIONS, expectFlowError, redshiftBody, startHarness, type Harness } from '../testkit';

describe('test, explore and connectionSpecs', () => {
	let h: Harness;
	afterEach(() => h.emu.close());

	describe('with the default catalogue', () => {
		let id: string;
		beforeEach(async () => {
			h = await startHarness();
			id = (await h.create()).json.id;
		});

		it('tests a reachable connection as true', async () => {
			const res = await h.get(`${CONNECTIONS}/${id}/test`);
			expect(res.status).toBe(200);
			expect(res.json).toEqual({ result: true });
		});

		it.each(['redshift.invalid', 'unreachable-cluster.example.com'])(
			'tests server %s as unreachable, and explore fails',
			async (server) => {
				const bad = (await h.create(redshiftBody({ server }))).json.id;
				expect((await h.get(`${CONNECTIONS}/${bad}/test`)).json).toEqual({ result: false });
				expectFlowError(await h.get(`${CONNECTIONS}/${bad}/explore?objectType=root`), '1201-400');
			},
		);

		it('explores the root: the tables', async () => {
			const res = await h.get(`${CONNECTIONS}/${id}/explore?objectType=root`);
			expect(res.status).toBe(200);
			expect(res.json).toContainEqual({
				type: 'table',
				name: 'public.orders',
				path: 'public.orders',
				canPreview: true,
				canFetchSchema: true,
			});
			expect(res.json.map((t: { path: string }) => t.path)).toEqual([
				'public.orders',
				'public.customers',
				'sales.line_items',
			]);
		});

		it("accepts the spec's upper-case objectType (ROOT, TABLE) as well as the tutorials' lower case", async () => {
			expect((await h.get(`${CONNECTIONS}/${id}/explore?objectType=ROOT`)).json).toHaveLength(3);
			expect(
				(await h.get(`${CONNECTIONS}/${id}/explore?objectType=TABLE&object=public.orders`)).json
					.schema.columns,
			).toHaveLength(6);
		});

		// The shape of Adobe's "Explore data tables" tutorial and filter.md preview (dataflow-chain.md §1b).
		it('explores a table schema with typed columns, as Adobe documents them', async () => {
			const res = await h.get(`${CONNECTIONS}/${id}/explore?objectType=table&object=public.orders`);
			expect(res.status).toBe(200);
			expect(res.json.format).toBe('flat');
			expect(res.json.schema.columns).toEqual([
				{ name: 'order_id', type: 'string', xdm: { type: 'string' } },
				{ name: 'customer_id', type: 'string', xdm: { type: 'string' } },
				{ name: 'quantity', type: 'integer', xdm: { type: 'integer' } },
				{ name: 'total', type: 'double', xdm: { type: 'number' } },
				{ name: 'paid', type: 'boolean', xdm: { type: 'boolean' } },
				{
					name: 'ordered_at',
					type: 'string',
					'meta:xdmType': 'date-time',
					xdm: { type: 'string', format: 'date-time' },
				},
			]);
		});

		it.each([
			['an unknown table', '?objectType=table&object=public.nope', '1439-404'],
			['a table without object', '?objectType=table', '1304-400'],
			['no objectType', '', '1304-400'],
			['an unknown objectType', '?objectType=folder', '1301-400'],
		])('refuses %s', async (_label, query, code) => {
			expectFlowError(await h.get(`${CONNECTIONS}/${id}/explore${query}`), code);
		});

		it('answers 404 for test/explore on an unknown connection', async () => {
			expectFlowError(
				await h.get(`${CONNECTIONS}/00000000-0000-4000-8000-000000000000/test`),
				'1439-404',
			);
		});

		it('serves the Redshift connection spec, schema optional', async () => {
			const res = await h.get(
				`/data/foundation/flowservice/connectionSpecs/${REDSHIFT_CONNECTION_SPEC_ID}`,
			);
			expect(res.status).toBe(200);
			const [spec] = res.json.items;
			expect(spec).toMatchObject({
				id: REDSHIFT_CONNECTION_SPEC_ID,
				name: 'amazon-redshift',
				version: '1.0',
			});
			expect(typeof spec.providerId).toBe('string');
			expect(spec.authSpec).toHaveLength(1);
			expect(spec.authSpec[0]).toMatchObject({
				name: 'Basic Authentication',
				type: 'Basic_Authentication',
			});
			const schema = spec.authSpec[0].spec;
			expect(schema.required).toEqual(['server', 'port', 'username', 'password', 'database']);
			expect(Object.keys(schema.properties)).toContain('schema');
			expect(schema.properties.password.format).toBe('password');
		});

		it('answers 404 for another connection spec', async () => {
			expectFlowError(
				await h.get(
					'/data/foundation/flowservice/connectionSpecs/c604ff05-7f1a-43c0-8e18-33bf874cb11c',
				),
				'1439-404',
			);
		});
	});

	it('shapes the connection spec by hosting', async () => {
		h = await startHarness({ hosting: 'aws' });
		const aws = (
			await h.get(`/data/foundation/flowservice/connectionSpecs/${REDSHIFT_CONNECTION_SPEC_ID}`)
		).json;
		expect(aws.items[0].authSpec[0].spec.required).toContain('schema');
		await h.emu.close();
		h = await startHarness({ hosting: 'azure' });
		const azure = (
			await h.get(`/data/foundation/flowservice/connectionSpecs/${REDSHIFT_CONNECTION_SPEC_ID}`)
		).json;
		expect(Object.keys(azure.items[0].authSpec[0].spec.properties)).not.toContain('schema');
	});

	it('uses options.tables as the catalogue', async () => {
		h = await startHarness({
			tables: [
				{
					path: 'crm.leads',
					columns: [
						{ name: 'since', type: 'date' },
						{ name: 'visits', type: 'long' },
					],
				},
			],
		});
		const id = (await h.create()).json.id;
		const root = await h.get(`${CONNECTIONS}/${id}/explore?objectType=root`);
		expect(root.json.map((t: { name: string }) => t.name)).toEqual(['crm.leads']);
		const table = await h.get(`${CONNECTIONS}/${id}/explore?objectType=table&object=crm.leads`);
		expect(table.json.schema.columns).toEqual([
			{
				name: 'since',
				type: 'string',
				'meta:xdmType': 'date',
				xdm: { type: 'string', format: 'date' },
			},
			{ name: 'visits', type: 'long', xdm: { type: 'integer' } },
		]);
	});
});
