/**
 * Fewer requests per item and pacing against a throttling gateway (issue 15), in n8n's engine
 * against the emulator: "Reuse It" and "Stop With an Error" list each sandbox once per run (not once
 * per item), items with the same name in one run create one connection, and the duplicate guard's
 * lookup after an ambiguous failure stays.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	duplicates,
	expectOnePerItem,
	isErrorItem,
	namedCreateParameters,
	testPolicy,
	testSecret,
	useScannedEmulator,
} from '../../support/redshift/kit';
import { CONNECTIONS_PATH, seedConnections } from '../../support/engine/support';

jest.setTimeout(60_000);

const PASSWORD = testSecret('redshift-pw');
const { emu, runNode } = useScannedEmulator({
	per: 'test',
	secrets: { 'Redshift password': PASSWORD },
});

function createParameters(ifExists: string, options: IDataObject = {}): INodeParameters {
	return namedCreateParameters(PASSWORD, ifExists, options);
}

/** Requests the node sent (those from `after` on: seeding sends some too). */
const lookups = (after = 0) =>
	emu()
		.platformRequests()
		.slice(after)
		.filter((r) => r.method === 'GET' && r.path === CONNECTIONS_PATH);
const posts = (after = 0) =>
	emu()
		.platformRequests()
		.slice(after)
		.filter((r) => r.method === 'POST' && r.path === CONNECTIONS_PATH);

describe('Reuse It: one listing per sandbox and run', () => {
	it('40 items (3 names already in the sandbox, 5 names given twice) at concurrency 8: one listing, one POST per new name, one connection per name', async () => {
		const seeded = await seedConnections(emu(), ['Existing 0', 'Existing 1', 'Existing 2']);
		const names = [
			...Array.from({ length: 32 }, (_, i) => `New ${i}`),
			'Existing 0',
			'Existing 1',
			'Existing 2',
			'New 0',
			'New 1',
			'New 2',
			'New 3',
			'New 4',
		];
		const before = emu().platformRequests().length;
		const tokensBefore = emu().tokensIssued();

		const run = await runNode(
			names.map((name) => ({ name })),
			createParameters('reuse', { concurrency: 8 }),
			{ label: 'reuse' },
		);

		expectOnePerItem(run.output, names.length);
		expect(run.json.filter(isErrorItem)).toEqual([]);
		const sent = emu().platformRequests().slice(before);
		// One listing (one page: 3 connections), one POST per new name, one listing after the
		// creates to settle races with other processes (one page: 35 connections), nothing else.
		expect(sent.filter((r) => r.method === 'GET')).toHaveLength(2);
		expect(sent.filter((r) => r.method === 'POST')).toHaveLength(32);
		expect(sent).toHaveLength(34);
		expect(emu().tokensIssued() - tokensBefore).toBe(1);

		const stored = emu().connections();
		expect(stored).toHaveLength(35);
		expect(duplicates(stored.map((c) => c.name))).toEqual([]);
		const idOf = (name: string) => stored.find((c) => c.name === name)?.id;
		names.forEach((name, i) => expect(run.json[i]).toMatchObject({ id: idOf(name), name }));
		// The first item of a new name created it; a later item with the same name reused it; the seeded ones were reused.
		expect(run.json.map((json) => json.reused)).toEqual([
			...Array<boolean>(32).fill(false),
			...Array<boolean>(8).fill(true),
		]);
		expect(run.json.slice(32, 35).map((json) => json.id)).toEqual(seeded);
	});

	it('the same name 6 times in one run at concurrency 6 creates ONE connection; the others reuse it', async () => {
		const run = await runNode(
			Array.from({ length: 6 }, () => ({ name: 'Twin' })),
			createParameters('reuse', { concurrency: 6 }),
			{ label: 'twins' },
		);

		expectOnePerItem(run.output, 6);
		expect(emu().connections()).toHaveLength(1);
		expect(posts()).toHaveLength(1);
		// The run's listing, then the name looked up once after the run to settle its race.
		expect(lookups().map((r) => r.query.property)).toEqual([
			'connectionSpec.id==3416976c-a9ca-4bba-901a-1f08f66978ff',
			['connectionSpec.id==3416976c-a9ca-4bba-901a-1f08f66978ff', 'name==Twin'],
		]);
		const [created] = emu().connections();
		expect(run.json.map((json) => [json.id, json.etag, json.reused])).toEqual([
			[created.id, created.etag, false],
			...Array.from({ length: 5 }, () => [created.id, created.etag, true]),
		]);
	});

	it('Stop With an Error: the second item with a name fails naming the connection the first one created', async () => {
		const run = await runNode(
			[{ name: 'Once' }, { name: 'Once' }, { name: 'Other' }],
			createParameters('error', { concurrency: 3 }),
			{ label: 'error' },
		);

		expectOnePerItem(run.output, 3);
		const [once] = emu()
			.connections()
			.filter((c) => c.name === 'Once');
		expect(emu().connections()).toHaveLength(2);
		expect(run.json[0]).toMatchObject({ id: once.id, name: 'Once' });
		expect(run.json[1].error).toEqual(expect.stringContaining(`(ID ${once.id})`));
		expect(run.json[2]).toMatchObject({ name: 'Other' });
		expect(lookups()).toHaveLength(1);
	});

	it('a reset after the create was stored: the per-attempt lookup finds it, with no second POST (the run listing served as "before")', async () => {
		await seedConnections(emu(), ['Seeded']);
		const before = emu().platformRequests().length;
		emu().failNext({ method: 'POST', path: CONNECTIONS_PATH }, 1, { kind: 'reset-after' });

		const run = await runNode(
			[{ name: 'Fine' }, { name: 'Fine 2' }],
			createParameters('reuse', { concurrency: 1 }),
			{ label: 'reset-after' },
		);

		expectOnePerItem(run.output, 2);
		expect(run.json.filter(isErrorItem)).toEqual([]);
		expect(posts(before)).toHaveLength(2);
		expect(
			emu()
				.connections()
				.map((c) => c.name)
				.sort(),
		).toEqual(['Fine', 'Fine 2', 'Seeded']);
		expect(run.json[0]).toMatchObject({
			id: emu()
				.connections()
				.find((c) => c.name === 'Fine')?.id,
			reused: false,
		});
		// The listing, then one name lookup after the reset (the duplicate guard), none per item;
		// then one listing after the run to settle its races.
		expect(lookups(before).map((r) => r.query.property)).toEqual([
			'connectionSpec.id==3416976c-a9ca-4bba-901a-1f08f66978ff',
			['connectionSpec.id==3416976c-a9ca-4bba-901a-1f08f66978ff', 'name==Fine'],
			'connectionSpec.id==3416976c-a9ca-4bba-901a-1f08f66978ff',
		]);
	});
});

