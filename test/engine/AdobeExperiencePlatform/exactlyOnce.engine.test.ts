/**
 * Exactly once for creates and Create From Table (issue 21, findings 7 to 10), in n8n's engine
 * against the emulator: concurrent items and concurrent executions of the same key make one object;
 * a create that races another process's (the emulator lands both) keeps the oldest and deletes its
 * own; the chain is found by reference (a renamed dataflow, changed columns); drift is reported,
 * updated with If-Match, or refused; names with filter syntax in them are found again. Every run is
 * scanned for secrets.
 */
import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_SCHEMA_ID } from '../../emulator';
import { isErrorItem } from '../../support/redshift/kit';
import { ORDER_COLUMNS, rl, useAepEmulator } from '../../support/platform/kit';

jest.setTimeout(60_000);

const FLOW_SERVICE = '/data/foundation/flowservice';
const FLOWS = `${FLOW_SERVICE}/flows`;
const SOURCES = `${FLOW_SERVICE}/sourceConnections`;
const TARGETS = `${FLOW_SERVICE}/targetConnections`;
const MAPPING_SETS = '/data/foundation/conversion/mappingSets';
const DATASETS = '/data/foundation/catalog/dataSets';

const aep = useAepEmulator('dataflow');

const fromTable = aep.fromTable;

const chainSizes = aep.chainSizes;

/** A chain made straight through the emulator (kit's seedChain); returns the dataflow's ID. */
const seedChain = async (...args: Parameters<typeof aep.seedChain>) =>
	(await aep.seedChain(...args)).flowId;

const requests = (method: string, path: string | RegExp) =>
	aep
		.answered()
		.filter(
			(entry) =>
				entry.method === method &&
				(typeof path === 'string' ? entry.path === path : path.test(entry.path)),
		);

const noErrors = (json: IDataObject[]) => expect(json.filter(isErrorItem)).toEqual([]);

