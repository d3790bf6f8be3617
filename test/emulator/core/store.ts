/**
 * The one store every emulated resource uses: a `Collection` per kind of object (insertion-ordered,
 * visible only from its own sandbox), plus the metadata Adobe gives every stored resource.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

import type { StoredMeta } from './types';

/** Adobe-style etag, quote characters included: "\"1700ce7b-0000-0200-0000-5e3b405e0000\"". */
export function newEtag(): string {
	const seconds = Math.floor(Date.now() / 1000)
		.toString(16)
		.padStart(8, '0');
	return `"${randomBytes(4).toString('hex')}-0000-0200-0000-${seconds}0000"`;
}

/** A new etag that differs from `previous` (an update must always change it). */
export function nextEtag(previous: string): string {
	let etag = newEtag();
	while (etag === previous) etag = newEtag();
	return etag;
}

/** Stable per-sandbox id, so every object in one sandbox carries the same sandboxId. */
export function sandboxId(name: string): string {
	const h = createHash('sha256').update(`sandbox:${name}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Who is writing: the audit fields and the sandbox of a new or changed object come from it. */
export interface Caller {
	clientId: string;
	orgId: string;
	sandboxName: string;
}

/** What every stored Flow Service resource carries: id, etag, state, audit fields, sandbox, org. */
export function newResourceMeta(caller: Caller): StoredMeta {
	const now = Date.now();
	return {
		id: randomUUID(),
		etag: newEtag(),
		state: 'enabled',
		createdAt: now,
		updatedAt: now,
		createdBy: `${caller.clientId}@AdobeID`,
		updatedBy: `${caller.clientId}@AdobeID`,
		createdClient: caller.clientId,
		updatedClient: caller.clientId,
		sandboxId: sandboxId(caller.sandboxName),
		sandboxName: caller.sandboxName,
		imsOrgId: caller.orgId,
	};
}

/** Marks an object as changed by `clientId` now: new etag, updatedAt (never backwards), updatedBy/Client. */
export function touch(item: StoredMeta, clientId: string): void {
	item.etag = nextEtag(item.etag);
	item.updatedAt = Math.max(Date.now(), item.updatedAt);
	item.updatedBy = `${clientId}@AdobeID`;
	item.updatedClient = clientId;
}

/** One kind of object: insertion-ordered, visible only from its own sandbox. */
export class Collection<T extends { id: string; sandboxName: string }> {
	private readonly byId = new Map<string, T>();

	add(item: T): T {
		this.byId.set(item.id, item);
		return item;
	}

	/** Only visible from the sandbox it was created in. */
	get(id: string, sandboxName: string): T | undefined {
		const item = this.byId.get(id);
		return item && item.sandboxName === sandboxName ? item : undefined;
	}

	has(id: string): boolean {
		return this.byId.has(id);
	}

	/** Insertion order, which is creation order. */
	inSandbox(sandboxName: string): T[] {
		return this.values().filter((item) => item.sandboxName === sandboxName);
	}

	delete(id: string): void {
		this.byId.delete(id);
	}

	/** The stored objects themselves (for the emulator's own code). */
	values(): T[] {
		return [...this.byId.values()];
	}

	/** Deep copies, every sandbox (for tests and the control API). */
	all(): T[] {
		return this.values().map((item) => structuredClone(item));
	}

	count(): number {
		return this.byId.size;
	}

	clear(): void {
		this.byId.clear();
	}
}

/** A new object of a Flow Service kind: the caller's metadata plus a copy of the validated fields. */
export function createIn<T extends StoredMeta, F extends Omit<T, keyof StoredMeta>>(
	collection: Collection<T>,
	fields: F,
	caller: Caller,
): T {
	return collection.add({ ...newResourceMeta(caller), ...structuredClone(fields) } as unknown as T);
}