describe('Create Another keeps its lookup right before each POST', () => {
	it('two items with the same name at concurrency 2: two connections, created one after the other, each listed first', async () => {
		const run = await runNode(
			[{ name: 'Again' }, { name: 'Again' }],
			createParameters('create', { concurrency: 2 }),
			{ label: 'create another' },
		);

		expectOnePerItem(run.output, 2);
		const stored = emu().connections();
		expect(stored).toHaveLength(2);
		expect(run.json.map((json) => json.id).sort()).toEqual(stored.map((c) => c.id).sort());
		// Serialized: the second item's lookup comes after the first item's POST, so it sees it.
		expect(
			emu()
				.platformRequests()
				.map((r) => r.method),
		).toEqual(['GET', 'POST', 'GET', 'POST']);
	});
});

describe('Adapt to Throttling against a gateway limit', () => {
	const ITEMS = 80;
	const names = Array.from({ length: ITEMS }, (_, i) => ({ name: `Paced ${i}` }));

	// Pacing may slow to half the gateway's rate. testPolicy()'s floor (1,000/s, which keeps the
	// fault suite fast) is above this gateway's 10/s: pacing could then only honour Retry-After, and
	// the two runs would get about as many 429s (57 vs 58 of ~140 requests).
	const policy = testPolicy({ pacingTuning: { ...testPolicy().pacingTuning, minPerSecond: 5 } });

	async function throttledRun(adaptToThrottling: boolean) {
		// 10/s: far below what 8 concurrent items send even on a loaded 2-core machine, so the
		// fixed-concurrency run is always throttled and the comparison cannot tie at 0.
		emu().setRateLimit({ perSecond: 10 });
		const before = emu().platformRequests().length;
		const run = await runNode(
			names,
			createParameters('reuse', { concurrency: 8, adaptToThrottling }),
			{ label: `pacing ${adaptToThrottling}`, policy },
		);
		const sent = emu().platformRequests().slice(before);
		return { run, sent, throttled: sent.filter((r) => r.throttled).length };
	}

	it('on (the default): every item created exactly once, with far fewer 429s than at fixed concurrency', async () => {
		const paced = await throttledRun(true);

		expectOnePerItem(paced.run.output, ITEMS);
		expect(paced.run.json.filter(isErrorItem)).toEqual([]);
		const stored = emu().connections();
		expect(stored).toHaveLength(ITEMS);
		expect(duplicates(stored.map((c) => c.name))).toEqual([]);
		names.forEach(({ name }, i) =>
			expect(paced.run.json[i]).toMatchObject({
				name,
				id: stored.find((c) => c.name === name)?.id,
				reused: false,
			}),
		);
		expect(emu().tokensIssued()).toBe(1);

		// The same run with the option off, against a fresh bucket and a fresh sandbox state.
		emu().reset();
		const fixed = await throttledRun(false);
		// Measured: 8 of 89 requests paced, 58 of 141 at fixed concurrency.
		expect(paced.throttled * 3).toBeLessThan(fixed.throttled);
		expect(
			duplicates(
				emu()
					.connections()
					.map((c) => c.name),
			),
		).toEqual([]);
	});
});
