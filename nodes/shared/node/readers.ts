import type { IExecuteFunctions, IGetNodeParameterOptions } from 'n8n-workflow';
import {
	InvalidFieldError,
	checkSandboxName,
	checkText,
	ETAG_FIELD,
	type FieldRef,
} from '../kernel/validation';
import type { PlatformContext } from '../kernel/transport';

/**
 * A parameter as the expression produced it. Hidden parameters read as undefined, and n8n's own
 * type coercion is skipped so our validators can name the field.
 */
export function readParameter(this: IExecuteFunctions, name: string, itemIndex: number): unknown {
	// n8n throws "Could not get parameter" for an unset or hidden parameter unless a fallback is
	// given, and `undefined` does not count as one.
	const value = readNodeParameter.call(this, name, itemIndex, null, { skipValidation: true });
	return value === null ? undefined : value;
}

/** The sandbox an override names (checked), else the credential's sandbox when the override is empty. */
export function chooseSandbox(override: unknown, ctx: PlatformContext): string {
	if (
		override === undefined ||
		override === null ||
		(typeof override === 'string' && override.trim() === '')
	)
		return ctx.defaultSandbox;
	return checkSandboxName(NODE_FIELDS.sandboxName, override);
}

/** The node's sandbox override, else the credential's sandbox. */
export function readSandbox(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: PlatformContext,
): string {
	return chooseSandbox(
		readNodeParameter.call(this, NODE_FIELDS.sandboxName.field, itemIndex, '', {
			skipValidation: true,
		}),
		ctx,
	);
}

/** A picker's stored value: a resource locator (mode checked), or a plain value from older workflows/expressions. */
export function locatorValue(ref: FieldRef, stored: unknown, modes: readonly string[]): unknown {
	if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return stored;
	const { mode, value } = stored as { mode?: unknown; value?: unknown };
	if (typeof mode !== 'string' || !modes.includes(mode)) {
		throw new InvalidFieldError(
			ref.field,
			`"${ref.label}" has mode ${JSON.stringify(mode)}; allowed: ${modes.map((m) => `"${m}"`).join(', ')}.`,
		);
	}
	return value;
}

/** Reads a whole-number Limit parameter (Return All off): 1 or more, else InvalidFieldError naming "Limit". */
export function readLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	if (returnAll) return undefined;
	const raw = readParameter.call(this, 'limit', itemIndex);
	const limit = Number(raw);
	if (raw === '' || raw === undefined || !Number.isInteger(limit) || limit < 1) {
		throw new InvalidFieldError(
			'limit',
			`"Limit" must be a whole number of 1 or more; got ${JSON.stringify(raw)}.`,
		);
	}
	return limit;
}

/** Longest values the Experience Platform node accepts before anything is sent (characters). */
export const LIMITS = { name: 256, description: 4000, id: 512 } as const;

/** A row of a field table: the label the editor shows, the longest text, the dotted path in a collection. */
export interface FieldRow {
	label: string;
	maxLength?: number;
	/** Set when the parameter sits in a collection, e.g. `options.sandboxName`. */
	path?: string;
}

/** A field reference with its parameter name inside its collection (e.g. `sandboxName`). */
export interface NodeField extends FieldRef {
	name: string;
}

/**
 * The one way to declare fields: descriptions take `displayName`/`name` (labelled), readers and
 * validators take the same entry, so an error names a field as the editor shows it.
 */
export function defineFields<K extends string>(
	rows: Record<K, string | FieldRow>,
): Record<K, NodeField> {
	return Object.fromEntries(
		Object.entries<string | FieldRow>(rows).map(([key, entry]) => {
			const row = typeof entry === 'string' ? { label: entry } : entry;
			const field = row.path ?? key;
			return [key, { name: field.slice(field.lastIndexOf('.') + 1), field, ...row }];
		}),
	) as Record<K, NodeField>;
}

/** Rows of fields inside a collection (e.g. `options`): each one's path is `<collection>.<key>`. */
export function inCollection<K extends string>(
	collection: string,
	rows: Record<K, string | FieldRow>,
): Record<K, FieldRow> {
	return Object.fromEntries(
		Object.entries<string | FieldRow>(rows).map(([key, entry]) => [
			key,
			{ ...(typeof entry === 'string' ? { label: entry } : entry), path: `${collection}.${key}` },
		]),
	) as Record<K, FieldRow>;
}

