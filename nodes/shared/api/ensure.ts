/**
 * Creating an Adobe object at most once: the If It Exists rule (reuse / create another / stop),
 * and a POST that is never sent twice after an answer that may mean Adobe acted on it (also used
 * by the requests that start a flow run).
 * Every create of the Experience Platform node goes through here, and so do the chained creates
 * of Dataflow › Create From Table.
 */

import type { IfExists } from '../ifExists';
import { safeOperationError } from '../nodeErrors';
import { isRetryableIdempotent } from '../retryPolicy';
import {
	sendWithRetries,
	toNodeApiError,
	type Failure,
	type Outcome,
	type PlatformContext,
	type PlatformRequest,
	type RequestContext,
} from '../transport';

/** The result of an ensure: the object and whether it existed before (If It Exists: Reuse It). */
export interface Ensured<T> {
	value: T;
	reused: boolean;
}

export interface EnsureSpec<T extends { id: string }> {
	/** Lower-case noun for messages, e.g. "dataset", "target connection". */
	thing: string;
	name: string;
	sandboxName: string;
	ifExists: IfExists;
	/** The objects of the sandbox with exactly this name, newest first if known. */
	findByName(): Promise<T[]>;
	/**
	 * Why an existing same-name object cannot stand in for the one asked for (e.g. it uses another
	 * schema), or undefined when it can. Checked before reusing it.
	 */
	mismatch?(existing: T): string | undefined;
	/** Creates the object; `knownBefore` are the IDs of same-name objects that existed before. */
	create(knownBefore: ReadonlySet<string>): Promise<T>;
	itemIndex?: number;
}

/**
 * Finds an object by name and applies If It Exists: `reuse` returns the first match that fits
 * (`mismatch` undefined), `error` fails naming it, `create` always creates.
 * @throws NodeOperationError when `error` meets an existing object, or when `reuse` meets only
 *   same-name objects that do not fit (naming why), so nothing is reused or created silently
 */
async function ensureObject<T extends { id: string }>(
	this: RequestContext,
	spec: EnsureSpec<T>,
): Promise<Ensured<T>> {
	const existing = await spec.findByName();
	if (existing.length && spec.ifExists === 'error') {
		throw safeOperationError(
			this,
			`A ${spec.thing} named "${spec.name}" already exists in sandbox "${spec.sandboxName}" (ID ${existing[0].id}).`,
			{
				itemIndex: spec.itemIndex,
				description: `Choose "Reuse It" to return the existing ${spec.thing}, or give this one another name.`,
			},
		);
	}
	if (existing.length && spec.ifExists === 'reuse') {
		const fits = existing.find((candidate) => spec.mismatch?.(candidate) === undefined);
		if (fits) return { value: fits, reused: true };
		const reason = spec.mismatch?.(existing[0]) as string;
		throw safeOperationError(
			this,
			`A ${spec.thing} named "${spec.name}" already exists in sandbox "${spec.sandboxName}" (ID ${existing[0].id}), but it cannot be reused: ${reason}.`,
			{
				itemIndex: spec.itemIndex,
				description: `Give this ${spec.thing} another name, choose "Create Another", or pick the settings of the existing one.`,
			},
		);
	}
	const value = await spec.create(new Set(existing.map((object) => object.id)));
	return { value, reused: false };
}

/** A 2xx answer without the proof a create must return: Adobe may or may not have acted. */
function unprovenCreate(thing: string, status: number, body: unknown): Failure {
	const shown =
		body === undefined || body === '' ? '(empty body)' : JSON.stringify(body).slice(0, 200);
	return {
		facts: { malformedBody: true },
		reached: 'yes',
		decoded: {
			source: 'http',
			status,
			title: `Adobe answered the create with HTTP ${status} but without the new ${thing}'s ID`,
			detail: `Answer: ${shown}. No ${thing} with this name, created by this attempt, was found.`,
			hint: `Check the ${thing}s in the sandbox (Get Many) before running the item again.`,
		},
	};
}

export interface CreateOnceRules<T> {
	thing: string;
	/** The new object's ID from a 2xx answer, or undefined when the answer does not prove a create. */
	createdId(status: number, body: T): string | undefined;
	/**
	 * After an ambiguous failure: the object this attempt created, if it exists (never one of the
	 * same-name objects known before the POST). Returns its ID.
	 */
	findCreated(): Promise<string | undefined>;
	/** The failure a 2xx answer without proof of a create becomes; default unprovenCreate(thing, …). */
	unproven?(status: number, body: unknown): Failure;
	itemIndex?: number;
}

