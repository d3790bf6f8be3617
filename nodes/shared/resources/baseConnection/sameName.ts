/**
 * The run-level view of a sandbox's Redshift connections, by name, for "If a Connection With This
 * Name Exists": one listing per sandbox and run, matched here, plus the connections this run made;
 * the process's log of creates (CreateLog) and when the listing that settles a run's races has read
 * far enough (listedPastOurs). Pure, so the matching is unit-tested without a server.
 */

/** What the index needs of a listed or created connection. */
export interface NamedConnection {
	id: string;
	name?: unknown;
	etag?: unknown;
	connectionSpec?: { id?: unknown };
}

/**
 * Connections by exact name (Adobe's `name==` filter is exact too). `specId`: only connections of
 * this connection spec count; a listing that let others through must not make an item reuse them.
 */
export class SameNameIndex<C extends NamedConnection> {
	private readonly byName = new Map<string, C[]>();

	constructor(
		private readonly specId: string,
		listed: Iterable<C> = [],
	) {
		for (const connection of listed) this.add(connection);
	}

	/** Adds a listed connection (in listing order) or one this run created (`newest`: put first). */
	add(connection: C, newest = false): void {
		if (typeof connection?.id !== 'string' || typeof connection.name !== 'string') return;
		if (connection.connectionSpec !== undefined && connection.connectionSpec.id !== this.specId)
			return;
		const named = this.byName.get(connection.name) ?? [];
		if (named.some((known) => known.id === connection.id)) return;
		if (newest) named.unshift(connection);
		else named.push(connection);
		this.byName.set(connection.name, named);
	}

	/** The connections with exactly this name, newest first when the listing was newest first. */
	named(name: string): C[] {
		return [...(this.byName.get(name) ?? [])];
	}
}

/**
 * How many listing pages a run may spend on its one listing of a sandbox: no more than the items
 * it has (so it never costs more than one lookup per item did), at most `maxPages`. 0 for a run of
 * one item: its own name lookup is as cheap and exact. A sandbox with more connections than the
 * budget is looked up per item name instead.
 */
export function listingPageBudget(itemCount: number, maxPages: number): number {
	return itemCount < 2 ? 0 : Math.min(maxPages, itemCount);
}

/**
 * The process's latest create per key (sandbox + name), in a sequence: a run whose one listing is
 * older than another run's create of a name looks that name up again instead of trusting the
 * listing (two executions on one worker). Holds at most `maxKeys` keys; a forgotten key counts as
 * created after every listing older than what was forgotten.
 */
export class CreateLog {
	private seq = 0;
	private floor = 0;
	private readonly last = new Map<string, { seq: number; run: number }>();

	constructor(private readonly maxKeys = 10_000) {}

	/** The current position: a listing sent now shows every create logged before it. */
	now(): number {
		return this.seq;
	}

	/** Logs a create of `key` by run `run` (answered by Adobe). */
	record(key: string, run: number): void {
		this.last.delete(key);
		this.last.set(key, { seq: ++this.seq, run });
		if (this.last.size <= this.maxKeys) return;
		const [oldest, entry] = this.last.entries().next().value as [string, { seq: number }];
		this.last.delete(oldest);
		this.floor = entry.seq;
	}

	/** Whether a run other than `run` created `key` (or may have) after position `listedAt`. */
	createdSince(key: string, listedAt: number, run: number): boolean {
		const entry = this.last.get(key);
		return entry ? entry.seq > listedAt && entry.run !== run : this.floor > listedAt;
	}
}

/**
 * Whether a newest-first listing read after a run's creates has gone far enough to settle their
 * races: every connection of `ours` is in it, and the last one listed was created more than
 * `windowMs` (ms) before the oldest of ours (Adobe's `createdAt`, epoch ms), so no older
 * same-name connection that the run's "before" listing missed can be further down.
 */
export function listedPastOurs(
	listed: ReadonlyArray<{ id: string; createdAt?: unknown }>,
	ours: ReadonlySet<string>,
	windowMs: number,
): boolean {
	const times = listed.filter((c) => ours.has(c.id)).map((c) => c.createdAt);
	if (times.length < ours.size || !times.every((t) => typeof t === 'number')) return false;
	const last = listed[listed.length - 1]?.createdAt;
	return typeof last === 'number' && last < Math.min(...(times as number[])) - windowMs;
}