/** `displayName` and `name` of a field's description, from its reference. */
export function labelled(ref: NodeField): { displayName: string; name: string } {
	return { displayName: ref.label, name: ref.name };
}

/** Fields every node shares: Get Many's Return All, Limit and Filters, Description, the Options. */
export const NODE_FIELDS = defineFields({
	description: { label: 'Description', maxLength: 4000 },
	etag: { label: ETAG_FIELD.label, maxLength: ETAG_FIELD.maxLength },
	returnAll: 'Return All',
	limit: 'Limit',
	filters: 'Filters',
	options: 'Options',
	...inCollection('options', {
		adaptToThrottling: 'Adapt to Throttling',
		concurrency: 'Concurrency',
		maxRetries: 'Max Retries',
		sandboxName: 'Sandbox Name or ID',
		timeoutSeconds: 'Timeout (Seconds)',
	}),
});

/** The Name filter of a Get Many. */
export const FILTER_FIELDS = defineFields({ nameFilter: { label: 'Name', path: 'filters.name' } });

/** The modes of a picker with From List and By ID. */
export const PICKER_MODES = ['list', 'id'];

/**
 * The checked ID a picker holds.
 * @param pattern the ID's regex source, as the By ID mode checks it in the editor
 */
export function readPickedId(
	this: IExecuteFunctions,
	ref: FieldRef,
	itemIndex: number,
	pattern: string,
	example: string,
): string {
	const value = locatorValue(ref, readParameter.call(this, ref.field, itemIndex), PICKER_MODES);
	const id = checkText(ref, value, { required: true, maxLength: LIMITS.id });
	if (!new RegExp(pattern).test(id)) {
		throw new InvalidFieldError(
			ref.field,
			`"${ref.label}" "${id}" is not a valid ID: expected an ID such as ${example}.`,
		);
	}
	return id;
}

/** The reader of a picker whose IDs match `pattern` (a regex source), e.g. `example` (see readPickedId). */
export function pickedIdReader(ref: FieldRef, pattern: string, example: string) {
	return function (this: IExecuteFunctions, itemIndex: number): string {
		return readPickedId.call(this, ref, itemIndex, pattern, example);
	};
}

/** Like readPickedId, for an optional picker (e.g. a filter): undefined when empty or not added. */
export function readOptionalPickedId(
	this: IExecuteFunctions,
	ref: FieldRef,
	itemIndex: number,
	pattern: string,
	example: string,
): string | undefined {
	const value = locatorValue(ref, readParameter.call(this, ref.field, itemIndex), PICKER_MODES);
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
		return undefined;
	return readPickedId.call(this, ref, itemIndex, pattern, example);
}

/** A name field: required text, one line, at most LIMITS.name characters. */
export function readName(this: IExecuteFunctions, ref: FieldRef, itemIndex: number): string {
	return checkText(ref, readParameter.call(this, ref.field, itemIndex), {
		required: true,
		maxLength: LIMITS.name,
	});
}

/** The Name filter of a Get Many (`filters.name`); undefined when empty. */
export function readNameFilter(this: IExecuteFunctions, itemIndex: number): string | undefined {
	const ref = FILTER_FIELDS.nameFilter;
	return (
		checkText(ref, readParameter.call(this, ref.field, itemIndex), { maxLength: LIMITS.name }) ||
		undefined
	);
}

/** An optional multi-line Description, at most LIMITS.description characters ('' when empty). */
export function readDescription(
	this: IExecuteFunctions,
	itemIndex: number,
	ref: FieldRef = NODE_FIELDS.description,
): string {
	return checkText(ref, readParameter.call(this, ref.field, itemIndex), {
		maxLength: LIMITS.description,
		allowLineBreaks: true,
	});
}

/** Parameters read once per run when their stored value holds no expression (n8n resolves on every read). */
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

/** `getNodeParameter`, cached per run for expression-free plain values; objects are read per item. */
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

/** The workflow's time zone, read once per run; UTC when none. An unknown zone is returned as is (then refused by field). */
export function workflowTimeZone(this: IExecuteFunctions): string {
	const cache = cacheOf(this);
	if (!cache.has('timeZone')) {
		const zone = typeof this.getTimezone === 'function' ? this.getTimezone() : undefined;
		cache.set('timeZone', typeof zone === 'string' && zone.trim() !== '' ? zone : 'UTC');
	}
	return cache.get('timeZone') as string;
}
