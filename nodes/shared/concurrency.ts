/**
 * Runs `worker` over 0..count-1 with at most `limit` in flight and returns the results in
 * index order, so output order (and pairedItem) match the input whatever finishes first.
 * After a failure no new index starts; the ones in flight finish, then the first error is thrown,
 * so nothing keeps calling Adobe after the node has failed.
 */
export async function mapWithConcurrency<T>(count: number, limit: number, worker: (index: number) => Promise<T>): Promise<T[]> {
	const results = new Array<T>(count);
	let next = 0;
	let failure: { error: unknown } | undefined;
	const lanes = Array.from({ length: Math.max(1, Math.min(limit, count)) }, async () => {
		while (next < count && !failure) {
			const index = next++;
			try {
				results[index] = await worker(index);
			} catch (error) {
				failure ??= { error };
			}
		}
	});
	await Promise.all(lanes);
	if (failure) throw failure.error;
	return results;
}
