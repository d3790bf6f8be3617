/** Injected faults: the next `count` requests matching method + path get `fault` instead of (or after) normal handling. */
import type { Fault, FaultKind, FaultMatch } from './types';

/** Whether a request matches: the method (when given, upper-cased) and the exact path or RegExp. */
export function matchesRequest(
	match: { method?: string; path: string | RegExp },
	method: string,
	path: string,
): boolean {
	if (match.method !== undefined && match.method !== method) return false;
	if (typeof match.path === 'string') return match.path === path;
	match.path.lastIndex = 0; // a /g or /y RegExp keeps state between test() calls
	return match.path.test(path);
}

export function validateMatch(match: FaultMatch, caller: string): void {
	if (typeof match?.path !== 'string' && !(match?.path instanceof RegExp)) {
		throw new Error(`${caller}: match.path must be a string or RegExp`);
	}
}

const KINDS: FaultKind[] = [
	'reset-before',
	'reset-after',
	'malformed-json',
	'hang',
	'drip',
	'endless-page',
	'twin-before',
];

interface Pending {
	method?: string;
	path: string | RegExp;
	remaining: number;
	fault: Fault;
}

export function validateFault(match: FaultMatch, count: number, fault: Fault): void {
	if (!Number.isInteger(count) || count < 1)
		throw new Error('failNext: count must be a positive integer');
	validateMatch(match, 'failNext');
	if ('kind' in fault) {
		if (!KINDS.includes(fault.kind))
			throw new Error(`failNext: unknown fault kind '${String(fault.kind)}'`);
		if (
			fault.intervalMs !== undefined &&
			!(Number.isInteger(fault.intervalMs) && fault.intervalMs > 0)
		)
			throw new Error('failNext: fault.intervalMs must be a positive integer');
	} else if (!Number.isInteger(fault.status) || fault.status < 200 || fault.status > 599) {
		throw new Error('failNext: fault.status must be an HTTP status');
	}
}

export class FaultQueue {
	private pending: Pending[] = [];

	add(match: FaultMatch, count: number, fault: Fault): void {
		validateFault(match, count, fault);
		this.pending.push({
			method: match.method?.toUpperCase(),
			path: match.path,
			remaining: count,
			fault,
		});
	}

	/** First matching fault, consuming one use of it. */
	take(method: string, path: string): Fault | undefined {
		const hit = this.pending.find((p) => matchesRequest(p, method, path));
		if (!hit) return undefined;
		hit.remaining--;
		if (hit.remaining === 0) this.pending = this.pending.filter((p) => p !== hit);
		return hit.fault;
	}

	clear(): void {
		this.pending = [];
	}
}

/**
 * Route latency: matching requests wait `ms` before they are processed (not only before the answer,
 * as the global latency does), so that concurrent list-then-create sequences interleave the way
 * they can against Adobe, where a new object is not listed at once.
 */
export class RouteLatency {
	private entries: Array<{ method?: string; path: string | RegExp; ms: number }> = [];

	/** Sets the wait for this match (replacing one set for the same method and path); 0 removes it. */
	set(match: FaultMatch, ms: number): void {
		validateMatch(match, 'setRouteLatency');
		if (!Number.isFinite(ms) || ms < 0)
			throw new Error('setRouteLatency: ms must be a non-negative number of ms');
		const method = match.method?.toUpperCase();
		const key = String(match.path);
		this.entries = this.entries.filter((e) => e.method !== method || String(e.path) !== key);
		if (ms > 0) this.entries.push({ method, path: match.path, ms });
	}

	/** The wait (ms) of the first entry matching this request; 0 when none does. */
	msFor(method: string, path: string): number {
		return this.entries.find((e) => matchesRequest(e, method, path))?.ms ?? 0;
	}

	clear(): void {
		this.entries = [];
	}
}
