/**
 * Parameters read once per run when they can be. n8n resolves a parameter anew for every item and
 * every read (through its expression engine, with a fresh data proxy for an expression). A
 * parameter whose stored value holds no expression has the same value for every item of a run, so
 * it is read for the first item and handed out from here afterwards. Expressions are still
 * resolved per item, as n8n does.
 */
import type { IExecuteFunctions, IGetNodeParameterOptions } from 'n8n-workflow';

/** Per run (n8n creates one execute context per node run): values by read key. */
const runs = new WeakMap<object, Map<string, unknown>>();

function cacheOf(context: object): Map<string, unknown> {
	let cache = runs.get(context);
	if (!cache) {
		cache = new Map();
		runs.set(context, cache);
	}
	return cache;
}

/** Could this stored value evaluate differently per item? An expression, or a collection or locator that may hold one. */
function mayVary(stored: unknown): boolean {
	return (
		(typeof stored === 'string' && stored.startsWith('=')) ||
		(stored !== null && typeof stored === 'object')
	);
}

/**
 * `this.getNodeParameter(name, itemIndex, fallback, options)`, read once per run when the stored
 * value holds no expression and the result is a plain value (string, number, boolean, null;
 * objects are read per item, so no caller can change what another item gets). Throws what
 * getNodeParameter throws (an expression error, "Could not get parameter").
 */
export function readNodeParameter(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback: unknown,
	options?: IGetNodeParameterOptions,
): unknown {
	const stored = this.getNodeParameter(name, itemIndex, null, { rawExpressions: true }) as unknown;
	if (mayVary(stored)) return this.getNodeParameter(name, itemIndex, fallback, options) as unknown;
	const cache = cacheOf(this);
	const key = JSON.stringify([name, fallback ?? null, options ?? null]);
	if (cache.has(key)) return cache.get(key);
	const value = this.getNodeParameter(name, itemIndex, fallback, options) as unknown;
	if (value === null || value === undefined || typeof value !== 'object') cache.set(key, value);
	return value;
}

/** The node's type version, read once per run (n8n deep-copies the whole node on every getNode()). */
export function nodeTypeVersion(this: IExecuteFunctions): number {
	const cache = cacheOf(this);
	if (!cache.has('typeVersion')) cache.set('typeVersion', this.getNode().typeVersion);
	return cache.get('typeVersion') as number;
}

/**
 * The workflow's time zone, read once per run: `this.getTimezone()` (the workflow's Timezone
 * setting, else the instance's GENERIC_TIMEZONE), where offset-less date-times are read; UTC when
 * n8n gives none. A zone Node does not know (e.g. "DEFAULT" saved through the API) is returned as
 * is: an offset-less time is then refused naming its field (parseIsoInZone), never read in UTC.
 */
export function workflowTimeZone(this: IExecuteFunctions): string {
	const cache = cacheOf(this);
	if (!cache.has('timeZone')) {
		const zone = typeof this.getTimezone === 'function' ? this.getTimezone() : undefined;
		cache.set('timeZone', typeof zone === 'string' && zone.trim() !== '' ? zone : 'UTC');
	}
	return cache.get('timeZone') as string;
}
