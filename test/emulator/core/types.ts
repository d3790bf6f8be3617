/** Public types of the Flow Service + IMS emulator (dev/test only). */
import type { StoredDataset } from '../catalog/datasets';
import type { RateLimit } from './rateLimit';
import type { StoredMappingSet } from '../mappingSets/mappingSets';
import type { RunOutcome, RunStep, StoredRun } from '../runs/runs';
import type { XdmSchema } from '../schemaRegistry/schemas';

export type { RunOutcome, RunStep, StoredDataset, StoredMappingSet, StoredRun, XdmSchema };

export type Hosting = 'azure' | 'aws' | 'any';

export type ColumnType =
	| 'string'
	| 'integer'
	| 'long'
	| 'double'
	| 'boolean'
	| 'date'
	| 'timestamp';

export interface EmulatorTable {
	/** Fully qualified name, e.g. 'public.orders'; used as `name` and `path` in explore. */
	path: string;
	columns: Array<{ name: string; type: ColumnType }>;
}

export interface EmulatorSandbox {
	name: string;
	title: string;
	type?: 'production' | 'development';
	isDefault?: boolean;
}

export interface EmulatorOptions {
	clientId?: string;
	clientSecret?: string;
	orgId?: string;
	/** Required scope set, comma-separated. */
	scopes?: string;
	sandboxes?: EmulatorSandbox[];
	/** 'any': schema optional; 'aws': schema required; 'azure': schema rejected. */
	hosting?: Hosting;
	tokenLifetimeSeconds?: number;
	latencyMs?: number;
	/** Answer 429 + Retry-After above this rate (Platform APIs only); default: no limit. */
	rateLimit?: RateLimit;
	tables?: EmulatorTable[];
	/** Schema Registry content (xed-full form), the same in every sandbox; default DEFAULT_SCHEMAS. */
	schemas?: XdmSchema[];
	/**
	 * Refuse a flow `startTime` in the past (FLOW-1360-400). Off by default: Adobe lists the error, but
	 * its own examples create flows with past start times (dataflow-chain.md, open question 8).
	 */
	rejectPastStartTime?: boolean;
	host?: string;
	port?: number;
}

export interface ResolvedOptions {
	clientId: string;
	clientSecret: string;
	orgId: string;
	scopes: string;
	sandboxes: Array<Required<EmulatorSandbox>>;
	hosting: Hosting;
	tokenLifetimeSeconds: number;
	latencyMs: number;
	rateLimit?: Required<RateLimit>;
	tables: EmulatorTable[];
	schemas: XdmSchema[];
	rejectPastStartTime: boolean;
	host: string;
	port: number;
}

/**
 * reset-before: socket closed unprocessed; reset-after: processed, then closed; malformed-json: body cut in half;
 * hang: no answer; drip: processed, then the answer sent one byte per `intervalMs` (default 1000); endless-page: 200 with
 * no items and a new continuation link each time (a listing that never ends); twin-before: the same request is
 * processed twice, the first answer dropped (another worker's identical create lands a few ms earlier), then answered.
 */
export type FaultKind =
	| 'reset-before'
	| 'reset-after'
	| 'malformed-json'
	| 'hang'
	| 'drip'
	| 'endless-page'
	| 'twin-before';

export type Fault =
	| { status: number; headers?: Record<string, string>; body?: unknown }
	| { kind: FaultKind; intervalMs?: number };

export interface FaultMatch {
	/** Case-insensitive; any method when absent. */
	method?: string;
	/** Exact path (no query string) or a RegExp tested against the path. */
	path: string | RegExp;
}

export interface RequestLogEntry {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	/** Lower-case names, as received. */
	headers: Record<string, string>;
	/** Raw request body, exactly as received. */
	body: string;
	/** Status produced by the emulator; 0 when no response was produced (reset-before, hang). */
	status: number;
	/** Set when an injected fault handled this request. */
	fault?: string;
	/** Set when the rate limit answered 429 (the request was not processed). */
	throttled?: boolean;
	/** Epoch ms of arrival. */
	at: number;
}

export interface StoredConnection extends StoredMeta {
	name: string;
	description?: string;
	connectionSpec: { id: string; version: string };
	auth: { specName: string; params: Record<string, string> };
}

/** Who made a Flow Service object, and where it lives; the same fields Adobe returns on every one. */
export interface StoredMeta {
	id: string;
	etag: string;
	state: 'enabled' | 'disabled';
	createdAt: number;
	updatedAt: number;
	createdBy: string;
	updatedBy: string;
	createdClient: string;
	updatedClient: string;
	sandboxId: string;
	sandboxName: string;
	imsOrgId: string;
}

export interface SourceColumn {
	name: string;
	type: string;
	xdm: { type: string; format?: string };
	'meta:xdmType'?: string;
}

export interface StoredSourceConnection extends StoredMeta {
	name: string;
	description?: string;
	baseConnectionId: string;
	data: { format: 'tabular' };
	params: { tableName: string; columns: SourceColumn[]; cdcEnabled?: boolean };
	connectionSpec: { id: string; version: string };
}