describe('concurrency (finding 7)', () => {
	it('Create From Table, concurrency 2, two items of the same table: one source connection, target connection, mapping set and dataflow', async () => {
		const parameters = await fromTable({ options: { concurrency: 2 } });
		const run = await aep.run([{}, {}], parameters);
		noErrors(run.json);
		expect(chainSizes()).toEqual([1, 1, 1, 1]);
		expect(run.json[1].dataflowId).toBe(run.json[0].dataflowId);
	});

	it.each([
		[
			'Dataset',
			{
				resource: 'dataset',
				operation: 'create',
				datasetName: 'Orders twice',
				schemaId: rl('list', DEFAULT_SCHEMA_ID),
			},
			() => aep.emu().datasets().length,
		],
		[
			'Target Connection',
			{
				resource: 'targetConnection',
				operation: 'create',
				targetConnectionName: 'Orders target twice',
				datasetId: rl('id', 'DATASET'),
			},
			() => aep.emu().targetConnections().length,
		],
	])(
		'%s › Create with Reuse It, concurrency 2, two items of the same name: one object',
		async (_label, parameters, count) => {
			const datasetId = aep.seedDataset('Seeded');
			const json = JSON.parse(JSON.stringify(parameters).replace('DATASET', datasetId));
			const before = count();
			const run = await aep.run([{}, {}], { ...json, options: { concurrency: 2 } });
			noErrors(run.json);
			expect(count() - before).toBe(1);
			expect(run.json[1].id).toBe(run.json[0].id);
			expect(run.json.map((item) => item.reused).sort()).toEqual([false, true]);
		},
	);

	it('two executions of the same Create From Table at once (latency so they interleave): one chain', async () => {
		const parameters = await fromTable();
		aep.emu().setLatency(40);
		const runs = await Promise.all([
			aep.run([{}], parameters, { label: 'first' }),
			aep.run([{}], parameters, { label: 'second' }),
		]);
		aep.emu().setLatency(0);
		for (const run of runs) noErrors(run.json);
		expect(chainSizes()).toEqual([1, 1, 1, 1]);
		expect(runs[1].json[0].dataflowId).toBe(runs[0].json[0].dataflowId);
	});

	it.each([
		['source connection', SOURCES],
		['target connection', TARGETS],
		['mapping set', MAPPING_SETS],
		['dataflow', FLOWS],
	])(
		'a %s create that races another process (both land): the older one survives, this one is deleted, the chain uses the survivor',
		async (_thing, path) => {
			const parameters = await fromTable();
			aep.emu().failNext({ method: 'POST', path }, 1, { kind: 'twin-before' });
			const run = await aep.run([{}], parameters);
			noErrors(run.json);
			expect(chainSizes()).toEqual([1, 1, 1, 1]);
			const deletes = requests('DELETE', new RegExp(`^${path}/`));
			expect(deletes).toHaveLength(1);
			expect(deletes[0].status).toBeLessThan(300);
			// The survivor is the one every step and the dataflow point at.
			const flow = aep.emu().flows()[0];
			expect(run.json[0]).toMatchObject({
				dataflowId: flow.id,
				sourceConnectionId: aep.emu().sourceConnections()[0].id,
				targetConnectionId: aep.emu().targetConnections()[0].id,
				mappingSetId: aep.emu().mappingSets()[0].id,
			});
			expect(flow.sourceConnectionIds).toEqual([run.json[0].sourceConnectionId]);
		},
	);

	it('a loser that cannot delete its own object fails naming both IDs and where to delete it', async () => {
		const parameters = await fromTable();
		aep.emu().failNext({ method: 'POST', path: TARGETS }, 1, { kind: 'twin-before' });
		aep.emu().failNext({ method: 'DELETE', path: new RegExp(`^${TARGETS}/`) }, 1, { status: 403 });
		const run = await aep.run([{}], parameters);
		const [older, ours] = aep.emu().targetConnections();
		expect(run.json[0].error).toContain(older.id);
		expect(run.json[0].error).toContain(ours.id);
		expect(run.json[0].description).toContain(`Delete ${ours.id} (Target Connection › Delete)`);
		expect(aep.emu().flows()).toEqual([]);
	});

	it('a Dataset › Create that races another process: the older dataset is output, this one deleted (Catalog DELETE)', async () => {
		aep.emu().failNext({ method: 'POST', path: DATASETS }, 1, { kind: 'twin-before' });
		const run = await aep.run([{}], {
			resource: 'dataset',
			operation: 'create',
			datasetName: 'Raced',
			schemaId: rl('list', DEFAULT_SCHEMA_ID),
		});
		noErrors(run.json);
		const datasets = aep.emu().datasets();
		expect(datasets).toHaveLength(1);
		expect(run.json[0]).toMatchObject({ id: datasets[0].id, reused: true });
		expect(requests('DELETE', new RegExp(`^${DATASETS}/`))).toHaveLength(1);
	});
});

