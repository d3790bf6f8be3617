import { KeyedSerializer } from '../../../../nodes/shared/kernel/concurrency';
import {
	CreateLog,
	listedPastOurs,
	listingPageBudget,
	SameNameIndex,
	type NamedConnection,
} from '../../../../nodes/shared/resources/baseConnection/sameName';

const SPEC = '3416976c-a9ca-4bba-901a-1f08f66978ff';
const listed = (id: string, name: unknown, specId: unknown = SPEC) => ({
	id,
	name,
	etag: `"${id}"`,
	connectionSpec: { id: specId },
});

describe('SameNameIndex', () => {
	it('matches the exact name only (case, spaces and prefixes differ), in listing order', () => {
		const index = new SameNameIndex(SPEC, [
			listed('a', 'Orders'),
			listed('b', 'orders'),
			listed('c', 'Orders '),
			listed('d', 'Orders 2'),
			listed('e', 'Orders'),
		]);
		expect(index.named('Orders').map((c) => c.id)).toEqual(['a', 'e']);
		expect(index.named('orders').map((c) => c.id)).toEqual(['b']);
		expect(index.named('Ord')).toEqual([]);
	});

	it('ignores connections of another connection spec and entries without an id or a name', () => {
		const index = new SameNameIndex(SPEC, [
			listed('a', 'Orders', 'another-spec'),
			{ id: 'b' },
			listed(undefined as unknown as string, 'Orders'),
			listed('c', 42),
		]);
		expect(index.named('Orders')).toEqual([]);
		expect(index.named('42')).toEqual([]);
	});

	it('puts a connection this run created first, and never lists one ID twice', () => {
		const index = new SameNameIndex<NamedConnection>(SPEC, [listed('old', 'Orders')]);
		index.add({ id: 'new', name: 'Orders', etag: '"new"' }, true);
		index.add(listed('old', 'Orders'));
		expect(index.named('Orders').map((c) => c.id)).toEqual(['new', 'old']);
	});

	it('hands out copies: a caller cannot change what the index holds', () => {
		const index = new SameNameIndex(SPEC, [listed('a', 'Orders')]);
		index.named('Orders').pop();
		expect(index.named('Orders')).toHaveLength(1);
	});
});

describe('listingPageBudget', () => {
	it('one listing page per item at most, capped, and none for a single item', () => {
		expect(listingPageBudget(0, 100)).toBe(0);
		expect(listingPageBudget(1, 100)).toBe(0);
		expect(listingPageBudget(2, 100)).toBe(2);
		expect(listingPageBudget(500, 100)).toBe(100);
	});
});

describe('KeyedSerializer', () => {
	const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

	it('runs tasks with the same key one after another, in call order; other keys in parallel', async () => {
		const serializer = new KeyedSerializer();
		const events: string[] = [];
		const task = (label: string) => async () => {
			events.push(`start ${label}`);
			await tick();
			events.push(`end ${label}`);
			return label;
		};
		const results = await Promise.all([
			serializer.run('x', task('x1')),
			serializer.run('y', task('y1')),
			serializer.run('x', task('x2')),
		]);
		expect(results).toEqual(['x1', 'y1', 'x2']);
		expect(events.indexOf('start x2')).toBeGreaterThan(events.indexOf('end x1'));
		expect(events.indexOf('start y1')).toBeLessThan(events.indexOf('end x1'));
	});

	it('a failed task hands its error to its caller only; the next task with that key still runs', async () => {
		const serializer = new KeyedSerializer();
		const first = serializer.run('x', async () => {
			await tick();
			throw new Error('boom');
		});
		const second = serializer.run('x', async () => 'ran');
		await expect(first).rejects.toThrow('boom');
		await expect(second).resolves.toBe('ran');
	});
});

describe('CreateLog: has another run created a name since a listing was sent?', () => {
	it('a create by another run after the listing counts; one before it, or by the same run, does not', () => {
		const log = new CreateLog();
		log.record('before', 1);
		const listedAt = log.now();
		log.record('after', 2);
		log.record('mine', 1);
		expect(log.createdSince('before', listedAt, 1)).toBe(false);
		expect(log.createdSince('after', listedAt, 1)).toBe(true);
		expect(log.createdSince('mine', listedAt, 1)).toBe(false);
		expect(log.createdSince('never', listedAt, 1)).toBe(false);
	});

	it('holds at most maxKeys keys; a forgotten key counts as created since any older listing', () => {
		const log = new CreateLog(2);
		const listedAt = log.now();
		log.record('a', 2);
		log.record('b', 2);
		log.record('c', 2);
		expect(log.createdSince('a', listedAt, 1)).toBe(true);
		expect(log.createdSince('a', log.now(), 1)).toBe(false);
	});
});

describe('listedPastOurs: has a newest-first listing gone past the run’s own connections?', () => {
	const ours = new Set(['m1', 'm2']);
	it('only once every one of ours is listed and the last one listed is older than the window', () => {
		const page = [
			{ id: 'm2', createdAt: 10_000 },
			{ id: 'm1', createdAt: 9_000 },
			{ id: 'x', createdAt: 8_500 },
		];
		expect(listedPastOurs(page, ours, 1_000)).toBe(false);
		expect(listedPastOurs([...page, { id: 'y', createdAt: 7_999 }], ours, 1_000)).toBe(true);
		expect(listedPastOurs(page.slice(0, 1), ours, 0)).toBe(false);
	});

	it('never when a time is missing', () => {
		expect(
			listedPastOurs(
				[{ id: 'm1' }, { id: 'm2', createdAt: 5 }, { id: 'z', createdAt: 1 }],
				ours,
				0,
			),
		).toBe(false);
		expect(
			listedPastOurs(
				[{ id: 'm1', createdAt: 9 }, { id: 'm2', createdAt: 5 }, { id: 'z' }],
				ours,
				0,
			),
		).toBe(false);
	});
});
