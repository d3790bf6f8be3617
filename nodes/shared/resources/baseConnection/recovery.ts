/**
 * Recovery after an ambiguous failure (timeout, reset, 5xx, unreadable answer): Adobe may have
 * applied the request before it failed, so before sending it again, or before reporting a failure,
 * the node looks for proof in what Adobe lists. Pure, so each rule is unit-tested without a server.
 */
import type { IDataObject } from 'n8n-workflow';

import type { CreateConnectionBody } from './body';
import type { ConnectionChanges } from './validation';

/** How far Adobe's clock (ms) may be behind ours when we look for a connection made in this run. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * After an ambiguous create failure: is this listed connection the one our POST made?
 * Same name and same sign-in target (the password is masked in listings), created since we sent it.
 */
export function isConnectionFromAttempt(
	stored: { name?: unknown; createdAt?: unknown; auth?: { params?: IDataObject } },
	body: CreateConnectionBody,
	sentAtMs: number,
): boolean {
	if (stored.name !== body.name) return false;
	if (typeof stored.createdAt === 'number' && stored.createdAt < sentAtMs - CLOCK_SKEW_MS)
		return false;
	const params = stored.auth?.params;
	if (!params) return true;
	const sent = body.auth.params;
	return (['server', 'port', 'username', 'database', 'schema'] as const).every(
		(key) => params[key] === undefined || String(params[key]) === String(sent[key] ?? ''),
	);
}

/**
 * The connection an interrupted create made, among those listed under its name: one that matches
 * the attempt (isConnectionFromAttempt) and is not in `knownBefore`, the IDs listed before the POST.
 * Without that exclusion a same-name connection made by another run within CLOCK_SKEW_MS would be
 * taken for ours. Undefined when none is found (then the create may be sent again).
 */
export function findCreatedConnection<
	C extends { id: string; name?: unknown; createdAt?: unknown; auth?: { params?: IDataObject } },
>(
	listed: C[],
	body: CreateConnectionBody,
	sentAtMs: number,
	knownBefore: ReadonlySet<string>,
): C | undefined {
	return listed.find(
		(stored) => !knownBefore.has(stored.id) && isConnectionFromAttempt(stored, body, sentAtMs),
	);
}

/**
 * After an interrupted PATCH whose retry met a changed etag: does the connection provably carry our
 * changes? Only visible values count. Adobe masks secrets, so a password-only change can never be
 * proven this way (another writer's etag looks the same) and returns false.
 */
export function changesAlreadyApplied(
	current: { name?: unknown; description?: unknown; auth?: { params?: IDataObject } },
	changes: ConnectionChanges,
): boolean {
	if (changes.name !== undefined && current.name !== changes.name) return false;
	if (changes.description !== undefined && current.description !== changes.description)
		return false;
	const params = current.auth?.params ?? {};
	let visible = changes.name !== undefined || changes.description !== undefined;
	for (const [key, value] of Object.entries(changes.params)) {
		if (key === 'password' || value === undefined) continue;
		if (String(params[key]) !== String(value)) return false;
		visible = true;
	}
	return visible;
}