describe('reuse by reference (finding 8)', () => {
	it('a renamed dataflow: the re-run finds the chain by its table and dataset and creates nothing', async () => {
		const parameters = await fromTable();
		const first = await aep.run([{}], parameters);
		noErrors(first.json);
		const second = await aep.run([{}], { ...parameters, name: 'Orders renamed' });
		noErrors(second.json);
		expect(second.json[0]).toMatchObject({
			dataflowId: first.json[0].dataflowId,
			targetConnectionId: first.json[0].targetConnectionId,
			reused: true,
			created: [],
		});
		expect(chainSizes()).toEqual([1, 1, 1, 1]);
	});

	it('the same dataflow name into another dataset: its own target connection and dataflow, never those of the first chain', async () => {
		const parameters = await fromTable();
		const first = await aep.run([{}], parameters);
		noErrors(first.json);
		const other = await aep.run([{}], {
			...parameters,
			datasetId: rl('id', aep.seedDataset('Orders EU')),
		});
		noErrors(other.json);
		expect(other.json[0].targetConnectionId).not.toBe(first.json[0].targetConnectionId);
		expect(other.json[0].dataflowId).not.toBe(first.json[0].dataflowId);
		expect(other.json[0].created).toEqual(['targetConnection', 'dataflow']);
	});

	it('a source connection of the table with other columns is not reused: a dataflow of it into the dataset fails naming the columns; without one a new source connection is made', async () => {
		const parameters = await fromTable();
		const baseConnectionId = (parameters.connectionId as { value: string }).value;
		const oldColumns = ORDER_COLUMNS.filter((column) =>
			['order_id', 'ordered_at'].includes(column.name as string),
		);
		const sourceId = await aep.seedSourceConnection({
			baseConnectionId,
			name: 'old source',
			columns: oldColumns,
		});

		// Not part of a chain into this dataset: left alone, a source connection with today's columns is made.
		const fresh = await aep.run([{}], parameters);
		noErrors(fresh.json);
		expect(fresh.json[0].sourceConnectionId).not.toBe(sourceId);

		// A chain of the old source connection into this dataset: refused, naming the columns; nothing made.
		aep.emu().reset();
		const again = await fromTable();
		const flowId = await seedChain(again, { columns: oldColumns });
		const before = chainSizes();
		const refused = await aep.run([{}], again);
		expect(refused.json[0].error).toContain(`(ID ${flowId})`);
		expect(refused.json[0].error).toContain('columns: stored');
		expect(refused.json[0].description).toContain('Dataflow › Delete');
		expect(refused.json[0].description).toContain('Source Connection › Delete');
		expect(refused.json[0].description).not.toContain('Create Another');
		expect(refused.json[0].description).not.toMatch(/resumes/);
		expect(chainSizes()).toEqual(before);
	});
});

