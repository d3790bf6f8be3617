import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { InvalidFieldError } from '../kernel/validation';
import { mapWithConcurrency } from '../kernel/concurrency';
import { scrubSecrets } from '../kernel/errors';
import { makeErrorSafe, safeOperationError } from '../kernel/nodeErrors';
import { readRunSettings } from './options';
import {
	DEFAULT_POLICY,
	loadPlatformContext,
	type PlatformContext,
	type RequestPolicy,
} from '../kernel/transport';

/**
 * What an operation does for one input item: `this` is n8n's execution context, `ctx` the credential
 * and policy (loaded once per run). Returns one object or one per result.
 */
export type ItemOperation = (
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: PlatformContext,
) => Promise<IDataObject | IDataObject[]>;

/** One operation: its fields and what it does for one input item. */
export interface OperationModule {
	description: INodeProperties[];
	execute: ItemOperation;
	/**
	 * Runs once after the run's items (also when one failed): the outputs it returns replace those
	 * items' outputs, an Error fails the item. Base Connection › Create settles its races here.
	 */
	afterItems?: AfterItems;
}

/** See OperationModule.afterItems: item index -> its new output, or the error it fails with. */
export type AfterItems = (
	this: IExecuteFunctions,
	ctx: PlatformContext,
) => Promise<Map<number, IDataObject | Error>>;

/** Resource value -> operation value -> handler; the node's Resource options list the same keys. */
export type ResourceHandlers = Record<string, Partial<Record<string, OperationModule>>>;

/** Something an item created in Adobe: its ID and, when several kinds exist, what it is. */
interface Created {
	id: string;
	itemIndex: number;
}

export interface RouterOptions {
	/**
	 * The note added to a run's error when earlier items created objects before it stopped:
	 * `list` is "<id> (item n), …", in item order. Without it no note is added.
	 */
	createdNote?: (count: number, list: string) => string;
}

function toNodeError(
	this: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	secrets: string[],
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		// Ours are safe already; n8n's own (parameter or expression errors) carry the whole node.
		makeErrorSafe(error, this.getNode(), secrets);
		if (error.context) error.context.itemIndex = itemIndex;
		return error;
	}
	if (error instanceof InvalidFieldError) {
		return safeOperationError(this, error.message, {
			itemIndex,
			description: `Fix the field named above (parameter "${error.field}") and run the item again; nothing was sent to Adobe for this item.`,
		});
	}
	const message = scrubSecrets(error instanceof Error ? error.message : String(error), secrets);
	return safeOperationError(this, message, { itemIndex });
}

/** The error item for "On Error: Continue"; n8n routes to the error output only when `item.error` is set. */
function errorItem(
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
	field?: string,
): INodeExecutionData {
	if (field) error.context.field = field;
	return { json: { error: error.message }, error, pairedItem: { item: itemIndex } };
}

/**
 * A run that stops part-way (no Continue On Fail) outputs nothing, yet the objects created for
 * earlier items exist: the error lists them, so that a re-run does not duplicate them unknowingly.
 */
function withCreated(
	error: unknown,
	created: Created[],
	note: RouterOptions['createdNote'],
): unknown {
	if (
		!note ||
		!created.length ||
		!(error instanceof NodeApiError || error instanceof NodeOperationError)
	)
		return error;
	const list = [...created]
		.sort((a, b) => a.itemIndex - b.itemIndex)
		.map(({ id, itemIndex }) => `${id} (item ${itemIndex})`)
		.join(', ');
	const text = note(created.length, list);
	error.description = error.description ? `${error.description}\n${text}` : text;
	return error;
}

/**
 * A node's `execute`: resource -> operation -> handler, credential loaded once, items run with the
 * Concurrency option, then afterItems. A failed item stops the run unless Continue On Fail.
 */
export interface Router {
	(this: IExecuteFunctions): Promise<INodeExecutionData[][]>;
	withPolicy(policy: RequestPolicy): (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;
}

export function createRouter(resources: ResourceHandlers, options: RouterOptions = {}): Router {
	const withPolicy = (base: RequestPolicy) =>
		async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return await route.call(this, base);
		};
	return Object.assign(withPolicy(DEFAULT_POLICY), { withPolicy });

	async function route(
		this: IExecuteFunctions,
		base: RequestPolicy,
	): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		const handler = resources[resource]?.[operation];
		if (!handler) {
			throw safeOperationError(
				this,
				`The operation "${operation}" of resource "${resource}" is not supported by this version of the node.`,
			);
		}
		const { concurrency, policy } = readRunSettings.call(this, base);

		// The credential is read and checked once per run; a bad credential fails every item the same way.
		let ctx: PlatformContext | undefined;
		let ctxError: unknown;
		try {
			ctx = await loadPlatformContext.call(this, policy);
		} catch (error) {
			ctxError = error;
		}

		let created: Created[] = [];
		/** An item's output, or its error item (Continue On Fail); throws otherwise. */
		const outputOf = (
			itemIndex: number,
			result: IDataObject | IDataObject[] | Error,
		): INodeExecutionData[] => {
			if (result instanceof Error) {
				const nodeError = toNodeError.call(this, result, itemIndex, ctx?.secrets ?? []);
				if (!this.continueOnFail()) throw nodeError;
				const field = result instanceof InvalidFieldError ? result.field : undefined;
				return [errorItem(nodeError, itemIndex, field)];
			}
			const results = Array.isArray(result) ? result : [result];
			const notes = ctx?.notes ?? [];
			const json = notes.length ? results.map((output) => ({ ...output, notes })) : results;
			return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(json), {
				itemData: { item: itemIndex },
			});
		};
		/** The handler's afterItems, once: replaced items no longer count as created. */
		let settled = false;
		const afterItems = async () => {
			if (settled) return new Map<number, IDataObject | Error>();
			settled = true;
			const changed = ctx ? await handler.afterItems?.call(this, ctx) : undefined;
			created = created.filter(
				({ itemIndex }) => !changed?.has(itemIndex) || changed.get(itemIndex) instanceof Error,
			);
			return changed ?? new Map<number, IDataObject | Error>();
		};
		let perItem: INodeExecutionData[][];
		try {
			perItem = await mapWithConcurrency(
				items.length,
				concurrency,
				async (itemIndex): Promise<INodeExecutionData[]> => {
					let result: IDataObject | IDataObject[] | Error;
					try {
						if (!ctx) throw ctxError;
						result = await handler.execute.call(this, itemIndex, ctx);
					} catch (error) {
						result = error instanceof Error ? error : new Error(String(error));
					}
					if (operation.startsWith('create') && !(result instanceof Error)) {
						for (const output of Array.isArray(result) ? result : [result])
							if (typeof output.id === 'string' && output.reused !== true)
								created.push({ id: output.id, itemIndex });
					}
					return outputOf(itemIndex, result);
				},
			);
			for (const [itemIndex, result] of await afterItems())
				perItem[itemIndex] = outputOf(itemIndex, result);
		} catch (error) {
			// A run that stops still settles what its items made (no duplicate is left behind).
			await afterItems().catch(() => undefined);
			throw withCreated(error, created, options.createdNote);
		}
		return [perItem.flat()];
	}
}
