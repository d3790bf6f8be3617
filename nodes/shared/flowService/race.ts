/**
 * Which of several objects racing creates keep (pure): every process that lists the same objects
 * picks the same one, so concurrent executions converge on it.
 */

export type Timed = { createdAt?: unknown; created?: unknown; createdDate?: unknown };

/** An object's creation time in epoch ms (Flow Service `createdAt`, Catalog `created`, Data Prep `createdDate`). */
export function createdTimeOf(object: Timed): number {
	const time = object.createdAt ?? object.created ?? object.createdDate;
	return typeof time === 'number' && Number.isFinite(time) ? time : Number.POSITIVE_INFINITY;
}

/** The object every racer keeps: oldest by creation time (epoch ms), ties by smallest ID; undefined if empty. */
export function raceWinner<T extends { id: string }>(objects: readonly T[]): T | undefined {
	let winner: T | undefined;
	for (const object of objects) {
		if (winner === undefined) {
			winner = object;
			continue;
		}
		const [time, best] = [createdTimeOf(object as Timed), createdTimeOf(winner as Timed)];
		if (time < best || (time === best && object.id < winner.id)) winner = object;
	}
	return winner;
}

/** Objects with exactly `name` first, then the rest oldest first (raceWinner's order); pure. */
export function preferNamed<T extends { id: string; name?: unknown }>(
	objects: readonly T[],
	name: string,
): T[] {
	const rank = (object: T) => (object.name === name ? 0 : 1);
	return [...objects].sort(
		(a, b) =>
			rank(a) - rank(b) ||
			createdTimeOf(a as Timed) - createdTimeOf(b as Timed) ||
			(a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
	);
}
