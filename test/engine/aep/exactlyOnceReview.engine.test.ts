/**
 * Review of exactly once for creates and Create From Table (issue 21, findings 7 to 10), in n8n's
 * engine against the emulator: what a race leaves behind is reused as the error says, a loser's
 * delete that Adobe answers 404 is not taken as done, the output shows the dataflow's state, and
 * Update It keeps what it does not mean to change. Every run is scanned for secrets (useAepEmulator).
 */
import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_SCHEMA_ID } from '../../emulator';
import { isErrorItem } from '../reliability.kit';
import { rl, useAepEmulator } from './kit';

jest.setTimeout(60_000);

const FLOW_SERVICE = '/data/foundation/flowservice';
const SOURCES = `${FLOW_SERVICE}/sourceConnections`;
const TARGETS = `${FLOW_SERVICE}/targetConnections`;
const DATASETS = '/data/foundation/catalog/dataSets';

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
