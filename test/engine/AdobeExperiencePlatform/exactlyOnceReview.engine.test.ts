/**
 * Review of exactly once for creates and Create From Table (issue 21, findings 7 to 10), in n8n's
 * engine against the emulator: what a race leaves behind is reused as the error says, a loser's
 * delete that Adobe answers 404 is not taken as done, the output shows the dataflow's state, and
 * Update It keeps what it does not mean to change. Every run is scanned for secrets (useAepEmulator).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_SCHEMA_ID } from '../../emulator';
import { directCall, flowBody } from '../../emulator/testkit';
import { isErrorItem } from '../../support/redshift/kit';
import { ORDER_COLUMNS, rl, useAepEmulator } from '../../support/platform/kit';

jest.setTimeout(60_000);

const FLOW_SERVICE = '/data/foundation/flowservice';
const SOURCES = `${FLOW_SERVICE}/sourceConnections`;
const TARGETS = `${FLOW_SERVICE}/targetConnections`;
const DATASETS = '/data/foundation/catalog/dataSets';
const MAPPING_SETS = '/data/foundation/conversion/mappingSets';
const FLOWS = `${FLOW_SERVICE}/flows`;

const aep = useAepEmulator('dataflow');

const noErrors = (json: IDataObject[]) => expect(json.filter(isErrorItem)).toEqual([]);

/** The IDs an error of settleRace names: the winner (reused) and the loser (ours, not deleted). */
function raceIds(error: string): { winner: string; loser: string } {
	const match = /created \S+ (?:\S+ )?(\S+) at the same time as this item created (\S+) in/.exec(
		error,
	);
	if (!match) throw new Error(`not a race error: ${error}`);
	return { winner: match[1], loser: match[2] };
}

describe('what a race left behind', () => {
	it.each([['source connection', SOURCES, 'sourceConnectionId']])(
		'a %s loser that could not be deleted: the re-run reuses the winner the error named, not the newer loser',
		async (_thing, path, field) => {
			const parameters = await aep.fromTable();
			aep.emu().failNext({ method: 'POST', path }, 1, { kind: 'twin-before' });
			aep.emu().failNext({ method: 'DELETE', path: new RegExp(`^${path}/`) }, 10, { status: 500 });
			const first = await aep.run([{}], parameters);
			const { winner, loser } = raceIds(first.json[0].error as string);
			expect(first.json[0].description).toContain(`it reuses ${winner}`);

			const again = await aep.run([{}], parameters);
			noErrors(again.json);
			expect(again.json[0][field]).toBe(winner);
			expect(again.json[0][field]).not.toBe(loser);
		},
	);

	it('Dataset › Create, Reuse It, after a race whose loser could not be deleted: the re-run outputs the winner', async () => {
		const parameters = {
			resource: 'dataset',
			operation: 'create',
			datasetName: 'Raced twice',
			schemaId: rl('list', DEFAULT_SCHEMA_ID),
		};
		aep.emu().failNext({ method: 'POST', path: DATASETS }, 1, { kind: 'twin-before' });
		aep
			.emu()
			.failNext({ method: 'DELETE', path: new RegExp(`^${DATASETS}/`) }, 10, { status: 500 });
		const first = await aep.run([{}], parameters);
		const { winner } = raceIds(first.json[0].error as string);
		const again = await aep.run([{}], parameters);
		noErrors(again.json);
		expect(again.json[0]).toMatchObject({ id: winner, reused: true });
	});

	it('a loser whose delete Adobe answers 404 at the first attempt is not taken as deleted: the item fails naming both IDs', async () => {
		const parameters = await aep.fromTable();
		aep.emu().failNext({ method: 'POST', path: TARGETS }, 1, { kind: 'twin-before' });
		aep.emu().failNext({ method: 'DELETE', path: new RegExp(`^${TARGETS}/`) }, 1, { status: 404 });
		const run = await aep.run([{}], parameters);
		const targets = aep.emu().targetConnections();
		expect(targets).toHaveLength(2);
		expect(isErrorItem(run.json[0])).toBe(true);
		for (const target of targets) expect(run.json[0].error).toContain(target.id);
		expect(aep.emu().flows()).toEqual([]);
	});
});

