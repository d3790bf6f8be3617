import { KeyedSerializer } from '../../nodes/shared/concurrency';
import {
	listingPageBudget,
	SameNameIndex,
	type NamedConnection,
} from '../../nodes/AdobeRedshiftConnection/helpers/sameName';

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