export interface StoredTargetConnection extends StoredMeta {
	name: string;
	description?: string;
	baseConnectionId?: string;
	data: { schema: { id: string; version: string }; format?: string };
	params: { dataSetId: string };
	connectionSpec: { id: string; version: string };
}

export interface FlowTransformation {
	name: 'Copy' | 'Mapping';
	params: Record<string, unknown>;
}

export interface StoredFlow extends StoredMeta {
	name: string;
	description?: string;
	flowSpec: { id: string; version: string };
	sourceConnectionIds: string[];
	targetConnectionIds: string[];
	transformations: FlowTransformation[];
	/** As sent (Adobe's own examples send the numbers as strings, its flow spec types them as integers). */
	scheduleParams: Record<string, unknown>;
	/** Partial ingestion / error diagnostics, set on create or by PATCH. */
	options?: Record<string, unknown>;
}

/** A run for seedRuns: its start (epoch ms), how it ended (or `inProgress`), its duration (ms, default 1000). */
export interface RunSeed {
	startedAt: number;
	status: 'success' | 'failed' | 'inProgress';
	durationMs?: number;
}

export interface StartedEmulator {
	/** 'http://127.0.0.1:PORT'; use as both imsUrl and platformUrl. */
	baseUrl: string;
	/** baseUrl + '/data/foundation/flowservice'. */
	flowServiceUrl: string;
	options: ResolvedOptions;
	tokensIssued(): number;
	requests(): RequestLogEntry[];
	/** Requests other than /ims/... and /__emulator/... */
	platformRequests(): RequestLogEntry[];
	/** Stored connections, secrets included (for assertions). */
	connections(): StoredConnection[];
	revokeAllTokens(): void;
	/** Applies to tokens issued afterwards. */
	setTokenLifetime(seconds: number): void;
	setLatency(ms: number): void;
	/**
	 * Requests matching `match` wait `ms` before they are processed (0 removes the wait), e.g. the
	 * create routes, so that concurrent list-then-create sequences interleave.
	 */
	setRouteLatency(match: FaultMatch, ms: number): void;
	/** Answer 429 + Retry-After above `limit` (a new, full bucket), or no limit with undefined. */
	setRateLimit(limit: RateLimit | undefined): void;
	failNext(match: FaultMatch, count: number, fault: Fault): void;
	/** Drops every pending fault. */
	clearFaults(): void;
	/** Marks a connection as used by a dataflow, so DELETE answers FLOW-1418-400. */
	markInUse(id: string, inUse?: boolean): void;
	/** Stored dataflow objects, all sandboxes, in creation order. */
	sourceConnections(): StoredSourceConnection[];
	targetConnections(): StoredTargetConnection[];
	flows(): StoredFlow[];
	/**
	 * Creates a target connection without going through the gateway (the emulator has no datasets
	 * to create one "for real"). `body` defaults to a valid Data Lake target; it is validated like
	 * POST /targetConnections and a bad one throws.
	 */
	seedTargetConnection(options?: { sandboxName?: string; body?: unknown }): {
		id: string;
		etag: string;
	};
	/** A dataset as POST /dataSets creates it (default: one of the default orders schema). A bad body throws. */
	seedDataset(options?: { sandboxName?: string; body?: unknown }): { id: string };
	/** A mapping set as POST /mappingSets creates it (default: public.orders -> the orders schema). */
	seedMappingSet(options?: { sandboxName?: string; body?: unknown }): {
		id: string;
		version: number;
	};
	/** Starts a run of a flow (any sandbox) as the scheduler would: status inProgress. */
	startRun(flowId: string): { id: string; etag: string };
	/** Ends a scheduled or running run as success or failed, with optional counts, errors and duration. */
	finishRun(runId: string, outcome: RunOutcome): StoredRun;
	/** Stores runs of a flow directly (fast, for large backlogs): each started at `startedAt` (epoch ms), ended unless `inProgress`. Answers their IDs. */
	seedRuns(flowId: string, runs: RunSeed[]): string[];
	/** Runs' times (start, end) come from the host's clock plus `ms`: Adobe's clock ahead (> 0) or behind (< 0). */
	setClockOffset(ms: number): void;
	/** Calls `hook` on each GET /runs before answering it (undefined: none), e.g. to start runs mid-poll. */
	onRunListing(hook: ((query: URLSearchParams) => void) | undefined): void;
	/**
	 * Each on-demand run started from now on goes through `steps`, one per GET /runs/{id} of it
	 * (before that GET is answered): 'inProgress', or an outcome that ends it; when they run out it
	 * stays as it is. undefined: on-demand runs stay scheduled (the default).
	 */
	scriptOnDemandRuns(steps: RunStep[] | undefined): void;
	datasets(): StoredDataset[];
	mappingSets(): StoredMappingSet[];
	runs(): StoredRun[];
	/** Clears connections (base, source, target), flows, datasets, mapping sets, runs, log, tokens (and the counter), faults, route latencies, in-use marks; restores latency and token lifetime. */
	reset(): void;
	close(): Promise<void>;
}
