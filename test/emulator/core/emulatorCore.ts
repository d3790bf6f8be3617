/** All mutable emulator state, shared by the routes and the public handle. */
import { createDataset, type StoredDataset } from '../catalog/datasets';
import { TokenStore } from '../ims/tokens';
import {
	createMappingSet,
	MAPPING_SCHEMA_CONTENT_TYPE,
	type StoredMappingSet,
} from '../mappingSets/mappingSets';
import type { RunStep, StoredRun } from '../runs/runs';
import { validateTargetConnectionBody } from '../targetConnections/targetConnections';
import { createValidated } from './objectRoutes';
import { DATA_LAKE_CONNECTION_SPEC_ID } from './defaults';
import { FlowError } from './errors';
import { FaultQueue, RouteLatency } from './faults';
import { TokenBucket, type RateLimit } from './rateLimit';
import type { DataflowLookups } from './lookups';
import { Collection, type Caller } from './store';
import type {
	RequestLogEntry,
	ResolvedOptions,
	StoredConnection,
	StoredFlow,
	StoredSourceConnection,
	StoredTargetConnection,
} from './types';

/** The schema seeded resources use by default: the first of DEFAULT_SCHEMAS (orders). */
export const DEFAULT_SCHEMA_ID =
	'https://ns.adobe.com/emulator/schemas/0f1e2d3c4b5a69788796a5b4c3d2e1f0';

/** A valid Data Lake target for a dataset of the default schema, for seedTargetConnection() without a body. */
export function defaultTargetBody(dataSetId: string): Record<string, unknown> {
	return {
		name: 'Emulator dataset target',
		data: {
			schema: { id: DEFAULT_SCHEMA_ID, version: 'application/vnd.adobe.xed-full+json;version=1' },
		},
		params: { dataSetId },
		connectionSpec: { id: DATA_LAKE_CONNECTION_SPEC_ID, version: '1.0' },
	};
}

/** A valid mapping set from public.orders to the default schema, for seedMappingSet() without a body. */
export function defaultMappingSetBody(): Record<string, unknown> {
	const pairs: Array<[string, string]> = [
		['order_id', '_emulator.orderId'],
		['customer_id', '_emulator.customerId'],
		['quantity', '_emulator.quantity'],
		['total', '_emulator.total'],
		['paid', '_emulator.paid'],
		['ordered_at', '_emulator.orderedAt'],
	];
	return {
		outputSchema: {
			schemaRef: { id: DEFAULT_SCHEMA_ID, contentType: MAPPING_SCHEMA_CONTENT_TYPE },
		},
		mappings: pairs.map(([source, destination]) => ({
			sourceType: 'ATTRIBUTE',
			source,
			destination,
		})),
	};
}

/** Plain Error for the control API and the test handle: say which check failed. */
function plain<T>(run: () => T): T {
	try {
		return run();
	} catch (err) {
		if (err instanceof FlowError) throw new Error(`${err.service}-${err.code}: ${err.message}`);
		throw err;
	}
}

export class EmulatorCore {
	latencyMs: number;
	tokenLifetimeSeconds: number;
	readonly tokens = new TokenStore();
	readonly connections = new Collection<StoredConnection>();
	/** Base connections marked "used by a dataflow" by hand (markInUse). */
	readonly markedInUse = new Set<string>();
	readonly sourceConnections = new Collection<StoredSourceConnection>();
	readonly targetConnections = new Collection<StoredTargetConnection>();
	readonly flows = new Collection<StoredFlow>();
	readonly datasets = new Collection<StoredDataset>();
	readonly mappingSets = new Collection<StoredMappingSet>();
	readonly runs = new Collection<StoredRun>();
	readonly faults = new FaultQueue();
	/** Waits before processing, per route (setRouteLatency). */
	readonly routeLatency = new RouteLatency();
	log: RequestLogEntry[] = [];
	/** Added to the host's clock for run times (ms): Adobe's clock ahead (> 0) or behind (< 0) n8n's. */
	clockOffsetMs = 0;
	/** Called on each GET /runs before it is answered (tests start runs "while a listing is served"). */
	runListingHook?: (query: URLSearchParams) => void;
	/** The states each new on-demand run goes through, one per GET of it (scriptOnDemandRuns); undefined: it stays scheduled. */
	onDemandRunScript?: RunStep[];
	/** The steps a run has still to go through, by run ID. */
	readonly runScripts = new Map<string, RunStep[]>();

	constructor(readonly options: ResolvedOptions) {
		this.latencyMs = options.latencyMs;
		this.setRateLimit(options.rateLimit);
		this.tokenLifetimeSeconds = options.tokenLifetimeSeconds;
	}

	/** The gateway's rate limit (Platform APIs only); undefined: none. */
	rateLimit?: TokenBucket;

	setRateLimit(limit: RateLimit | undefined): void {
		this.rateLimit = limit === undefined ? undefined : new TokenBucket(limit, Date.now());
	}

	/** The emulated Adobe clock (epoch ms): the host's plus clockOffsetMs. */
	now(): number {
		return Date.now() + this.clockOffsetMs;
	}

