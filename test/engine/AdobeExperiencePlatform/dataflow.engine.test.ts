/**
 * The Adobe Experience Platform node's Dataflow and Flow Run resources in n8n's engine against the
 * emulator: every operation, schedule seconds on the wire, If It Exists, etag-protected Update,
 * Enable/Disable, Run Now (both answer shapes), Retry, the run summary, bad input with nothing
 * sent, Create From Table (a re-run creates nothing; a failure at the mapping step resumes), and
 * the leak scan.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_SCHEMAS } from '../../emulator';
import { expectOnePerItem, isErrorItem } from '../../support/redshift/kit';
import { seedConnections } from '../../support/engine/support';
import { rl, useAepEmulator } from '../../support/platform/kit';

jest.setTimeout(60_000);

const FLOWS = '/data/foundation/flowservice/flows';
const RUNS = '/data/foundation/flowservice/runs';
const SOURCES = '/data/foundation/flowservice/sourceConnections';
const TARGETS = '/data/foundation/flowservice/targetConnections';
const MAPPING_SETS = '/data/foundation/conversion/mappingSets';
const FLOW_SPECS = '/data/foundation/flowservice/flowSpecs';
const CRM_TO_AEP = '14518937-270c-4525-bdec-c2ba7cce3860';
const START = '2030-01-01T09:00:00.000Z';
const START_S = Date.UTC(2030, 0, 1, 9) / 1000;

const aep = useAepEmulator('dataflow');

interface Chain {
	baseConnectionId: string;
	sourceConnectionId: string;
	targetConnectionId: string;
	mappingSetId: string;
}

/** Base connection, source connection (public.orders), target connection and mapping set (orders schema). */
async function seedChain(): Promise<Chain> {
	const [baseConnectionId] = await seedConnections(aep.emu(), ['warehouse']);
	const sourceConnectionId = await aep.seedSourceConnection({
		baseConnectionId,
		name: 'orders source',
	});
	return {
		baseConnectionId,
		sourceConnectionId,
		targetConnectionId: aep.emu().seedTargetConnection().id,
		mappingSetId: aep.emu().seedMappingSet().id,
	};
}

function createParameters(chain: Chain, extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'dataflow',
		operation: 'create',
		name: 'Orders hourly',
		sourceConnectionId: rl('list', chain.sourceConnectionId),
		targetConnectionId: rl('id', chain.targetConnectionId),
		mappingSetId: rl('list', chain.mappingSetId),
		frequency: 'hour',
		interval: 2,
		startTime: START,
		backfill: true,
		deltaColumn: 'ordered_at',
		...extra,
	};
}

/** A scheduled dataflow made by the node on a new chain, with one run the emulator ended failed. */
async function flowWithFailedRun(): Promise<{ flowId: string; failed: string }> {
	const flowId = await createFlow(await seedChain(), {});
	const failed = aep.emu().startRun(flowId).id;
	aep.emu().finishRun(failed, { status: 'failed' });
	return { flowId, failed };
}

/** The Table picker's By Name value. */
const tableRl = (value: string) => ({ __rl: true, mode: 'name', value });

const posted = (path: string) =>
	aep.answered().filter((entry) => entry.method === 'POST' && entry.path === path);
const bodyOf = (entry: { body: string }) => JSON.parse(entry.body) as IDataObject;

/** A dataflow of `chain` made by the node (frequency once unless `extra` says otherwise). */
async function createFlow(
	chain: Chain,
	extra: INodeParameters = { frequency: 'once', deltaColumn: '' },
): Promise<string> {
	const run = await aep.run([{}], createParameters(chain, extra));
	expect(run.json[0].error).toBeUndefined();
	return run.json[0].id as string;
}

