/**
 * Base Connection › Create exactly once across executions (issue 21, finding 7), in n8n's engine
 * against the emulator: two executions at once with the same names make one connection per name
 * (the per-key lock of this process); a create that races another process's (the emulator lands an
 * identical create first) keeps the older connection and deletes its own; when that delete fails
 * the item fails naming both IDs. Every run is scanned for secrets.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	duplicates,
	expectOnePerItem,
	isErrorItem,
	namedCreateParameters,
	testSecret,
	useScannedEmulator,
} from '../../support/redshift/kit';
import { CONNECTIONS_PATH } from '../../support/engine/support';

jest.setTimeout(60_000);

const PASSWORD = testSecret('race-pw');
const { emu, runNode } = useScannedEmulator({
	per: 'test',
	secrets: { 'Redshift password': PASSWORD },
});

const POST_CONNECTIONS = { method: 'POST', path: CONNECTIONS_PATH };
const CONNECTION_DELETES = { method: 'DELETE', path: new RegExp(`^${CONNECTIONS_PATH}/`) };

function createParameters(ifExists: string, concurrency = 2): INodeParameters {
	return namedCreateParameters(PASSWORD, ifExists, { concurrency });
}

const NAMES = ['Orders', 'Clicks', 'Returns', 'Stock'];
const items = NAMES.map((name) => ({ name }));

const deletes = () =>
	emu()
		.platformRequests()
		.filter((r) => r.method === 'DELETE');

describe('two executions of the same workflow at once (one worker)', () => {
	beforeEach(() => {
		// Creates are processed 150 ms after they arrive: both runs list the empty sandbox first.
		emu().setRouteLatency(POST_CONNECTIONS, 150);
	});

	it('Reuse It: one connection per name; per name one execution created it and the other reused it', async () => {
		const [a, b] = await Promise.all([
			runNode(items, createParameters('reuse'), { label: 'execution a' }),
			runNode(items, createParameters('reuse'), { label: 'execution b' }),
		]);

		expectOnePerItem(a.output, NAMES.length);
		expectOnePerItem(b.output, NAMES.length);
		expect([...a.json, ...b.json].filter(isErrorItem)).toEqual([]);
		const stored = emu().connections();
		expect(stored.map((c) => c.name).sort()).toEqual([...NAMES].sort());
		NAMES.forEach((name, i) => {
			const { id, etag } = stored.find((c) => c.name === name) as { id: string; etag: string };
			expect(a.json[i]).toMatchObject({ id, etag, name });
			expect(b.json[i]).toMatchObject({ id, etag, name });
			expect([a.json[i].reused, b.json[i].reused].sort()).toEqual([false, true]);
		});
		expect(deletes()).toEqual([]);
	});

	it('Stop With an Error: per name one execution creates it, the other fails naming its ID', async () => {
		const [a, b] = await Promise.all([
			runNode(items, createParameters('error'), { label: 'execution a' }),
			runNode(items, createParameters('error'), { label: 'execution b' }),
		]);

		const stored = emu().connections();
		expect(duplicates(stored.map((c) => c.name))).toEqual([]);
		expect(stored).toHaveLength(NAMES.length);
		NAMES.forEach((name, i) => {
			const { id } = stored.find((c) => c.name === name) as { id: string };
			const pair = [a.json[i], b.json[i]];
			expect(pair.filter((json) => json.id === id)).toHaveLength(1);
			expect(pair.find(isErrorItem)?.error).toEqual(expect.stringContaining(`(ID ${id})`));
		});
	});
});

describe('a race with another process (the emulator lands an identical create 2 ms earlier)', () => {
	it('one item: its connection is deleted, the older one is output with reused: true', async () => {
		emu().failNext(POST_CONNECTIONS, 1, { kind: 'twin-before' });

		const run = await runNode([{ name: 'Orders' }], createParameters('reuse'), { label: 'twin' });

		expectOnePerItem(run.output, 1);
		const stored = emu().connections();
		expect(stored).toHaveLength(1);
		const [winner] = stored;
		expect(run.json[0]).toEqual({
			id: winner.id,
			etag: winner.etag,
			name: 'Orders',
			hosting: 'azure',
			sandboxName: 'prod',
			connectionSpec: expect.objectContaining({ id: '3416976c-a9ca-4bba-901a-1f08f66978ff' }),
			reused: true,
		});
		const [removed] = deletes();
		expect(removed.path).not.toBe(`${CONNECTIONS_PATH}/${winner.id}`);
		expect(removed.status).toBe(204);
	});

	it('five items, the first raced (the fifth has its name and reuses it): one listing after the run settles them all, the loser is deleted, both items output the winner', async () => {
		const names = ['Orders', 'Clicks', 'Returns', 'Stock', 'Orders'];
		emu().failNext(POST_CONNECTIONS, 1, { kind: 'twin-before' });

		const run = await runNode(
			names.map((name) => ({ name })),
			createParameters('reuse', 1),
			{ label: 'settled run' },
		);

		expectOnePerItem(run.output, names.length);
		const stored = emu().connections();
		expect(stored.map((c) => c.name).sort()).toEqual(['Clicks', 'Orders', 'Returns', 'Stock']);
		const idOf = (name: string) => stored.find((c) => c.name === name)?.id;
		names.forEach((name, i) => expect(run.json[i]).toMatchObject({ name, id: idOf(name) }));
		expect(run.json.map((json) => json.reused)).toEqual([true, false, false, false, true]);
		// The run's listing, 4 creates, one listing to settle them (one page), the loser's delete.
		expect(
			emu()
				.platformRequests()
				.map((r) => r.method),
		).toEqual(['GET', 'POST', 'POST', 'POST', 'POST', 'GET', 'DELETE']);
		expect(deletes()[0].path).not.toBe(`${CONNECTIONS_PATH}/${idOf('Orders')}`);
	});
});

describe('a run that stops part-way (no Continue On Fail)', () => {
	it('still settles what its items made: the loser is deleted, and the error does not list it as created', async () => {
		emu().failNext(POST_CONNECTIONS, 1, { kind: 'twin-before' });

		const run = await runNode([{ name: 'Orders' }, { name: '' }], createParameters('reuse', 1), {
			label: 'stopped run',
			continueOnFail: false,
		});

		expect(run.result.error?.message).toMatch(/Connection Name/);
		const stored = emu().connections();
		expect(stored).toHaveLength(1);
		expect(deletes()).toHaveLength(1);
		expect(String(run.result.error?.description)).not.toContain(
			deletes()[0].path.split('/').pop() as string,
		);
	});
});

describe('the loser cannot be deleted', () => {
	it('the item fails naming both IDs and the operation to delete one with; both exist', async () => {
		emu().failNext(POST_CONNECTIONS, 1, { kind: 'twin-before' });
		emu().failNext(CONNECTION_DELETES, 1, { status: 403 });

		const run = await runNode([{ name: 'Orders' }], createParameters('reuse'), {
			label: 'delete fails',
		});

		expectOnePerItem(run.output, 1);
		const stored = emu().connections();
		expect(stored).toHaveLength(2);
		const [older, mine] = [...stored].sort((x, y) => Number(x.createdAt) - Number(y.createdAt));
		const { error, description } = run.json[0] as IDataObject;
		expect(error).toEqual(expect.stringContaining(older.id));
		expect(error).toEqual(expect.stringContaining(mine.id));
		expect(description).toBe(
			`Both exist now. Delete ${mine.id} (Adobe Redshift Connection › Base Connection › Delete), then run the item again: it reuses ${older.id}.`,
		);
	});
});

describe('the listing that settles the run fails', () => {
	it('the items that created a connection fail saying it was created and how to re-run', async () => {
		emu().setRouteLatency(POST_CONNECTIONS, 200);
		const running = runNode(items.slice(0, 2), createParameters('reuse'), {
			label: 'settling fails',
		});
		// Once the creates have arrived, the next listing is the one that settles them.
		while (
			!emu()
				.platformRequests()
				.some((r) => r.method === 'POST')
		)
			await new Promise((resolve) => setTimeout(resolve, 5));
		emu().failNext({ method: 'GET', path: CONNECTIONS_PATH }, 1, { status: 403 });
		const run = await running;

		expectOnePerItem(run.output, 2);
		const stored = emu().connections();
		expect(stored).toHaveLength(2);
		run.json.forEach((json, i) => {
			const { id } = stored.find((c) => c.name === NAMES[i]) as { id: string };
			expect(json.error).toEqual(
				expect.stringContaining(
					`Redshift connection ${id} was created in sandbox "prod", but the check for a same-name connection created at the same time by another execution failed`,
				),
			);
			expect(json.description).toEqual(expect.stringContaining('Reuse It'));
		});
	});
});
