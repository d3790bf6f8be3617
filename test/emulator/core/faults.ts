/** Injected faults: the next `count` requests matching method + path get `fault` instead of (or after) normal handling. */
import type { Fault, FaultKind, FaultMatch } from './types';

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
	if (typeof match?.path !== 'string' && !(match?.path instanceof RegExp)) {
		throw new Error('failNext: match.path must be a string or RegExp');
	}
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
		const hit = this.pending.find((p) => {
			if (p.method !== undefined && p.method !== method) return false;
			if (typeof p.path === 'string') return p.path === path;
			p.path.lastIndex = 0; // a /g or /y RegExp keeps state between test() calls
			return p.path.test(path);
		});
		if (!hit) return undefined;
		hit.remaining--;
		if (hit.remaining === 0) this.pending = this.pending.filter((p) => p !== hit);
		return hit.fault;
	}

	clear(): void {
		this.pending = [];
	}
}
