/** Stored source connections, target connections and flows, per sandbox (no update or delete: not emulated). */
import type { FlowFields, SourceConnectionFields, TargetConnectionFields } from './dataflow-validation';
import { newResourceMeta as meta, type Caller } from './state';
import type { StoredFlow, StoredSourceConnection, StoredTargetConnection } from './types';

/** One kind of object: insertion-ordered, visible only from its own sandbox. */
export class Collection<T extends { id: string; sandboxName: string }> {
	private readonly byId = new Map<string, T>();

	add(item: T): T {
		this.byId.set(item.id, item);
		return item;
	}

	get(id: string, sandboxName: string): T | undefined {
		const item = this.byId.get(id);
		return item && item.sandboxName === sandboxName ? item : undefined;
	}

	/** Insertion order, which is creation order. */
	inSandbox(sandboxName: string): T[] {
		return this.values().filter((item) => item.sandboxName === sandboxName);
	}

	delete(id: string): void {
		this.byId.delete(id);
	}

	values(): T[] {
		return [...this.byId.values()];
	}

	all(): T[] {
		return this.values().map((item) => structuredClone(item));
	}

	clear(): void {
		this.byId.clear();
	}
}

export class DataflowStore {
	readonly sources = new Collection<StoredSourceConnection>();
	readonly targets = new Collection<StoredTargetConnection>();
	readonly flows = new Collection<StoredFlow>();

	createSource(fields: SourceConnectionFields, caller: Caller): StoredSourceConnection {
		return this.sources.add({ ...meta(caller), ...structuredClone(fields) });
	}

	createTarget(fields: TargetConnectionFields, caller: Caller): StoredTargetConnection {
		return this.targets.add({ ...meta(caller), ...structuredClone(fields) });
	}

	createFlow(fields: FlowFields, caller: Caller): StoredFlow {
		return this.flows.add({ ...meta(caller), ...structuredClone(fields) });
	}

	/**
	 * Whether a flow reaches this base connection through one of its source or target connections;
	 * Adobe then refuses to delete the base connection (FLOW-1418-400).
	 */
	baseConnectionUsedByFlow(baseConnectionId: string): boolean {
		return this.flows.values().some((f) =>
			f.sourceConnectionIds.some((id) => this.sources.get(id, f.sandboxName)?.baseConnectionId === baseConnectionId) ||
			f.targetConnectionIds.some((id) => this.targets.get(id, f.sandboxName)?.baseConnectionId === baseConnectionId),
		);
	}

	reset(): void {
		this.sources.clear();
		this.targets.clear();
		this.flows.clear();
	}
}
