import { mapWithConcurrency } from '../../../nodes/shared/kernel/concurrency';

describe('mapWithConcurrency', () => {
	it('keeps input order whatever finishes first, never exceeding the limit', async () => {
		let running = 0;
		let peak = 0;
		const result = await mapWithConcurrency(20, 4, async (index) => {
			running++;
			peak = Math.max(peak, running);
			await new Promise((resolve) => setTimeout(resolve, (20 - index) % 7));
			running--;
			return index * 2;
		});
		expect(result).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
		expect(peak).toBe(4);
	});

	it('runs one at a time with limit 1 and handles zero items', async () => {
		const order: number[] = [];
		await mapWithConcurrency(3, 1, async (index) => order.push(index));
		expect(order).toEqual([0, 1, 2]);
		expect(await mapWithConcurrency(0, 5, async () => 1)).toEqual([]);
	});

	it('propagates the first failure', async () => {
		await expect(
			mapWithConcurrency(5, 2, async (index) => {
				if (index === 3) throw new Error('boom');
				return index;
			}),
		).rejects.toThrow('boom');
	});
});

describe('mapWithConcurrency after a failure', () => {
	it('starts no new work and lets the work in flight finish before throwing', async () => {
		const started: number[] = [];
		const finished: number[] = [];
		const run = mapWithConcurrency(10, 3, async (index) => {
			started.push(index);
			await new Promise((resolve) => setTimeout(resolve, index === 1 ? 5 : 20));
			if (index === 1) throw new Error('item 1 failed');
			finished.push(index);
			return index;
		});
		await expect(run).rejects.toThrow('item 1 failed');
		expect(started.sort()).toEqual([0, 1, 2]);
		expect(finished.sort()).toEqual([0, 2]);
	});
});
