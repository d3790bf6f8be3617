/** All mutable emulator state, shared by the routes and the public handle. */
import { DataflowStore } from './dataflow-state';
import { validateTargetConnectionBody, type DataflowLookups } from './dataflow-validation';
import { DATA_LAKE_CONNECTION_SPEC_ID } from './defaults';
import { FlowError } from './errors';
import { FaultQueue } from './faults';
import { ConnectionStore, type Caller } from './state';
import { TokenStore } from './tokens';
import type { RequestLogEntry, ResolvedOptions } from './types';

/** A valid Data Lake target, for seedTargetConnection() without a body. */
export function defaultTargetBody(): Record<string, unknown> {
	return {
		name: 'Emulator dataset target',
		data: {
			schema: {
				id: 'https://ns.adobe.com/emulator/schemas/0f1e2d3c4b5a69788796a5b4c3d2e1f0',
				version: 'application/vnd.adobe.xed-full+json;version=1',
			},
		},
		params: { dataSetId: '5f0c1a2b3c4d5e6f70819203' },
		connectionSpec: { id: DATA_LAKE_CONNECTION_SPEC_ID, version: '1.0' },
	};
}

export class EmulatorCore {
	latencyMs: number;
	tokenLifetimeSeconds: number;
	readonly tokens = new TokenStore();
	readonly store = new ConnectionStore();
	readonly dataflows = new DataflowStore();
	readonly faults = new FaultQueue();
	log: RequestLogEntry[] = [];

	constructor(readonly options: ResolvedOptions) {
		this.latencyMs = options.latencyMs;
		this.tokenLifetimeSeconds = options.tokenLifetimeSeconds;
	}

	setLatency(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0) throw new Error('latency must be a non-negative number of ms');
		this.latencyMs = ms;
	}

	setTokenLifetime(seconds: number): void {
		if (!Number.isFinite(seconds) || seconds < 0) throw new Error('token lifetime must be a non-negative number of seconds');
		this.tokenLifetimeSeconds = seconds;
	}

	markInUse(id: string, inUse = true): void {
		if (!this.store.markInUse(id, inUse)) throw new Error(`No connection with id '${id}'`);
	}

	/** Marked by hand (markInUse), or reached by a flow through a source/target connection. */
	connectionInUse(id: string): boolean {
		return this.store.isInUse(id) || this.dataflows.baseConnectionUsedByFlow(id);
	}

	caller(sandboxName: string): Caller {
		return { clientId: this.options.clientId, orgId: this.options.orgId, sandboxName };
	}

	lookups(sandboxName: string): DataflowLookups {
		return {
			baseConnection: (id) => this.store.get(id, sandboxName),
			sourceConnection: (id) => this.dataflows.sources.get(id, sandboxName),
			targetConnection: (id) => this.dataflows.targets.get(id, sandboxName),
			tables: this.options.tables,
		};
	}

	seedTargetConnection(sandboxName = 'prod', body: unknown = defaultTargetBody()): { id: string; etag: string } {
		if (!this.options.sandboxes.some((s) => s.name === sandboxName)) throw new Error(`Unknown sandbox '${sandboxName}'`);
		try {
			const target = this.dataflows.createTarget(validateTargetConnectionBody(body, this.lookups(sandboxName)), this.caller(sandboxName));
			return { id: target.id, etag: target.etag };
		} catch (err) {
			// Plain Error for the control API and the test handle: say which check failed.
			if (err instanceof FlowError) throw new Error(`FLOW-${err.code}: ${err.message}`);
			throw err;
		}
	}

	reset(): void {
		this.tokens.reset();
		this.store.reset();
		this.dataflows.reset();
		this.faults.clear();
		this.log = [];
		this.latencyMs = this.options.latencyMs;
		this.tokenLifetimeSeconds = this.options.tokenLifetimeSeconds;
	}
}
