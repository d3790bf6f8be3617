/** Stored base connections, per sandbox, plus the "used by a dataflow" marks. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

import { SECRET_PARAMS } from './spec';
import type { StoredConnection, StoredMeta } from './types';
import type { ConnectionFields } from './validation';

/** Adobe-style etag, quote characters included: "\"1700ce7b-0000-0200-0000-5e3b405e0000\"". */
export function newEtag(): string {
	const seconds = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0');
	return `"${randomBytes(4).toString('hex')}-0000-0200-0000-${seconds}0000"`;
}

/** Stable per-sandbox id, so every connection in one sandbox carries the same sandboxId. */
export function sandboxId(name: string): string {
	const h = createHash('sha256').update(`sandbox:${name}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The GET view: secrets are omitted from auth.params, as the real service never returns them. */
export function publicView(conn: StoredConnection): StoredConnection {
	const copy = structuredClone(conn);
	for (const name of SECRET_PARAMS) delete copy.auth.params[name];
	return copy;
}

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

export class ConnectionStore {
	private readonly byId = new Map<string, StoredConnection>();
	private readonly inUse = new Set<string>();

	create(fields: ConnectionFields, caller: Caller): StoredConnection {
		const conn: StoredConnection = {
			...newResourceMeta(caller),
			name: fields.name,
			...(fields.description !== undefined ? { description: fields.description } : {}),
			connectionSpec: { ...fields.connectionSpec },
			auth: { specName: fields.auth.specName, params: { ...fields.auth.params } },
		};
		this.byId.set(conn.id, conn);
		return conn;
	}

	/** Only visible from the sandbox it was created in. */
	get(id: string, sandboxName: string): StoredConnection | undefined {
		const conn = this.byId.get(id);
		return conn && conn.sandboxName === sandboxName ? conn : undefined;
	}

	/** Insertion order, which is creation order. */
	inSandbox(sandboxName: string): StoredConnection[] {
		return [...this.byId.values()].filter((c) => c.sandboxName === sandboxName);
	}

	update(conn: StoredConnection, fields: ConnectionFields, clientId: string): StoredConnection {
		let etag = newEtag();
		while (etag === conn.etag) etag = newEtag();
		conn.name = fields.name;
		if (fields.description !== undefined) conn.description = fields.description;
		else delete conn.description;
		conn.auth = { specName: fields.auth.specName, params: { ...fields.auth.params } };
		conn.etag = etag;
		conn.updatedAt = Math.max(Date.now(), conn.updatedAt);
		conn.updatedBy = `${clientId}@AdobeID`;
		conn.updatedClient = clientId;
		return conn;
	}

	delete(id: string): void {
		this.byId.delete(id);
		this.inUse.delete(id);
	}

	isInUse(id: string): boolean {
		return this.inUse.has(id);
	}

	markInUse(id: string, inUse: boolean): boolean {
		if (!this.byId.has(id)) return false;
		if (inUse) this.inUse.add(id);
		else this.inUse.delete(id);
		return true;
	}

	all(): StoredConnection[] {
		return [...this.byId.values()].map((c) => structuredClone(c));
	}

	count(): number {
		return this.byId.size;
	}

	reset(): void {
		this.byId.clear();
		this.inUse.clear();
	}
}
