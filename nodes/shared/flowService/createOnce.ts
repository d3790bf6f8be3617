/** The one create-once path: If It Exists, a per-key lock, a POST never applied twice, race settling. */

import { KeyedSerializer } from '../kernel/concurrency';
import { preferNamed, raceWinner } from './race';
import type { IfExists } from './ifExists';
import { safeOperationError } from '../kernel/nodeErrors';
import { isRetryableIdempotent } from '../kernel/retryPolicy';
import {
	idempotentRequest,
	sendWithRetries,
	toNodeApiError,
	type Failure,
	type Outcome,
	type PlatformContext,
	type PlatformRequest,
	type RequestContext,
} from '../kernel/transport';

/** One create at a time per key in this process, so the second create sees what the first made. */
const createLocks = new KeyedSerializer();

/** Runs `task` while holding the lock of `key` (its parts joined); see createLocks. */
export async function oncePerKey<T>(key: readonly string[], task: () => Promise<T>): Promise<T> {
	return await createLocks.run(key.join('\u0000'), task);
}

/**
 * `DELETE <path>` of an object this item created and lost a race with (Flow Service, Catalog or
 * Data Prep). A 404 counts as gone only after an interrupted attempt: the object was just created.
 */
export async function removeCreated(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	path: string,
	itemIndex?: number,
): Promise<void> {
	const outcome = await idempotentRequest.call(this, ctx, { method: 'DELETE', path, sandboxName });
	if (outcome.ok) return;
	if (outcome.afterAmbiguousAttempt === true && outcome.failure.facts.status === 404) return;
	throw toNodeApiError.call(this, outcome.failure, itemIndex);
}

/** How a create that may have raced another process is settled (see settleRace). */
export interface RaceRules<T extends { id: string }> {
	/** Lower-case noun for messages, e.g. "target connection". */
	thing: string;
	sandboxName: string;
	/** Where the user deletes one, e.g. "Target Connection › Delete" (only operations this package has). */
	deleteWith: string;
	/** Every object of the same key now (listed again after the create), the new one included if listed. */
	findSame(): Promise<T[]>;
	/** Deletes the object this item created (Flow Service, Catalog or Data Prep DELETE). */
	remove(id: string): Promise<void>;
	itemIndex?: number;
}

/**
 * After a create: keeps the race winner (the oldest of the same key) and deletes ours if it lost,
 * so racing executions converge on one object. Fails naming both IDs when that delete fails.
 */
export async function settleRace<T extends { id: string }>(
	this: RequestContext,
	rules: RaceRules<T>,
	createdId: string,
): Promise<{ winner: T | undefined; deleted?: string }> {
	const same = await rules.findSame();
	const winner = raceWinner(same);
	if (winner === undefined || winner.id === createdId) return { winner };
	try {
		await rules.remove(createdId);
	} catch (error) {
		throw safeOperationError(
			this,
			`Another execution created ${rules.thing} ${winner.id} at the same time as this item created ${createdId} in sandbox "${rules.sandboxName}", and ${createdId} could not be deleted: ${(error as Error).message}`,
			{
				itemIndex: rules.itemIndex,
				description: `Both exist now. Delete ${createdId} (${rules.deleteWith}), then run the item again: it reuses ${winner.id}.`,
			},
		);
	}
	return { winner, deleted: createdId };
}

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
	/** The objects of the sandbox with exactly this name (any order: reuse takes the oldest that fits). */
	findByName(): Promise<T[]>;
	/** Why an existing same-name object cannot stand in (e.g. another schema); undefined when it can. */
	mismatch?(existing: T): string | undefined;
	/** Reuse It creates a new object when no listed one fits, instead of failing (see NamedCreateSpec.byReference). */
	byReference?: boolean;
	/** Creates the object; `knownBefore`: same-name IDs that existed before. */
	create(knownBefore: ReadonlySet<string>): Promise<Ensured<T>>;
	itemIndex?: number;
}

/** If It Exists: Stop With an Error met a same-name object. */
export function existsError(
	context: RequestContext,
	spec: { thing: string; name: string; sandboxName: string; itemIndex?: number },
	existingId: string,
) {
	return safeOperationError(
		context,
		`A ${spec.thing} named "${spec.name}" already exists in sandbox "${spec.sandboxName}" (ID ${existingId}).`,
		{
			itemIndex: spec.itemIndex,
			description: `Choose "Reuse It" to return the existing ${spec.thing}, or give this one another name.`,
		},
	);
}

/**
 * If It Exists on the objects found by name: Reuse It takes the one that fits (the same-name one,
 * else the oldest); Stop fails naming it; Create Another creates. Nothing is reused silently.
 */