/** How sendAtMostOnce judges the answers to a request that makes something. */
export interface MakeOnceRules<T> {
	/** Checks a 2xx answer: a Failure when it lacks the proof of what was made (e.g. an ID). */
	accept(status: number, body: T): Failure | undefined;
	/** After an ambiguous failure: what this attempt made, if it can be found (a lookup). */
	findMade?(): Promise<T | undefined>;
}

/**
 * Sends a request that makes something (an object, a run) so that it is never made twice: it is
 * sent again when Adobe certainly did not act (429, connection refused), and after an ambiguous
 * failure (timeout, reset, 5xx, an answer without proof) only when `findMade` looked and found
 * nothing. Without `findMade`, an ambiguous failure is final.
 * @returns sendWithRetries' outcome (`recovered: true` when `findMade` found it)
 */
export async function sendAtMostOnce<T>(
	this: RequestContext,
	ctx: PlatformContext,
	request: PlatformRequest,
	rules: MakeOnceRules<T>,
): Promise<Outcome<T>> {
	const findMade = rules.findMade?.bind(rules);
	return await (sendWithRetries<T>).call(this, ctx, request, {
		shouldRetry: (failure) =>
			isRetryableIdempotent(failure.facts) && (failure.reached === 'no' || findMade !== undefined),
		accept: (status, body) => rules.accept(status, body),
		recover: findMade,
	});
}

/**
 * POSTs a create without ever creating the object twice (sendAtMostOnce with `findCreated` as the
 * lookup after an ambiguous failure).
 * @returns the new object's ID and whether it was found by that lookup rather than answered
 * @throws NodeApiError with Adobe's decoded error
 */
export async function createOnce<T>(
	this: RequestContext,
	ctx: PlatformContext,
	request: PlatformRequest,
	rules: CreateOnceRules<T>,
): Promise<{ id: string; recovered: boolean }> {
	let id: string | undefined;
	const unproven = rules.unproven ?? ((status, body) => unprovenCreate(rules.thing, status, body));
	const outcome = await (sendAtMostOnce<T>).call(this, ctx, request, {
		accept: (status, body) => {
			id = rules.createdId(status, body);
			return id === undefined ? unproven(status, body) : undefined;
		},
		findMade: async () => {
			const found = await rules.findCreated();
			if (found === undefined) return undefined;
			id = found;
			return { id: found } as unknown as T;
		},
	});
	if (outcome.ok && id !== undefined) return { id, recovered: 'recovered' in outcome };
	if (!outcome.ok) throw toNodeApiError.call(this, outcome.failure, rules.itemIndex);
	throw toNodeApiError.call(this, unproven(200, outcome.body), rules.itemIndex);
}

/** What ensureByName needs: the If It Exists inputs, the create request and how to read the result. */
export interface NamedCreateSpec<T extends { id: string }> {
	/** Lower-case noun for messages, e.g. "dataset", "target connection". */
	thing: string;
	name: string;
	sandboxName: string;
	ifExists: IfExists;
	itemIndex?: number;
	/** The objects of the sandbox with exactly this name, newest first if known. */
	findByName(): Promise<T[]>;
	/** Why an existing same-name object cannot stand in for the one asked for, or undefined when it fits. */
	mismatch(existing: T): string | undefined;
	/** Checks made just before the create (e.g. Data Prep's validation); throws to create nothing. */
	beforeCreate?(): Promise<void>;
	/** The create request (a POST). */
	request: PlatformRequest;
	/** The new object's ID from a 2xx answer, or undefined when the answer does not prove a create. */
	createdId(status: number, body: unknown): string | undefined;
	/** Reads the created object by ID (a GET), so the output is what Adobe stored, not what was sent. */
	readBack(id: string): Promise<T>;
}

/**
 * The object named `spec.name`, made idempotent: If It Exists applies (ensureObject: a same-name
 * object is reused only when it fits, i.e. `mismatch` is undefined); otherwise it is created at
 * most once (createOnce: after an ambiguous failure, the object this attempt made is a same-name
 * one that fits and was not listed before) and read back.
 * @throws NodeOperationError (ensureObject's refusals, or `beforeCreate`'s); NodeApiError from Adobe
 */
export async function ensureByName<T extends { id: string }>(
	this: RequestContext,
	ctx: PlatformContext,
	spec: NamedCreateSpec<T>,
): Promise<Ensured<T>> {
	return await (ensureObject<T>).call(this, {
		...spec,
		create: async (knownBefore) => {
			await spec.beforeCreate?.();
			const { id } = await (createOnce<unknown>).call(this, ctx, spec.request, {
				thing: spec.thing,
				itemIndex: spec.itemIndex,
				createdId: spec.createdId,
				findCreated: async () =>
					(await spec.findByName()).find(
						(object) => !knownBefore.has(object.id) && spec.mismatch(object) === undefined,
					)?.id,
			});
			return await spec.readBack(id);
		},
	});
}
