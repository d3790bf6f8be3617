/** All mutable emulator state, shared by the routes and the public handle. */
import { FaultQueue } from './faults';
import { ConnectionStore } from './state';
import { TokenStore } from './tokens';
import type { RequestLogEntry, ResolvedOptions } from './types';

export class EmulatorCore {
	latencyMs: number;
	tokenLifetimeSeconds: number;
	readonly tokens = new TokenStore();
	readonly store = new ConnectionStore();
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

	reset(): void {
		this.tokens.reset();
		this.store.reset();
		this.faults.clear();
		this.log = [];
		this.latencyMs = this.options.latencyMs;
		this.tokenLifetimeSeconds = this.options.tokenLifetimeSeconds;
	}
}
