/** Handlers shared by resources: one-object operations, Get Many, and create-or-reuse. Fields, then sandbox, then requests. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Ensured } from '../flowService/createOnce';
import { checkIfExists, type IfExists } from '../flowService/ifExists';
import { readLimit, readParameter, readSandbox } from './readers';
import type { ItemOperation } from './router';
import type { PlatformContext } from '../kernel/transport';
import type { FieldRef } from '../kernel/validation';

/** Reads a picker's ID, checked (throws InvalidFieldError naming the field; nothing is sent). */
export type IdReader = (this: IExecuteFunctions, itemIndex: number) => string;

/** The object an item acts on: its checked ID and its sandbox. */
export interface Picked {
	id: string;
	sandboxName: string;
}

/** An Adobe call on one object of a sandbox, in the api modules' argument order. */
export type ObjectCall<T> = (
	this: IExecuteFunctions,
	ctx: PlatformContext,
	sandboxName: string,
	id: string,
	itemIndex: number,
) => Promise<T>;

/** Adobe's object as output, with the sandbox it was read in. */
export function withSandbox(object: unknown, sandboxName: string): IDataObject {
	return { ...(object as IDataObject), sandboxName };
}

/**
 * The picked object of this item: the ID `readId` checks, then the sandbox (Options > Sandbox,
 * else the credential's). Both are read before any request.
 */
export function readPicked(
	this: IExecuteFunctions,
	readId: IdReader,
	itemIndex: number,
	ctx: PlatformContext,
): Picked {
	const id = readId.call(this, itemIndex);
	return { id, sandboxName: readSandbox.call(this, itemIndex, ctx) };
}

/**
 * The handler of an operation on one picked object: reads it (readPicked), calls Adobe with it,
 * and outputs `output(answer, picked)`; by default Adobe's answer plus `sandboxName`.
 */
export function pickedOperation<T>(
	readId: IdReader,
	call: ObjectCall<T>,
	output: (answer: T, picked: Picked) => IDataObject | IDataObject[] = (answer, picked) =>
		withSandbox(answer, picked.sandboxName),
): ItemOperation {
	return async function (itemIndex, ctx) {
		const picked = readPicked.call(this, readId, itemIndex, ctx);
		return output(await call.call(this, ctx, picked.sandboxName, picked.id, itemIndex), picked);
	};
}

/** What an api delete answers. */
export interface Deletion {
	deleted: boolean;
	alreadyAbsent: boolean;
}

/** A Delete's output: `{id, deleted, alreadyAbsent, sandboxName}`; `alreadyAbsent` adds a `note` when `thing` is given. */
export function deletedOutput(thing?: string): (answer: Deletion, picked: Picked) => IDataObject {
	return ({ deleted, alreadyAbsent }, { id, sandboxName }) => ({
		id,
		deleted,
		alreadyAbsent,
		sandboxName,
		...(thing && alreadyAbsent
			? {
					note: `The first attempt got no clear answer and the retry found no ${thing} with this ID: an earlier attempt deleted it, or it did not exist.`,
				}
			: {}),
	});
}

/** The handler of a Delete: the picked object's `remove`, output by deletedOutput(thing). */
export function deleteOperation(readId: IdReader, remove: ObjectCall<Deletion>, thing?: string) {
	return pickedOperation(readId, remove, deletedOutput(thing));
}

/** An api listing: the sandbox's objects matching `filter`, at most `filter.limit` (all when undefined). */
export type ListCall<F, T> = (
	this: IExecuteFunctions,
	ctx: PlatformContext,
	sandboxName: string,
	filter: F & { limit?: number },
	itemIndex: number,
) => Promise<T[]>;

/** A Get Many handler: reads filters, Return All / Limit and sandbox before any request; one item per object. */
export function listOperation<F extends object, T extends object>(
	readFilter: (this: IExecuteFunctions, itemIndex: number) => F,
	list: ListCall<F, T>,
	output: (object: T, sandboxName: string) => IDataObject = withSandbox,
): ItemOperation {
	return async function (itemIndex, ctx) {
		const filter = readFilter.call(this, itemIndex);
		const limit = readLimit.call(this, itemIndex);
		const sandboxName = readSandbox.call(this, itemIndex, ctx);
		const found = await list.call(this, ctx, sandboxName, { ...filter, limit }, itemIndex);
		return found.map((object) => output(object, sandboxName));
	};
}

/** An api ensure: finds or creates the object for `input` under the If It Exists rule. */
export type EnsureCall<I, R> = (
	this: IExecuteFunctions,
	ctx: PlatformContext,
	sandboxName: string,
	input: I,
	ifExists: IfExists,
	itemIndex: number,
) => Promise<R>;

/** What a create that can reuse an existing object is made of (see createOperation). */
export interface CreateSpec<I, R> {
	/** The create's If It Exists field: its parameter and its label (named in errors). */
	ifExists: FieldRef;
	/** Reads and checks the create's own fields; nothing is sent. */
	readInput(this: IExecuteFunctions, itemIndex: number): I;
	/** Finds or creates the object: an api ensure, or one that first reads what it needs. */
	ensure: EnsureCall<I, R>;
	/** The item's output, from the ensure's result. */
	output(result: R, sandboxName: string, input: I): IDataObject;
}

/** A create-or-reuse handler: reads fields, If It Exists (default Reuse It) and sandbox, then ensures the object. */
export function createOperation<I, R>(spec: CreateSpec<I, R>): ItemOperation {
	return async function (itemIndex, ctx) {
		const input = spec.readInput.call(this, itemIndex);
		const stored = readParameter.call(this, spec.ifExists.field, itemIndex);
		const ifExists = checkIfExists(spec.ifExists.label, stored, 'reuse', spec.ifExists.field);
		const sandboxName = readSandbox.call(this, itemIndex, ctx);
		const result = await spec.ensure.call(this, ctx, sandboxName, input, ifExists, itemIndex);
		return spec.output(result, sandboxName, input);
	};
}

/** A created or reused object as output: Adobe's object, `sandboxName`, then `reused`. */
export function ensuredOutput(result: Ensured<object>, sandboxName: string): IDataObject {
	return { ...withSandbox(result.value, sandboxName), reused: result.reused };
}