async function ensureObject<T extends { id: string }>(
	this: RequestContext,
	spec: EnsureSpec<T>,
): Promise<Ensured<T>> {
	const existing = await spec.findByName();
	if (existing.length && spec.ifExists === 'error') throw existsError(this, spec, existing[0].id);
	if (existing.length && spec.ifExists === 'reuse') {
		// The same-name one first, then the oldest: the object a race keeps (settleRace), so every
		// run reuses the one a failed race named, never a newer leftover.
		const fits = preferNamed(existing, spec.name).find(
			(candidate) => spec.mismatch?.(candidate) === undefined,
		);
		if (fits) return { value: fits, reused: true };
		if (spec.byReference) return await spec.create(new Set(existing.map((object) => object.id)));
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
	return await spec.create(new Set(existing.map((object) => object.id)));
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
	/** After an ambiguous failure: the ID of what this attempt created, never one known before. */
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
	findCreated?(): Promise<T | undefined>;
}

/**
 * Sends a request that makes something (an object, a run) at most once: resent when Adobe surely
 * did not act (429, refused), after an ambiguous failure only when `findCreated` found nothing.
 */
export async function sendAtMostOnce<T>(
	this: RequestContext,
	ctx: PlatformContext,
	request: PlatformRequest,
	rules: MakeOnceRules<T>,
): Promise<Outcome<T>> {
	const findCreated = rules.findCreated?.bind(rules);
	return await (sendWithRetries<T>).call(this, ctx, request, {
		shouldRetry: (failure) =>
			isRetryableIdempotent(failure.facts) &&
			(failure.reached === 'no' || findCreated !== undefined),
		accept: (status, body) => rules.accept(status, body),
		findCreated,
	});
}

/** POSTs a create at most once (sendAtMostOnce); the new ID, and whether `findCreated` found it. */
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
		findCreated: async () => {
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
	/** The objects of the sandbox with exactly this name (any order: reuse takes the oldest that fits). */
	findByName(): Promise<T[]>;
	/** Why an existing same-name object cannot stand in for the one asked for, or undefined when it fits. */
	mismatch(existing: T): string | undefined;
	/** The lock's key besides sandbox and thing (default: the name). */
	key?: string;
	/** Found by reference (Create From Table): Reuse It creates when none fits, instead of failing. */
	byReference?: boolean;
	/** Checks made just before the create (e.g. Data Prep's validation); throws to create nothing. */
	beforeCreate?(): Promise<void>;
	/** The create request (a POST). */
	request: PlatformRequest;
	/** The new object's ID from a 2xx answer, or undefined when the answer does not prove a create. */
	createdId(status: number, body: unknown): string | undefined;
	/** Reads the created object by ID (a GET), so the output is what Adobe stored, not what was sent. */
	readBack(id: string): Promise<T>;
	/** Deletes an object this item created that lost a race (settleRace); Flow Service, Catalog or Data Prep DELETE. */
	remove(id: string): Promise<void>;
	/** Where the user deletes one by hand (settleRace's error), e.g. "Target Connection › Delete". */
	deleteWith: string;
}

/**
 * The object named `spec.name`, idempotent: If It Exists (ensureObject), else created once
 * (createOnce) and read back. Reuse It and Stop hold the key's lock; Reuse It settles the race.
 */
export async function ensureByName<T extends { id: string }>(
	this: RequestContext,
	ctx: PlatformContext,
	spec: NamedCreateSpec<T>,
): Promise<Ensured<T>> {
	const fitting = async () =>
		(await spec.findByName()).filter((object) => spec.mismatch(object) === undefined);
	const ensure = async () =>
		await (ensureObject<T>).call(this, {
			...spec,
			create: async (knownBefore) => {
				await spec.beforeCreate?.();
				const { id } = await (createOnce<unknown>).call(this, ctx, spec.request, {
					thing: spec.thing,
					itemIndex: spec.itemIndex,
					createdId: spec.createdId,
					findCreated: async () =>
						(await fitting()).find((object) => !knownBefore.has(object.id))?.id,
				});
				if (spec.ifExists !== 'reuse') return { value: await spec.readBack(id), reused: false };
				const { winner } = await (settleRace<T>).call(
					this,
					{ ...spec, findSame: fitting, remove: spec.remove },
					id,
				);
				const kept = winner?.id ?? id;
				return { value: await spec.readBack(kept), reused: kept !== id };
			},
		});
	// Create Another wants one more object: no lock, no race to settle.
	if (spec.ifExists === 'create') return await ensure();
	return await oncePerKey([spec.sandboxName, spec.thing, spec.key ?? spec.name], ensure);
}
