/**
 * Runs `worker` over 0..count-1 with at most `limit` in flight and returns the results in
 * index order, so output order (and pairedItem) match the input whatever finishes first.
 */
export async function mapWithConcurrency<T>(count: number, limit: number, worker: (index: number) => Promise<T>): Promise<T[]> {
	const results = new Array<T>(count);
	let next = 0;
	const lanes = Array.from({ length: Math.max(1, Math.min(limit, count)) }, async () => {
		while (next < count) {
			const index = next++;
			results[index] = await worker(index);
		}
	});
	await Promise.all(lanes);
	return results;
}
