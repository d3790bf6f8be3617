/**
 * Runs `worker` over 0..count-1 with at most `limit` in flight; results in index order. After a
 * failure nothing new starts and the first error is thrown.
 */
export async function mapWithConcurrency<T>(
	count: number,
	limit: number,
	worker: (index: number) => Promise<T>,
): Promise<T[]> {
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

/** Runs tasks with the same key one after another, others freely, so same-name creates never overlap. */
export class KeyedSerializer {
	private readonly tails = new Map<string, Promise<unknown>>();

	async run<T>(key: string, task: () => Promise<T>): Promise<T> {
		const previous = this.tails.get(key) ?? Promise.resolve();
		const result = previous.then(task, task);
		const tail = result.then(
			() => undefined,
			() => undefined,
		);
		this.tails.set(key, tail);
		try {
			return await result;
		} finally {
			// The last task of a key cleans up, so the map holds only keys with work pending.
			if (this.tails.get(key) === tail) this.tails.delete(key);
		}
	}
}