/** A hand-made chain into the parameters' dataset (as Adobe's UI makes one, other names); returns its IDs. */
const handMadeChain = async (parameters: INodeParameters, mappings: Array<[string, string]>) =>
	await aep.seedChain(parameters, {
		mappings,
		mappingSetName: 'UI mapping',
		flowName: 'UI dataflow',
	});

describe('an existing chain', () => {
	it('a disabled dataflow: the output says so (state as Adobe stores it), so a re-run does not pass for a working chain', async () => {
		const parameters = await aep.fromTable();
		const first = await aep.run([{}], parameters);
		noErrors(first.json);
		expect(first.json[0].state).toBe('enabled');
		const flowId = first.json[0].dataflowId as string;
		noErrors(
			(
				await aep.run([{}], {
					resource: 'dataflow',
					operation: 'disable',
					flowId: rl('id', flowId),
				})
			).json,
		);
		const again = await aep.run([{}], parameters);
		noErrors(again.json);
		expect(again.json[0]).toMatchObject({ dataflowId: flowId, created: [], state: 'disabled' });
	});

	it("Update It on a chain made in the UI: the new mapping set version keeps the set's own name", async () => {
		const parameters = await aep.fromTable({ ifDrift: 'update', startTime: '' });
		const { flowId, mappingId } = await handMadeChain(parameters, [
			['order_id', '_emulator.orderId'],
		]);
		const run = await aep.run([{}], parameters);
		noErrors(run.json);
		expect(run.json[0]).toMatchObject({
			dataflowId: flowId,
			mappingSetId: mappingId,
			mappingVersion: 1,
		});
		const put = aep
			.answered()
			.filter((entry) => entry.method === 'PUT' && entry.path === `${MAPPING_SETS}/${mappingId}`);
		expect(put).toHaveLength(1);
		expect(JSON.parse(put[0].body).name).toBe('UI mapping');
	});
});

describe('Update It refused by Adobe (stale etag)', () => {
	it('the error names no field the operation lacks, says the new mapping version is not used yet, and the re-run uses that version (no second PUT)', async () => {
		const parameters = await aep.fromTable({ ifDrift: 'update', startTime: '' });
		const { flowId, mappingId } = await handMadeChain(parameters, [
			['order_id', '_emulator.orderId'],
		]);
		aep.emu().failNext({ method: 'PATCH', path: `${FLOWS}/${flowId}` }, 1, { status: 412 });
		const refused = await aep.run([{}], parameters);
		expect(isErrorItem(refused.json[0])).toBe(true);
		const text = `${refused.json[0].error as string}\n${refused.json[0].description as string}`;
		expect(text).not.toContain('ETag');
		expect(text).not.toContain('Run Get again');
		expect(text).toContain(`Mapping set ${mappingId} version 1`);
		expect(text).toContain('Run the item again');

		const again = await aep.run([{}], parameters);
		noErrors(again.json);
		expect(again.json[0]).toMatchObject({ dataflowId: flowId, mappingVersion: 1 });
		const puts = aep
			.answered()
			.filter((entry) => entry.method === 'PUT' && entry.path === `${MAPPING_SETS}/${mappingId}`);
		expect(puts).toHaveLength(1);
		expect(aep.emu().mappingSets()[0].version).toBe(1);
	});
});