	setClockOffset(ms: number): void {
		if (!Number.isFinite(ms)) throw new Error('clock offset must be a number of ms');
		this.clockOffsetMs = ms;
	}

	setLatency(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0)
			throw new Error('latency must be a non-negative number of ms');
		this.latencyMs = ms;
	}

	setTokenLifetime(seconds: number): void {
		if (!Number.isFinite(seconds) || seconds < 0)
			throw new Error('token lifetime must be a non-negative number of seconds');
		this.tokenLifetimeSeconds = seconds;
	}

	markInUse(id: string, inUse = true): void {
		if (!this.connections.has(id)) throw new Error(`No connection with id '${id}'`);
		if (inUse) this.markedInUse.add(id);
		else this.markedInUse.delete(id);
	}

	/** Marked by hand (markInUse), or reached by a flow through a source/target connection. */
	connectionInUse(id: string): boolean {
		return this.markedInUse.has(id) || this.baseConnectionUsedByFlow(id);
	}

	/**
	 * Whether a flow reaches this base connection through one of its source or target connections;
	 * Adobe then refuses to delete the base connection (FLOW-1418-400).
	 */
	private baseConnectionUsedByFlow(baseConnectionId: string): boolean {
		return this.flows
			.values()
			.some(
				(f) =>
					f.sourceConnectionIds.some(
						(id) =>
							this.sourceConnections.get(id, f.sandboxName)?.baseConnectionId === baseConnectionId,
					) ||
					f.targetConnectionIds.some(
						(id) =>
							this.targetConnections.get(id, f.sandboxName)?.baseConnectionId === baseConnectionId,
					),
			);
	}

	/** Emulator choice: a source or target connection that a flow still uses cannot be deleted (1418-400). */
	usedByFlow(sandboxName: string, id: string): boolean {
		return this.flows
			.inSandbox(sandboxName)
			.some((f) => f.sourceConnectionIds.includes(id) || f.targetConnectionIds.includes(id));
	}

	caller(sandboxName: string): Caller {
		return { clientId: this.options.clientId, orgId: this.options.orgId, sandboxName };
	}

	lookups(sandboxName: string): DataflowLookups {
		return {
			baseConnection: (id) => this.connections.get(id, sandboxName),
			sourceConnection: (id) => this.sourceConnections.get(id, sandboxName),
			targetConnection: (id) => this.targetConnections.get(id, sandboxName),
			tables: this.options.tables,
			dataset: (id) => this.datasets.get(id, sandboxName),
			mappingSet: (id) => this.mappingSets.get(id, sandboxName),
			rejectPastStartTime: this.options.rejectPastStartTime,
		};
	}

	private checkSandbox(sandboxName: string): void {
		if (!this.options.sandboxes.some((s) => s.name === sandboxName))
			throw new Error(`Unknown sandbox '${sandboxName}'`);
	}

	/** Without a body: a dataset of the default schema is created first, then a target for it. */
	seedTargetConnection(sandboxName = 'prod', body?: unknown): { id: string; etag: string } {
		this.checkSandbox(sandboxName);
		return plain(() => {
			const target = body ?? defaultTargetBody(this.seedDataset(sandboxName).id);
			const created = createValidated(
				this,
				this.targetConnections,
				validateTargetConnectionBody,
				sandboxName,
				target,
			);
			return { id: created.id, etag: created.etag };
		});
	}

	/** A dataset as POST /dataSets would create it; default: one of the default schema. */
	seedDataset(sandboxName = 'prod', body?: unknown): { id: string } {
		this.checkSandbox(sandboxName);
		const fields = body ?? {
			name: `Emulator orders ${this.datasets.values().length + 1}`,
			schemaRef: { id: DEFAULT_SCHEMA_ID, contentType: 'application/vnd.adobe.xed+json;version=1' },
		};
		return { id: plain(() => createDataset(this, sandboxName, fields)).id };
	}

	/** A mapping set as POST /mappingSets would create it; default: public.orders -> the default schema. */
	seedMappingSet(
		sandboxName = 'prod',
		body: unknown = defaultMappingSetBody(),
	): { id: string; version: number } {
		this.checkSandbox(sandboxName);
		const set = plain(() => createMappingSet(this, sandboxName, body));
		return { id: set.id, version: set.version };
	}

	reset(): void {
		this.tokens.reset();
		for (const collection of [
			this.connections,
			this.sourceConnections,
			this.targetConnections,
			this.flows,
			this.datasets,
			this.mappingSets,
			this.runs,
		])
			collection.clear();
		this.markedInUse.clear();
		this.faults.clear();
		this.routeLatency.clear();
		this.log = [];
		this.latencyMs = this.options.latencyMs;
		this.setRateLimit(this.options.rateLimit);
		this.tokenLifetimeSeconds = this.options.tokenLifetimeSeconds;
		this.clockOffsetMs = 0;
		this.runListingHook = undefined;
		this.onDemandRunScript = undefined;
		this.runScripts.clear();
	}
}
