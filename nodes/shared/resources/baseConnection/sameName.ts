/**
 * The run-level view of a sandbox's Redshift connections by name, for "If a Connection With This
 * Name Exists": one listing per sandbox and run, the process's create log, and race settling. Pure.
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

/** Listing pages a run may spend on one sandbox: at most its item count and `maxPages`; 0 for one item. */
export function listingPageBudget(itemCount: number, maxPages: number): number {
	return itemCount < 2 ? 0 : Math.min(maxPages, itemCount);
}

/**
 * The process's latest create per (sandbox, name), so a run with an older listing looks the name up
 * again (two executions on one worker). Holds at most `maxKeys` keys.
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
 * Whether a newest-first listing settles a run's races: all of `ours` listed, and the last listed
 * created over `windowMs` (ms) before the oldest of ours (`createdAt`, epoch ms).
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
