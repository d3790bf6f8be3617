/**
 * The run-level view of a sandbox's Redshift connections, by name, for "If a Connection With This
 * Name Exists": one listing per sandbox and run, matched here, plus the connections this run made.
 * Pure, so the matching is unit-tested without a server.
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