describe('Dataflow › Create', () => {
	it('sends the documented body: CRMToAEP looked up once per run, start time in epoch seconds, Copy with the delta column, then Mapping', async () => {
		const chain = await seedChain();
		const second = await aep.seedSourceConnection({
			baseConnectionId: chain.baseConnectionId,
			name: 'orders source 2',
		});
		const run = await aep.run(
			[{ source: chain.sourceConnectionId }, { source: second }],
			createParameters(chain, { sourceConnectionId: '={{ $json.source }}' }),
		);

		expect(run.json.filter(isErrorItem)).toEqual([]);
		expectOnePerItem(run.output, 2);
		// One flow spec lookup for both items (cached per run).
		expect(aep.calls().filter((call) => call === `GET ${FLOW_SPECS}`)).toHaveLength(1);
		const bodies = posted(FLOWS).map(bodyOf);
		expect(bodies).toHaveLength(2);
		expect(bodies[0]).toEqual({
			name: 'Orders hourly',
			flowSpec: { id: CRM_TO_AEP, version: '1.0' },
			sourceConnectionIds: [chain.sourceConnectionId],
			targetConnectionIds: [chain.targetConnectionId],
			transformations: [
				{ name: 'Copy', params: { deltaColumn: { name: 'ordered_at', timezone: 'UTC' } } },
				{ name: 'Mapping', params: { mappingId: chain.mappingSetId, mappingVersion: 0 } },
			],
			scheduleParams: { startTime: START_S, frequency: 'hour', interval: 2, backfill: true },
		});
		expect(run.json[0]).toMatchObject({
			id: aep.emu().flows()[0].id,
			reused: false,
			sandboxName: 'prod',
		});
	});

	it('schedule: the editor date becomes epoch seconds (not milliseconds) on the wire', async () => {
		const chain = await seedChain();
		await createFlow(chain, {
			frequency: 'day',
			interval: 1,
			startTime: '2030-06-15T12:34:56.789+02:00',
		});
		const sent = bodyOf(posted(FLOWS)[0]).scheduleParams as IDataObject;
		expect(sent.startTime).toBe(Math.floor(Date.parse('2030-06-15T10:34:56.789Z') / 1000));
		expect(String(sent.startTime)).toMatch(/^\d{10}$/);
		expect(aep.emu().flows()[0].scheduleParams.startTime).toBe(sent.startTime);
	});

	it('a once flow sends no interval, no backfill and no Copy (Adobe 1369)', async () => {
		const chain = await seedChain();
		await createFlow(chain, { frequency: 'once', deltaColumn: 'ordered_at' });
		const body = bodyOf(posted(FLOWS)[0]);
		expect(body.scheduleParams).toEqual({ startTime: START_S, frequency: 'once' });
		expect(body.transformations).toEqual([
			{ name: 'Mapping', params: { mappingId: chain.mappingSetId, mappingVersion: 0 } },
		]);
	});

	it('If It Exists: Reuse It (default) returns the dataflow of the same connections; Stop With an Error names it; Create Another makes one more', async () => {
		const chain = await seedChain();
		const id = await createFlow(chain);
		const again = await aep.run(
			[{}],
			createParameters(chain, { frequency: 'once', deltaColumn: '', name: 'Other name' }),
		);
		expect(again.json[0]).toMatchObject({ id, reused: true });
		expect(posted(FLOWS)).toHaveLength(1);

		const stop = await aep.run(
			[{}],
			createParameters(chain, { frequency: 'once', deltaColumn: '', ifExists: 'error' }),
		);
		expect(stop.json[0].error).toContain(id);
		expect(posted(FLOWS)).toHaveLength(1);

		const another = await aep.run(
			[{}],
			createParameters(chain, { frequency: 'once', deltaColumn: '', ifExists: 'create' }),
		);
		expect(another.json[0]).toMatchObject({ reused: false });
		expect(aep.emu().flows()).toHaveLength(2);
	});

	it('stops before creating anything when the CRMToAEP flow spec does not list the Redshift source', async () => {
		const chain = await seedChain();
		aep.emu().failNext({ method: 'GET', path: FLOW_SPECS }, 1, {
			status: 200,
			body: {
				items: [
					{
						id: CRM_TO_AEP,
						name: 'CRMToAEP',
						version: '1.0',
						sourceConnectionSpecIds: ['00000000-0000-4000-8000-000000000000'],
						targetConnectionSpecIds: ['c604ff05-7f1a-43c0-8e18-33bf874cb11c'],
					},
				],
			},
		});
		const run = await aep.run([{}], createParameters(chain));
		expect(run.json[0].error).toContain(
			'does not list the Redshift source (3416976c-a9ca-4bba-901a-1f08f66978ff)',
		);
		expect(posted(FLOWS)).toEqual([]);
		const lookup = aep.answered().find((entry) => entry.path === FLOW_SPECS);
		expect(lookup?.query.property).toBe('name=="CRMToAEP"');
	});

	it("decodes Adobe's refusal into what to fix (1425: the mapping set's schema is not the dataset's)", async () => {
		const chain = await seedChain();
		const customers = aep.emu().seedMappingSet({
			body: {
				outputSchema: {
					schemaRef: {
						id: DEFAULT_SCHEMAS[1].$id,
						contentType: 'application/vnd.adobe.xed-full+json;version=1',
					},
				},
				mappings: [{ sourceType: 'ATTRIBUTE', source: 'email', destination: '_emulator.email' }],
			},
		});
		const run = await aep.run(
			[{}],
			createParameters(chain, { mappingSetId: rl('id', customers.id) }),
		);
		expect(run.json[0].error).toContain('FLOW-1425-400');
		expect(run.json[0].description).toMatch(/mapping set made for the target dataset's schema/);
	});
});

describe('Dataflow › Get, Get Many, Update, Enable, Disable, Delete', () => {
	it('Get returns the dataflow; Get Many filters by source connection and state', async () => {
		const chain = await seedChain();
		const id = await createFlow(chain);
		const other = await aep.seedSourceConnection({
			baseConnectionId: chain.baseConnectionId,
			name: 'other',
		});
		await createFlow({ ...chain, sourceConnectionId: other });

		const got = await aep.run([{}], {
			resource: 'dataflow',
			operation: 'get',
			flowId: rl('list', id),
		});
		expect(got.json[0]).toMatchObject({
			id,
			name: 'Orders hourly',
			state: 'enabled',
			sourceConnectionIds: [chain.sourceConnectionId],
			sandboxName: 'prod',
		});

		const bySource = await aep.run([{}], {
			resource: 'dataflow',
			operation: 'getAll',
			returnAll: true,
			filters: { sourceConnectionId: chain.sourceConnectionId },
		});
		expect(bySource.json.map((json) => json.id)).toEqual([id]);
		const all = await aep.run([{}], {
			resource: 'dataflow',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
		});
		expect(all.json).toHaveLength(1);
		const disabled = await aep.run([{}], {
			resource: 'dataflow',
			operation: 'getAll',
			returnAll: true,
			filters: { state: 'disabled' },
		});
		expect(disabled.json).toEqual([]);
	});

	it('Get Many (version 1.1): the Source Connection filter is a picker, From List or By ID; version 1 keeps its text field', async () => {
		const chain = await seedChain();
		const id = await createFlow(chain, {});
		await createFlow(
			{
				...chain,
				sourceConnectionId: await aep.seedSourceConnection({
					baseConnectionId: chain.baseConnectionId,
					name: 'other source',
				}),
			},
			{},
		);
		const bySource = async (filter: unknown, typeVersion: number) =>
			(
				await aep.run(
					[{}],
					{
						resource: 'dataflow',
						operation: 'getAll',
						returnAll: true,
						filters: { sourceConnectionId: filter } as INodeParameters,
					},
					{ typeVersion },
				)
			).json.map((json) => json.id);
		expect(await bySource(rl('list', chain.sourceConnectionId), 1.1)).toEqual([id]);
		expect(await bySource(rl('id', chain.sourceConnectionId), 1.1)).toEqual([id]);
		expect(await bySource(chain.sourceConnectionId, 1)).toEqual([id]);
		const bad = await aep.run(
			[{}],
			{
				resource: 'dataflow',
				operation: 'getAll',
				returnAll: true,
				filters: { sourceConnectionId: rl('id', 'x') },
			},
			{ typeVersion: 1.1 },
		);
		expect(bad.json[0].error).toContain('"Source Connection"');
		expect(bad.json[0].field).toBe('filters.sourceConnectionId');
	});

	it('Update sends one JSON Patch with If-Match; a stale ETag is refused with what to do', async () => {
		const chain = await seedChain();
		const id = await createFlow(chain, {});
		const before = aep.emu().flows()[0].etag;
		const run = await aep.run([{}], {
			resource: 'dataflow',
			operation: 'update',
			flowId: rl('id', id),
			updateFields: { name: 'Renamed', interval: 3, frequency: 'day' },
		});
		expect(run.json[0]).toMatchObject({
			id,
			previousEtag: before,
			updated: ['name', 'scheduleParams/frequency', 'scheduleParams/interval'],
		});
		const patch = aep.answered().find((entry) => entry.method === 'PATCH');
		expect(patch?.headers['if-match']).toBe(before);
		expect(JSON.parse(patch?.body ?? '[]')).toEqual([
			{ op: 'replace', path: '/name', value: 'Renamed' },
			{ op: 'replace', path: '/scheduleParams/frequency', value: 'day' },
			{ op: 'replace', path: '/scheduleParams/interval', value: 3 },
		]);
		expect(aep.emu().flows()[0]).toMatchObject({
			name: 'Renamed',
			scheduleParams: { frequency: 'day', interval: 3 },
		});

		const stale = await aep.run([{}], {
			resource: 'dataflow',
			operation: 'update',
			flowId: rl('id', id),
			updateFields: { name: 'Again' },
			etag: before,
		});
		expect(stale.json[0].error).toContain('FLOW-1404-412');
		expect(stale.json[0].description).toMatch(/stale etag/);
	});

	it('Update of the mapping version replaces the Mapping transformation (1412 when the version does not exist)', async () => {
		const chain = await seedChain();
		const id = await createFlow(chain, {});
		const run = await aep.run([{}], {
			resource: 'dataflow',
			operation: 'update',
			flowId: rl('id', id),
			updateFields: { mappingVersion: 4 },
		});
		expect(run.json[0].error).toContain('FLOW-1412-400');
		expect(run.json[0].description).toMatch(/version the mapping set has/);
		const patch = aep.answered().find((entry) => entry.method === 'PATCH');
		expect(JSON.parse(patch?.body ?? '[]')).toEqual([
			{
				op: 'replace',
				path: '/transformations/1',
				value: { name: 'Mapping', params: { mappingId: chain.mappingSetId, mappingVersion: 4 } },
			},
		]);
	});

	it('Disable, Disable again (changed: false), Enable, Delete', async () => {
		const chain = await seedChain();
		const id = await createFlow(chain);
		const params = (operation: string) => ({
			resource: 'dataflow',
			operation,
			flowId: rl('id', id),
		});
		expect((await aep.run([{}], params('disable'))).json[0]).toMatchObject({
			id,
			state: 'disabled',
			changed: true,
		});
		expect(aep.emu().flows()[0].state).toBe('disabled');
		expect((await aep.run([{}], params('disable'))).json[0]).toMatchObject({
			id,
			state: 'disabled',
			changed: false,
		});
		expect((await aep.run([{}], params('enable'))).json[0]).toMatchObject({
			id,
			state: 'enabled',
			changed: true,
		});
		const action = aep.answered().filter((entry) => entry.path === `${FLOWS}/${id}/action`);
		expect(action.map((entry) => entry.query.op)).toEqual(['disable', 'disable', 'enable']);
		expect((await aep.run([{}], params('delete'))).json[0]).toMatchObject({
			id,
			deleted: true,
			alreadyAbsent: false,
		});
		expect(aep.emu().flows()).toEqual([]);
		const gone = await aep.run([{}], params('get'));
		expect(gone.json[0].error).toContain('FLOW-1439-404');
	});
});

describe('Flow Run', () => {
	/** Run Now of `flowId` (delta column ordered_at) over `window`: windowStart and optional windowEnd. */
	const runNow = (flowId: string, window: INodeParameters) =>
		aep.run([{}], {
			resource: 'flowRun',
			operation: 'runNow',
			flowId: rl('id', flowId),
			deltaColumn: 'ordered_at',
			...window,
		});

	it('Run Now starts a run of a once flow (times in epoch seconds); Get reports status, records, duration (ms) and errors', async () => {
		const chain = await seedChain();
		const flowId = await createFlow(chain);
		const run = await runNow(flowId, {
			windowStart: '2030-01-01T00:00:00Z',
			windowEnd: '2030-01-02T00:00:00Z',
		});
		expect(run.json[0]).toMatchObject({
			id: aep.emu().runs()[0].id,
			flowId,
			windowStartEpochSeconds: Date.UTC(2030, 0, 1) / 1000,
			windowEndEpochSeconds: Date.UTC(2030, 0, 2) / 1000,
		});
		// In the workflow's time zone with its offset: the same instants.
		expect(Date.parse(run.json[0].windowStart as string)).toBe(Date.UTC(2030, 0, 1));
		expect(run.json[0].windowStart).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
		const params = bodyOf(posted(RUNS)[0]).params as IDataObject;
		expect(params).toMatchObject({
			windowStartTime: Date.UTC(2030, 0, 1) / 1000,
			windowEndTime: Date.UTC(2030, 0, 2) / 1000,
			deltaColumn: { name: 'ordered_at' },
		});
		expect(String(params.startTime)).toMatch(/^\d{10}$/);

		const runId = run.json[0].id as string;
		aep.emu().finishRun(runId, {
			status: 'failed',
			inputRecordCount: 12,
			outputRecordCount: 2,
			durationMs: 4500,
			errors: [{ code: 'CONNECTOR-2001-500', message: 'copy failed' }],
		});
		const got = await aep.run([{}], {
			resource: 'flowRun',
			operation: 'get',
			runId: rl('list', runId),
		});
		expect(got.json[0]).toMatchObject({
			id: runId,
			flowId,
			status: 'failed',
			outcome: 'failed',
			finished: true,
			durationMs: 4500,
			records: { input: 12, output: 2, failed: 10 },
			errors: [
				{
					code: 'CONNECTOR-2001-500',
					message: 'copy failed',
					recordCount: 10,
					activity: 'Copy Activity',
				},
			],
		});
	});

	it('Run Now reads a bare {id, etag} answer as well as {items: [{id, etag}]}', async () => {
		const chain = await seedChain();
		const flowId = await createFlow(chain);
		const bare = '5f3c1d2e-0000-4000-8000-000000000001';
		aep.emu().failNext({ method: 'POST', path: RUNS }, 1, {
			status: 201,
			body: { id: bare, etag: '"e1"' },
		});
		const run = await runNow(flowId, { windowStart: '2026-01-01T00:00:00Z' });
		expect(run.json[0]).toMatchObject({ id: bare, etag: '"e1"', flowId });
	});

	it('Run Now of a scheduled flow is refused by Adobe (1386) with what to do', async () => {
		const chain = await seedChain();
		const flowId = await createFlow(chain, {});
		const run = await runNow(flowId, { windowStart: '2026-01-01T00:00:00Z' });
		expect(run.json[0].error).toContain('FLOW-1386-400');
		expect(run.json[0].description).toMatch(/frequency "once"/);
	});

	it('Get Many by dataflow, status and time window; Retry a failed run (not a successful one)', async () => {
		const { flowId, failed } = await flowWithFailedRun();
		const ok = aep.emu().startRun(flowId).id;
		aep.emu().finishRun(ok, { status: 'success' });

		const list = (filters: IDataObject) =>
			aep.run([{}], {
				resource: 'flowRun',
				operation: 'getAll',
				flowId: rl('id', flowId),
				returnAll: true,
				filters: filters as INodeParameters,
			});
		expect((await list({})).json.map((json) => json.id).sort()).toEqual([failed, ok].sort());
		expect((await list({ status: 'failed' })).json.map((json) => json.id)).toEqual([failed]);
		expect(
			(await list({ startedAfter: '2000-01-01T00:00:00Z', startedBefore: '2001-01-01T00:00:00Z' }))
				.json,
		).toEqual([]);
		const window = aep
			.answered()
			.filter((entry) => entry.method === 'GET' && entry.path === RUNS)
			.at(-1);
		expect(window?.query.property).toEqual([
			`flowId==${flowId}`,
			`metrics.durationSummary.startedAtUTC>=${Date.UTC(2000, 0, 1)}`,
			`metrics.durationSummary.startedAtUTC<${Date.UTC(2001, 0, 1)}`,
		]);

		const retry = await aep.run([{}], {
			resource: 'flowRun',
			operation: 'retry',
			runId: rl('id', failed),
		});
		expect(retry.json[0]).toMatchObject({ retryOf: failed, id: expect.any(String) });
		expect(
			aep
				.emu()
				.runs()
				.find((r) => r.id === retry.json[0].id)?.retryOf,
		).toBe(failed);
		const refused = await aep.run([{}], {
			resource: 'flowRun',
			operation: 'retry',
			runId: rl('id', ok),
		});
		expect(refused.json[0].error).toContain('FLOW-1387-400');
		expect(refused.json[0].description).toMatch(/Only a failed run/);
	});
});

describe('Dataflow › Create From Table', () => {
	const fromTableParameters = aep.fromTable;

	const creates = () =>
		aep
			.answered()
			.filter(
				(entry) =>
					entry.method === 'POST' &&
					[SOURCES, TARGETS, MAPPING_SETS, FLOWS].includes(entry.path) &&
					entry.status < 300,
			);

	const chainSizes = aep.chainSizes;

	it('creates source connection, target connection, auto-mapped mapping set and dataflow, outputs every ID; a second run creates nothing', async () => {
		const parameters = await fromTableParameters();
		const first = await aep.run([{}], parameters);
		expect(first.json[0].error).toBeUndefined();
		expect(creates().map((entry) => entry.path)).toEqual([SOURCES, TARGETS, MAPPING_SETS, FLOWS]);
		const output = first.json[0];
		expect(output).toMatchObject({
			id: aep.emu().flows()[0].id,
			dataflowId: aep.emu().flows()[0].id,
			sourceConnectionId: aep.emu().sourceConnections()[0].id,
			targetConnectionId: aep.emu().targetConnections()[0].id,
			mappingSetId: aep.emu().mappingSets()[0].id,
			mappingVersion: 0,
			flowSpecId: CRM_TO_AEP,
			reused: false,
			created: ['sourceConnection', 'targetConnection', 'mappingSet', 'dataflow'],
		});
		expect(aep.emu().flows()[0].scheduleParams).toEqual({
			startTime: START_S,
			frequency: 'hour',
			interval: 1,
			backfill: true,
		});
		expect((output.autoMapping as IDataObject).matched).not.toEqual([]);

		const before = creates().length;
		const second = await aep.run([{}], parameters);
		expect(second.json[0]).toMatchObject({
			dataflowId: output.dataflowId,
			sourceConnectionId: output.sourceConnectionId,
			targetConnectionId: output.targetConnectionId,
			mappingSetId: output.mappingSetId,
			reused: true,
			created: [],
		});
		expect(creates().length).toBe(before);
		expect(chainSizes()).toEqual([1, 1, 1, 1]);
	});

	it('fails at the mapping step naming what is in place; the re-run resumes there', async () => {
		const parameters = await fromTableParameters();
		aep.emu().failNext({ method: 'POST', path: MAPPING_SETS }, 1, { status: 400 });
		const failed = await aep.run([{}], parameters);
		expect(failed.json[0].error).toBeDefined();
		const source = aep.emu().sourceConnections()[0].id;
		const target = aep.emu().targetConnections()[0].id;
		expect(failed.json[0].description).toContain(
			`source connection ${source} (created), target connection ${target} (created)`,
		);
		expect(failed.json[0].description).toMatch(/resumes at the mapping set step/);
		expect(aep.emu().flows()).toEqual([]);

		const resumed = await aep.run([{}], parameters);
		expect(resumed.json[0]).toMatchObject({
			sourceConnectionId: source,
			targetConnectionId: target,
			created: ['mappingSet', 'dataflow'],
		});
		expect(chainSizes()).toEqual([1, 1, 1, 1]);
	});

	it('auto-mapping: the output lists every unmapped column; the mapping set holds the matched ones only', async () => {
		const parameters = await fromTableParameters({
			tablePath: tableRl('sales.line_items'),
			frequency: 'once',
			deltaColumn: '',
		});
		const run = await aep.run([{}], parameters);
		expect(run.json[0].error).toBeUndefined();
		const autoMapping = run.json[0].autoMapping as {
			matched: IDataObject[];
			unmappedColumns: IDataObject[];
		};
		expect(autoMapping.matched).toEqual([
			{ column: 'order_id', destination: '_emulator.orderId', by: 'name' },
		]);
		expect(autoMapping.unmappedColumns.map((entry) => entry.column)).toEqual([
			'line_id',
			'sku',
			'unit_price',
		]);
		expect(
			aep
				.emu()
				.mappingSets()[0]
				.mappings.map((m) => [m.source, m.destination]),
		).toEqual([['order_id', '_emulator.orderId']]);
	});

	it('a delta column that is not a column of the table fails before anything is created, naming the columns', async () => {
		const parameters = await fromTableParameters({ deltaColumn: 'updated_at' });
		const run = await aep.run([{}], parameters);
		expect(run.json[0].error).toContain(
			'"Delta Column" "updated_at" is not a column of public.orders',
		);
		expect(run.json[0].error).toContain('ordered_at');
		expect(creates()).toEqual([]);
	});

	it('a once flow from a table has no delta column', async () => {
		const parameters = await fromTableParameters({ frequency: 'once', deltaColumn: '' });
		const run = await aep.run([{}], parameters);
		expect(run.json[0].error).toBeUndefined();
		expect(
			aep
				.emu()
				.flows()[0]
				.transformations.map((t) => t.name),
		).toEqual(['Mapping']);
	});
});

describe('pickers', () => {
	it('Flow Run lists the newest runs of the sandbox, "status · start time", searchable', async () => {
		const { flowId, failed } = await flowWithFailedRun();
		const running = aep.emu().startRun(flowId).id;

		const all = await aep.listSearch(
			'searchFlowRuns',
			{ resource: 'flowRun', operation: 'get' },
			'runId',
		);
		expect(all.results.map((entry) => entry.value)).toEqual([running, failed]);
		expect(all.results[1]).toEqual({
			name: expect.stringMatching(/^failed · \d{4}-\d{2}-\d{2}T/),
			value: failed,
			description: `${failed} · ${flowId}`,
		});
		const searched = await aep.listSearch(
			'searchFlowRuns',
			{ resource: 'flowRun', operation: 'retry' },
			'runId',
			'FAILED',
		);
		expect(searched.results.map((entry) => entry.value)).toEqual([failed]);
	});
});

describe('pickers of Create From Table and Create (shared with the Redshift node)', () => {
	it('Base Connection, Table (of the chosen connection) and Source Connection list from the node', async () => {
		const chain = await seedChain();
		const base = await aep.listSearch('searchConnections', 'createFromTable', 'connectionId');
		expect(base.results).toEqual([
			expect.objectContaining({ name: 'warehouse', value: chain.baseConnectionId }),
		]);
		const tables = await aep.listSearch(
			'searchTables',
			{
				resource: 'dataflow',
				operation: 'createFromTable',
				connectionId: rl('list', chain.baseConnectionId),
			},
			'tablePath',
			'ORDERS',
		);
		expect(tables.results.map((entry) => entry.value)).toEqual(['public.orders']);
		const sources = await aep.listSearch('searchSourceConnections', 'create', 'sourceConnectionId');
		expect(sources.results).toEqual([expect.objectContaining({ value: chain.sourceConnectionId })]);
	});
});

describe('bad input: the item fails naming the field, nothing is sent', () => {
	const ID = '373e88fc-43da-4e3c-be88-fc43da3e3c0f';
	const MAPPING = '0b090130b58b4819afc78b6dc98b484d';
	const create: INodeParameters = {
		resource: 'dataflow',
		operation: 'create',
		name: 'x',
		sourceConnectionId: rl('id', ID),
		targetConnectionId: rl('id', ID),
		mappingSetId: rl('id', MAPPING),
		frequency: 'hour',
		interval: 1,
		startTime: START,
		deltaColumn: 'ordered_at',
	};
	const fromTable: INodeParameters = {
		resource: 'dataflow',
		operation: 'createFromTable',
		connectionId: rl('id', ID),
		tablePath: tableRl('public.orders'),
		datasetId: rl('id', '5ba9452f7de80400007fc52a'),
		frequency: 'hour',
		interval: 1,
		deltaColumn: 'ordered_at',
	};
	// Typed in, a bad By ID value or an empty required field stops n8n before the node runs (the
	// editor's own check); from an expression it reaches the node, which must refuse it.
	const expr = (value: string) => `={{ ${JSON.stringify(value)} }}`;
	const cases: Array<[string, INodeParameters, string, string]> = [
		[
			'Create: minute interval 14',
			{ ...create, frequency: 'minute', interval: 14 },
			'Interval',
			'interval',
		],
		[
			'Create: no delta column for an hourly flow',
			{ ...create, deltaColumn: expr('') },
			'Delta Column',
			'deltaColumn',
		],
		[
			'Create: start time as a number',
			{ ...create, startTime: '={{ 1893488400 }}' },
			'Start Time',
			'startTime',
		],
		[
			'Create: start time not a date',
			{ ...create, startTime: 'next tuesday' },
			'Start Time',
			'startTime',
		],
		[
			'Create: mapping set ID not 32 hex digits',
			{ ...create, mappingSetId: rl('id', expr('abc')) },
			'Mapping Set',
			'mappingSetId',
		],
		[
			'Create: source connection ID not a UUID',
			{ ...create, sourceConnectionId: rl('id', expr('nope')) },
			'Source Connection',
			'sourceConnectionId',
		],
		['Create: empty name', { ...create, name: '={{ "" }}' }, 'Dataflow Name', 'name'],
		[
			'Create: negative mapping version',
			{ ...create, mappingVersion: -1 },
			'Mapping Version',
			'mappingVersion',
		],
		[
			'Create: If It Exists "maybe"',
			{ ...create, ifExists: 'maybe' },
			'If a Dataflow for These Connections Exists',
			'ifExists',
		],
		[
			'Get: dataflow ID not a UUID',
			{ resource: 'dataflow', operation: 'get', flowId: rl('id', expr('x')) },
			'Dataflow',
			'flowId',
		],
		[
			'Get Many: limit 0',
			{ resource: 'dataflow', operation: 'getAll', returnAll: false, limit: 0 },
			'Limit',
			'limit',
		],
		[
			'Get Many: source connection filter not a UUID',
			{
				resource: 'dataflow',
				operation: 'getAll',
				returnAll: true,
				filters: { sourceConnectionId: 'x' },
			},
			'Source Connection ID',
			'filters.sourceConnectionId',
		],
		[
			'Update: nothing to change',
			{ resource: 'dataflow', operation: 'update', flowId: rl('id', ID), updateFields: {} },
			'Update Fields',
			'updateFields',
		],
		[
			'Update: etag without quotes',
			{
				resource: 'dataflow',
				operation: 'update',
				flowId: rl('id', ID),
				updateFields: { name: 'n' },
				etag: 'abc',
			},
			'ETag',
			'etag',
		],
		[
			'Update: interval 0',
			{
				resource: 'dataflow',
				operation: 'update',
				flowId: rl('id', ID),
				updateFields: { interval: 0 },
			},
			'Interval',
			'updateFields.interval',
		],
		[
			'Enable: dataflow ID empty',
			{ resource: 'dataflow', operation: 'enable', flowId: rl('id', expr('')) },
			'Dataflow',
			'flowId',
		],
		[
			'Disable: dataflow ID not a UUID',
			{ resource: 'dataflow', operation: 'disable', flowId: rl('list', expr('12')) },
			'Dataflow',
			'flowId',
		],
		[
			'Delete: dataflow ID not a UUID',
			{ resource: 'dataflow', operation: 'delete', flowId: rl('id', expr('x')) },
			'Dataflow',
			'flowId',
		],
		[
			'Run Now: window end before its start',
			{
				resource: 'flowRun',
				operation: 'runNow',
				flowId: rl('id', ID),
				windowStart: '2030-01-02T00:00:00Z',
				windowEnd: '2030-01-01T00:00:00Z',
			},
			'Window End',
			'windowEnd',
		],
		[
			'Run Now: no window start',
			{ resource: 'flowRun', operation: 'runNow', flowId: rl('id', ID), windowStart: expr('') },
			'Window Start',
			'windowStart',
		],
		[
			'Get run: run ID not a UUID',
			{ resource: 'flowRun', operation: 'get', runId: rl('id', expr('r')) },
			'Flow Run',
			'runId',
		],
		[
			'Get Many runs: Started Before not after Started After',
			{
				resource: 'flowRun',
				operation: 'getAll',
				flowId: rl('id', ID),
				returnAll: true,
				filters: { startedAfter: '2030-01-02T00:00:00Z', startedBefore: '2030-01-01T00:00:00Z' },
			},
			'Started Before',
			'filters.startedBefore',
		],
		[
			'Retry: run ID not a UUID',
			{ resource: 'flowRun', operation: 'retry', runId: rl('id', expr('r')) },
			'Flow Run',
			'runId',
		],
		[
			'Create From Table: dataset ID not 24 hex digits',
			{ ...fromTable, datasetId: rl('id', expr('abc')) },
			'Dataset',
			'datasetId',
		],
		[
			'Create From Table: empty table',
			{ ...fromTable, tablePath: tableRl(expr(' ')) },
			'Table',
			'tablePath',
		],
		[
			'Create From Table: no delta column for an hourly flow',
			{ ...fromTable, deltaColumn: expr('') },
			'Delta Column',
			'deltaColumn',
		],
		[
			'Create From Table: base connection not a UUID',
			{ ...fromTable, connectionId: rl('id', expr('b')) },
			'Base Connection',
			'connectionId',
		],
		[
			'Create From Table: If the Chain Exists With Other Settings "maybe"',
			{ ...fromTable, ifDrift: expr('maybe') },
			'If the Chain Exists With Other Settings',
			'ifDrift',
		],
	];

	it.each(cases)('%s', async (_title, parameters, label, field) => {
		const run = await aep.run([{}], parameters);
		expect(run.json[0].error).toContain(`"${label}"`);
		expect(run.json[0].field).toBe(field);
		expect(run.json[0].description).toContain('nothing was sent to Adobe');
		expect(aep.emu().platformRequests()).toEqual([]);
		expect(aep.emu().tokensIssued()).toBe(0);
	});
});