describe('drift the input can carry', () => {
	it('Backfill and Delta Column Date Format changed: Report It lists both, Update It applies both (one PATCH)', async () => {
		const parameters = await aep.fromTable();
		noErrors((await aep.run([{}], parameters)).json);
		const changed = { ...parameters, backfill: false, deltaDateFormat: 'yyyy-MM-dd HH:mm:ss' };
		const reported = await aep.run([{}], changed);
		noErrors(reported.json);
		expect(reported.json[0].drift).toEqual([
			{ field: 'scheduleParams.backfill', stored: true, input: false },
			{ field: 'deltaColumn.dateFormat', stored: null, input: 'yyyy-MM-dd HH:mm:ss' },
		]);
		const updated = await aep.run([{}], { ...changed, ifDrift: 'update' });
		noErrors(updated.json);
		const [flow] = aep.emu().flows();
		expect(flow.scheduleParams.backfill).toBe(false);
		const copy = flow.transformations.find((t) => t.name === 'Copy');
		expect(copy?.params).toMatchObject({
			deltaColumn: { name: 'ordered_at', dateFormat: 'yyyy-MM-dd HH:mm:ss' },
		});
		expect(updated.json[0]).toMatchObject({
			scheduleParams: expect.objectContaining({ backfill: false }),
		});
		const again = await aep.run([{}], changed);
		expect(again.json[0].drift).toEqual([]);
	});
});

describe('settings Adobe cannot change in place', () => {
	it('changed columns of a source connection another dataflow also reads: the error does not send the user to a delete Adobe refuses (1418), and following it works', async () => {
		const parameters = await aep.fromTable();
		const baseConnectionId = (parameters.connectionId as { value: string }).value;
		const oldColumns = ORDER_COLUMNS.filter((column) =>
			['order_id', 'ordered_at'].includes(column.name as string),
		);
		const sourceId = await aep.seedSourceConnection({
			baseConnectionId,
			name: 'shared source',
			columns: oldColumns,
		});
		const targetOf = (dataSetId: string) => aep.seedTarget(dataSetId, `target of ${dataSetId}`);
		const mappingId = aep.emu().seedMappingSet().id;
		const flowInto = async (dataSetId: string, name: string) =>
			(
				await directCall(
					aep.emu(),
					'POST',
					FLOWS,
					flowBody({ sourceId, targetId: targetOf(dataSetId), mappingId }, undefined, name),
				)
			).json.id as string;
		const ours = await flowInto((parameters.datasetId as { value: string }).value, 'Orders');
		const other = await flowInto(aep.seedDataset('Orders EU'), 'Orders EU');

		const refused = await aep.run([{}], parameters);
		expect(refused.json[0].error).toContain(`(ID ${ours})`);
		const advice = refused.json[0].description as string;
		expect(advice).toContain(`delete dataflow ${ours}`);
		expect(advice).not.toContain(`delete source connection ${sourceId}`);
		expect(advice).toContain(other);

		// Following the advice: delete the dataflow, run again.
		noErrors(
			(await aep.run([{}], { resource: 'dataflow', operation: 'delete', flowId: rl('id', ours) }))
				.json,
		);
		const rebuilt = await aep.run([{}], parameters);
		noErrors(rebuilt.json);
		expect(rebuilt.json[0].sourceConnectionId).not.toBe(sourceId);
		expect(rebuilt.json[0].created).toContain('sourceConnection');
	});
});

describe('Update It refused after the scheduled start', () => {
	it.each([
		['Backfill', { backfill: false }, '"Backfill"'],
		['Start Time', { startTime: '2020-06-01T00:00:00Z' }, '"Start Time" empty'],
	])(
		'a changed %s: the hint names this operation\'s field, never "the update" of Dataflow › Update',
		async (_label, change, named) => {
			const parameters = await aep.fromTable({ startTime: '2020-01-01T00:00:00Z' });
			noErrors((await aep.run([{}], parameters)).json);
			const refused = await aep.run([{}], { ...parameters, ...change, ifDrift: 'update' });
			expect(isErrorItem(refused.json[0])).toBe(true);
			const text = refused.json[0].description as string;
			expect(text).toContain(named);
			expect(text).not.toMatch(/out of the update/);
		},
	);
});
