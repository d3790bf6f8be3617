/** Public types of the Flow Service + IMS emulator (dev/test only). */

export type Hosting = 'azure' | 'aws' | 'any';

export type ColumnType = 'string' | 'integer' | 'long' | 'double' | 'boolean' | 'date' | 'timestamp';

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
	tables?: EmulatorTable[];
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
	tables: EmulatorTable[];
	host: string;
	port: number;
}

export type FaultKind = 'reset-before' | 'reset-after' | 'malformed-json' | 'hang';

export type Fault =
	| { status: number; headers?: Record<string, string>; body?: unknown }
	| { kind: FaultKind };

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
	/** Epoch ms of arrival. */
	at: number;
}

export interface StoredConnection {
	id: string;
	name: string;
	description?: string;
	state: 'enabled' | 'disabled';
	connectionSpec: { id: string; version: string };
	auth: { specName: string; params: Record<string, string> };
	etag: string;
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
	failNext(match: FaultMatch, count: number, fault: Fault): void;
	/** Marks a connection as used by a dataflow, so DELETE answers FLOW-1418-400. */
	markInUse(id: string, inUse?: boolean): void;
	/** Clears connections, log, tokens (and the counter), faults, in-use marks; restores latency and token lifetime. */
	reset(): void;
	close(): Promise<void>;
}