describe('drift (finding 9)', () => {
	it('a re-run with a new interval, Report It (default): outputs the stored schedule and the difference; nothing changes', async () => {
		const parameters = await fromTable();
		noErrors((await aep.run([{}], parameters)).json);
		const patches = () => requests('PATCH', new RegExp(`^${FLOWS}/`)).length;
		const rerun = await aep.run([{}], { ...parameters, interval: 3 });
		noErrors(rerun.json);
		expect(rerun.json[0]).toMatchObject({
			reused: true,
			created: [],
			scheduleParams: expect.objectContaining({ interval: 1 }),
			drift: [{ field: 'scheduleParams.interval', stored: 1, input: 3 }],
		});
		expect(aep.emu().flows()[0].scheduleParams.interval).toBe(1);
		expect(patches()).toBe(0);
	});

	it('Update It: PATCHes the dataflow with If-Match and outputs what Adobe now stores', async () => {
		const parameters = await fromTable();
		noErrors((await aep.run([{}], parameters)).json);
		const etag = aep.emu().flows()[0].etag;
		const rerun = await aep.run([{}], { ...parameters, interval: 3, ifDrift: 'update' });
		noErrors(rerun.json);
		const patch = requests('PATCH', new RegExp(`^${FLOWS}/`));
		expect(patch).toHaveLength(1);
		expect(patch[0].headers['if-match']).toBe(etag);
		expect(aep.emu().flows()[0].scheduleParams.interval).toBe(3);
		expect(rerun.json[0]).toMatchObject({
			scheduleParams: expect.objectContaining({ interval: 3 }),
			updated: [{ field: 'scheduleParams.interval', stored: 1, input: 3 }],
		});
		expect(chainSizes()).toEqual([1, 1, 1, 1]);
	});

	it('mappings that differ: Report It lists them; Update It writes a new mapping set version (PUT) and points the dataflow at it (PATCH, If-Match)', async () => {
		const parameters = await fromTable({ startTime: '' });
		const flowId = await seedChain(parameters, { mappings: [['order_id', '_emulator.orderId']] });
		const reported = await aep.run([{}], parameters);
		noErrors(reported.json);
		expect(reported.json[0]).toMatchObject({ dataflowId: flowId, mappingVersion: 0, created: [] });
		const drift = reported.json[0].drift as IDataObject[];
		expect(drift.map((entry) => entry.field)).toEqual(['mappings']);
		expect(drift[0].stored).toEqual(['order_id -> _emulator.orderId']);

		const etag = aep.emu().flows()[0].etag;
		const updated = await aep.run([{}], { ...parameters, ifDrift: 'update' });
		noErrors(updated.json);
		const [set] = aep.emu().mappingSets();
		expect(set.version).toBe(1);
		expect(set.mappings.map((m) => `${m.source} -> ${m.destination}`).sort()).toEqual(
			drift[0].input,
		);
		expect(requests('PUT', `${MAPPING_SETS}/${set.id}`)).toHaveLength(1);
		const patch = requests('PATCH', `${FLOWS}/${flowId}`);
		expect(patch).toHaveLength(1);
		expect(patch[0].headers['if-match']).toBe(etag);
		const mappingStep = aep
			.emu()
			.flows()[0]
			.transformations.find((t) => t.name === 'Mapping');
		expect(mappingStep?.params).toEqual({ mappingId: set.id, mappingVersion: 1 });
		expect(updated.json[0]).toMatchObject({ mappingVersion: 1, created: [] });
		expect(chainSizes()).toEqual([1, 1, 1, 1]);
	});

	it('a re-run after the table changed (a new column): the error names the columns, never "Create Another" (not an option here) nor that a re-run resumes; nothing is made', async () => {
		const parameters = await fromTable();
		noErrors((await aep.run([{}], parameters)).json);
		const table = aep.emu().options.tables.find((t) => t.path === 'public.orders');
		if (!table) throw new Error('the emulator has no public.orders');
		const columns = table.columns;
		table.columns = [...columns, { name: 'coupon_code', type: 'string' }];
		try {
			const before = chainSizes();
			const rerun = await aep.run([{}], parameters);
			expect(rerun.json[0].error).toContain('columns');
			expect(rerun.json[0].error).toContain('coupon_code');
			expect(rerun.json[0].description).not.toContain('Create Another');
			expect(rerun.json[0].description).not.toMatch(/resumes/);
			expect(chainSizes()).toEqual(before);
		} finally {
			table.columns = columns;
		}
	});

	it('Stop With an Error: names each difference and the options that apply it', async () => {
		const parameters = await fromTable();
		noErrors((await aep.run([{}], parameters)).json);
		const rerun = await aep.run([{}], { ...parameters, interval: 3, ifDrift: 'error' });
		expect(rerun.json[0].error).toContain('scheduleParams.interval: stored 1, input 3');
		expect(rerun.json[0].description).toContain('"Update It"');
		expect(aep.emu().flows()[0].scheduleParams.interval).toBe(1);
	});
});

describe('names with filter syntax (finding 10)', () => {
	it.each([['Orders, EU'], ['Orders, EU * "all"']])(
		'Create From Table named %p: the re-run finds every object again and creates nothing',
		async (name) => {
			const parameters = await fromTable({ name });
			noErrors((await aep.run([{}], parameters)).json);
			const second = await aep.run([{}], parameters);
			noErrors(second.json);
			expect(second.json[0]).toMatchObject({ reused: true, created: [] });
			expect(chainSizes()).toEqual([1, 1, 1, 1]);
		},
	);

	it('Target Connection › Create named "Orders, EU": the re-run reuses it', async () => {
		const datasetId = aep.seedDataset('Seeded');
		const parameters = {
			resource: 'targetConnection',
			operation: 'create',
			targetConnectionName: 'Orders, EU',
			datasetId: rl('id', datasetId),
		};
		noErrors((await aep.run([{}], parameters)).json);
		const second = await aep.run([{}], parameters);
		expect(second.json[0]).toMatchObject({ reused: true });
		expect(aep.emu().targetConnections()).toHaveLength(1);
	});
});
