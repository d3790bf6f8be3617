import type { IDataObject } from 'n8n-workflow';

import { REDSHIFT_CONNECTION_SPEC } from '../../shared/constants';
import type { Hosting } from './fields';
import type { CreateConnectionBody } from './payload';
import type { ConnectionChanges } from './validation';

export interface ConnectionOutput extends IDataObject {
	id: string;
	etag: string;
	name: string;
	hosting: Hosting;
	sandboxName: string;
	connectionSpec: { id: string; version: string };
}

/** What the next node needs: never the password or any other auth parameter. */
export function connectionOutput(id: string, etag: string, name: string, hosting: Hosting, sandboxName: string): ConnectionOutput {
	return {
		id,
		etag,
		name,
		hosting,
		sandboxName,
		connectionSpec: { id: REDSHIFT_CONNECTION_SPEC.id, version: REDSHIFT_CONNECTION_SPEC.version },
	};
}

/** How far Adobe's clock may be behind ours when we look for a connection made in this run. */
const CLOCK_SKEW_MS = 5 * 60_000;

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
	if (typeof stored.createdAt === 'number' && stored.createdAt < sentAtMs - CLOCK_SKEW_MS) return false;
	const params = stored.auth?.params;
	if (!params) return true;
	const sent = body.auth.params;
	return (['server', 'port', 'username', 'database', 'schema'] as const).every(
		(key) => params[key] === undefined || String(params[key]) === String(sent[key] ?? ''),
	);
}

/** A listed/fetched connection for output: Adobe masks secrets, and we drop them regardless. */
export function publicConnection(stored: IDataObject, sandboxName: string): IDataObject {
	const copy = JSON.parse(JSON.stringify(stored)) as IDataObject;
	const auth = copy.auth as { params?: IDataObject } | undefined;
	if (auth?.params) delete auth.params.password;
	const hosting = auth?.params && 'schema' in auth.params ? 'aws' : 'azure';
	return { ...copy, hosting, sandboxName: (copy.sandboxName as string | undefined) ?? sandboxName };
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
	if (changes.description !== undefined && current.description !== changes.description) return false;
	const params = current.auth?.params ?? {};
	let visible = changes.name !== undefined || changes.description !== undefined;
	for (const [key, value] of Object.entries(changes.params)) {
		if (key === 'password' || value === undefined) continue;
		if (String(params[key]) !== String(value)) return false;
		visible = true;
	}
	return visible;
}
