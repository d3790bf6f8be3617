/** Recovery after an ambiguous failure: Adobe may have applied the request, so look for proof first. Pure. */
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

/** The connection an interrupted create made: matches the attempt and is not in `knownBefore`; else undefined. */
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

/** Whether an interrupted PATCH visibly applied (secrets are masked, so a password-only change cannot be proven). */
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
