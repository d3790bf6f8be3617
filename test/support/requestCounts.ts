/** Platform requests counted by kind ("METHOD path", IDs replaced by {id}), for exact request-count tests and the bench. */

/** An object ID in a path: a UUID, 24 hex digits (Catalog) or 32 hex digits (Data Prep). */
const ID_SEGMENT =
	/^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{24}|[0-9a-f]{32})$/i;

/** "METHOD path" with each ID segment (and URL-encoded schema $id) as {id}. */
export function requestKind(entry: { method: string; path: string }): string {
	const path = entry.path
		.split('/')
		.map((segment) => (ID_SEGMENT.test(segment) || segment.includes('%2F') ? '{id}' : segment))
		.join('/');
	return `${entry.method} ${path}`;
}

/** How many requests of each kind, keys sorted. */
export function countByKind(
	entries: ReadonlyArray<{ method: string; path: string }>,
): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const entry of entries) {
		const kind = requestKind(entry);
		counts[kind] = (counts[kind] ?? 0) + 1;
	}
	return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
