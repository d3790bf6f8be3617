import { DATABASE_FLOW_SPEC_ID, DEFAULT_SCHEMA_ID, REDSHIFT_CONNECTION_SPEC_ID } from '../index';
import {
	CONNECTIONS,
	expectFlowError,
	property as prop,
	useFlowInputs,
	useHarness,
} from '../testkit';

const HOUR_AGO = Math.floor(Date.now() / 1000) - 3600;
const IN_A_DAY = Math.floor(Date.now() / 1000) + 86400;
const HOURLY_WITH_BACKFILL = {
	startTime: HOUR_AGO,
	frequency: 'hour',
	interval: 1,
	backfill: true,
};

describe('Flow Service: /flowSpecs, /flows (list, PATCH, actions, delete), source/target list and delete', () => {
	const h = useHarness();
	const { inputs, createFlow } = useFlowInputs(h);
	/** JSON Patch to a `once` schedule from `startTime`, without the Copy step a once flow refuses. */
	const toOnce = (startTime: number) => [
		{ op: 'replace', path: '/scheduleParams', value: { startTime, frequency: 'once' } },
		{ op: 'remove', path: '/transformations/0' },
	];
	const flowOf = async (id: string) => (await h.flowService('GET', `/flows/${id}`)).json.items[0];

	describe('flow specs', () => {
		it.each(['name=="CRMToAEP"', 'name==CRMToAEP'])(
			'finds CRMToAEP by %s, listing the Redshift spec as a source',
			async (filter) => {
				const res = await h.flowService('GET', `/flowSpecs?${prop(filter)}`);
				expect(res.json.items).toHaveLength(1);
				expect(res.json.items[0]).toMatchObject({
					id: DATABASE_FLOW_SPEC_ID,
					name: 'CRMToAEP',
					version: '1.0',
					sourceConnectionSpecIds: expect.arrayContaining([REDSHIFT_CONNECTION_SPEC_ID]),
				});
				expect(res.json.items[0].scheduleSpec.spec.properties.frequency.enum).toEqual([
					'once',
					'minute',
					'hour',
					'day',
					'week',
				]);
			},
		);

		it('lists both specs, and gets one by id', async () => {
			expect(
				(await h.flowService('GET', '/flowSpecs')).json.items
					.map((s: { name: string }) => s.name)
					.sort(),
			).toEqual(['CRMToAEP', 'CloudStorageToAEP']);
			expect(
				(await h.flowService('GET', `/flowSpecs/${DATABASE_FLOW_SPEC_ID}`)).json.items[0].name,
			).toBe('CRMToAEP');
			expectFlowError(await h.flowService('GET', '/flowSpecs/nope'), '1439-404');
		});
	});

	describe('list', () => {
		it('filters flows by source connection, state, flow spec and base connection; pages with continuation tokens', async () => {
			const a = await createFlow(HOURLY_WITH_BACKFILL);
			const b = await createFlow(HOURLY_WITH_BACKFILL);
			const ids = async (q: string) =>
				(await h.flowService('GET', `/flows?${q}`)).json.items.map((f: { id: string }) => f.id);
			expect(
				await ids(`${prop(`sourceConnectionIds[]==${inputs().sourceId}`)}&orderby=createdAt`),
			).toEqual([a, b]);
			expect(
				await ids(
					`${prop(`inheritedAttributes.sourceConnections[].baseConnection.id==${inputs().baseId}`)}&orderby=createdAt`,
				),
			).toEqual([a, b]);
			expect(
				await ids(`${prop(`flowSpec.id==${DATABASE_FLOW_SPEC_ID}`)}&property=state==disabled`),
			).toEqual([]);
			expect(
				(
					await h.flowService(
						'GET',
						`/flows?${prop('inheritedAttributes.properties.isSourceFlow==true')}&count=true`,
					)
				).json,
			).toEqual({ count: 2 });
			expect((await h.flowService('GET', '/flows?count=true')).json).toEqual({ count: 2 });
			expect(await ids(`${prop(`id==${a},${b}`)}&orderby=createdAt`)).toEqual([a, b]); // a comma list is "any of"
			expect(await ids(prop(`id==${a},nothing`))).toEqual([a]);
			expect(await ids(prop(`id!=${a},${b}`))).toEqual([]);
			const first = await h.flowService('GET', '/flows?limit=1&orderby=createdAt');
			expect(first.json.items.map((f: { id: string }) => f.id)).toEqual([a]);
			expect(first.json._links.next.href).toMatch(/^\/flows\?.*continuationToken=/);
			expect(
				(await h.flowService('GET', first.json._links.next.href)).json.items.map(
					(f: { id: string }) => f.id,
				),
			).toEqual([b]);
		});

		it('lists source and target connections with filters (baseConnectionId, params.tableName)', async () => {
			const res = await h.flowService(
				'GET',
				`/sourceConnections?${prop(`baseConnectionId==${inputs().baseId}`)}&${prop('params.tableName==public.orders')}`,
			);
			expect(res.json.items.map((s: { id: string }) => s.id)).toEqual([inputs().sourceId]);
			expect(
				(await h.flowService('GET', '/targetConnections')).json.items.map(
					(t: { id: string }) => t.id,
				),
			).toEqual([inputs().targetId]);
			expect(
				(await h.flowService('GET', '/sourceConnections', undefined, { sandbox: 'dev' })).json
					.items,
			).toEqual([]);
		});
	});

	describe('PATCH /flows/{id}', () => {
		const patch = (id: string, ops: unknown, etag?: string) =>
			h.flowService('PATCH', `/flows/${id}`, ops, {
				headers: etag === undefined ? {} : { 'if-match': etag },
			});

		it('updates name, schedule, mapping transformation and options with If-Match, and changes the etag', async () => {
			const id = await createFlow({ startTime: IN_A_DAY, frequency: 'hour', interval: 1 });
			const before = await flowOf(id);
			const second = h.emu.seedMappingSet().id;
			const res = await patch(
				id,
				[
					{ op: 'replace', path: '/name', value: 'renamed' },
					{ op: 'replace', path: '/scheduleParams/frequency', value: 'minute' },
					{ op: 'replace', path: '/scheduleParams/interval', value: 30 },
					{
						op: 'replace',
						path: '/transformations/1',
						value: { name: 'Mapping', params: { mappingId: second, mappingVersion: 0 } },
					},
					{ op: 'add', path: '/options', value: { errorDiagnosticsEnabled: true } },
				],
				before.etag,
			);
			expect(res.status).toBe(200);
			expect(res.json).toEqual({ id, etag: expect.any(String) });
			expect(res.json.etag).not.toBe(before.etag);
			expect(await flowOf(id)).toMatchObject({
				name: 'renamed',
				scheduleParams: { frequency: 'minute', interval: 30 },
				options: { errorDiagnosticsEnabled: true },
				transformations: [{ name: 'Copy' }, { name: 'Mapping', params: { mappingId: second } }],
			});
		});

		it('switches a flow that has not started to once, dropping the delta column (else 1369)', async () => {
			const id = await createFlow({ startTime: IN_A_DAY, frequency: 'hour', interval: 1 });
			const etag = (await flowOf(id)).etag;
			expectFlowError(
				await patch(
					id,
					[
						{
							op: 'replace',
							path: '/scheduleParams',
							value: { startTime: IN_A_DAY, frequency: 'once' },
						},
					],
					etag,
				),
				'1369-400',
			);
			expect((await patch(id, toOnce(IN_A_DAY), etag)).status).toBe(200);
			expect((await flowOf(id)).transformations.map((t: { name: string }) => t.name)).toEqual([
				'Mapping',
			]);
		});

		it('needs If-Match (1403-400) and the current etag (1404-412)', async () => {
			const id = await createFlow(HOURLY_WITH_BACKFILL);
			expectFlowError(await patch(id, [{ op: 'replace', path: '/name', value: 'x' }]), '1403-400');
			expectFlowError(
				await patch(id, [{ op: 'replace', path: '/name', value: 'x' }], '"stale"'),
				'1404-412',
			);
		});

		it.each<[string, unknown[], string]>([
			['an unknown path', [{ op: 'replace', path: '/flowSpec/id', value: 'x' }], '1455-400'],
			[
				'minute below 15',
				[{ op: 'replace', path: '/scheduleParams/frequency', value: 'minute' }],
				'1362-400',
			],
			[
				'dropping the delta column of a scheduled flow',
				[
					{
						op: 'replace',
						path: '/transformations/0',
						value: { name: 'Mapping', params: { mappingId: '0b090130b58b4819afc78b6dc98b484d' } },
					},
				],
				'1301-400',
			],
			[
				'an unknown frequency',
				[{ op: 'replace', path: '/scheduleParams/frequency', value: 'month' }],
				'1397-400',
			],
			['a bad op', [{ op: 'move', path: '/name', value: 'x' }], '1301-400'],
		])('refuses %s', async (_label, ops, code) => {
			const id = await createFlow({ startTime: IN_A_DAY, frequency: 'hour', interval: 1 });
			expectFlowError(await patch(id, ops, (await flowOf(id)).etag), code);
			expect((await flowOf(id)).name).toBe('orders flow');
		});

		it('after the scheduled start: startTime is fixed (1366), no switch to once (1403-400), backfill fixed (1404-400)', async () => {
			const id = await createFlow(HOURLY_WITH_BACKFILL);
			const etag = (await flowOf(id)).etag;
			expectFlowError(
				await patch(
					id,
					[{ op: 'replace', path: '/scheduleParams/startTime', value: IN_A_DAY }],
					etag,
				),
				'1366-400',
			);
			expectFlowError(await patch(id, toOnce(HOUR_AGO), etag), '1403-400');
			expectFlowError(
				await patch(id, [{ op: 'replace', path: '/scheduleParams/backfill', value: false }], etag),
				'1404-400',
			);
		});
	});

	describe('enable / disable / delete', () => {
		it.each<[string, string, Record<string, string>]>([
			['the docs form (no subOp, no If-Match)', 'op=disable', {}],
			['the spec form (upper case, subOp)', 'op=DISABLE&subOp=APPLY', {}],
		])('disables with %s, then enables; the same state twice is 1422', async (_label, query) => {
			const id = await createFlow(HOURLY_WITH_BACKFILL);
			const res = await h.flowService('POST', `/flows/${id}/action?${query}`);
			expect(res.status).toBe(200);
			expect(res.json).toEqual({ id, etag: expect.any(String) });
			expect((await flowOf(id)).state).toBe('disabled');
			expectFlowError(await h.flowService('POST', `/flows/${id}/action?op=disable`), '1422-400');
			expect(
				(
					await h.flowService('POST', `/flows/${id}/action?op=enable`, undefined, {
						headers: { 'if-match': (await flowOf(id)).etag },
					})
				).status,
			).toBe(200);
			expect((await flowOf(id)).state).toBe('enabled');
		});

		it('refuses a stale If-Match, a missing op and an unknown subOp', async () => {
			const id = await createFlow(HOURLY_WITH_BACKFILL);
			expectFlowError(
				await h.flowService('POST', `/flows/${id}/action?op=disable`, undefined, {
					headers: { 'if-match': '"stale"' },
				}),
				'1404-412',
			);
			expectFlowError(await h.flowService('POST', `/flows/${id}/action`), '1304-400');
			expectFlowError(
				await h.flowService('POST', `/flows/${id}/action?op=disable&subOp=NOW`),
				'1301-400',
			);
		});

		it('deletes a flow (204, then 404), and only then its source and target connections (1418 before)', async () => {
			const id = await createFlow(HOURLY_WITH_BACKFILL);
			expectFlowError(
				await h.flowService('DELETE', `/sourceConnections/${inputs().sourceId}`),
				'1418-400',
			);
			expectFlowError(
				await h.flowService('DELETE', `/targetConnections/${inputs().targetId}`),
				'1418-400',
			);
			expect((await h.flowService('DELETE', `/flows/${id}`)).status).toBe(204);
			expectFlowError(await h.flowService('GET', `/flows/${id}`), '1439-404');
			expect(
				(await h.flowService('DELETE', `/sourceConnections/${inputs().sourceId}`)).status,
			).toBe(204);
			expect(
				(await h.flowService('DELETE', `/targetConnections/${inputs().targetId}`)).status,
			).toBe(204);
			expectFlowError(
				await h.flowService('GET', `/sourceConnections/${inputs().sourceId}`),
				'1439-404',
			);
			// the base connection is free again
			expect((await h.request('DELETE', `${CONNECTIONS}/${inputs().baseId}`)).status).toBe(204);
		});
	});

	it('uses the seeded target of the default schema, which the seeded mapping set maps to', async () => {
		expect(h.emu.targetConnections()[0].data.schema.id).toBe(DEFAULT_SCHEMA_ID);
		expect(h.emu.mappingSets()[0].outputSchema.schemaRef.id).toBe(DEFAULT_SCHEMA_ID);
	});
});
