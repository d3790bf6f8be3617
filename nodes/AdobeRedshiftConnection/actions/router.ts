import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { InvalidFieldError } from '../../shared/InvalidFieldError';
import { mapWithConcurrency } from '../../shared/concurrency';
import { scrubSecrets } from '../../shared/errors';
import { makeErrorSafe, safeOperationError } from '../../shared/nodeErrors';
import { loadPlatformContext, type PlatformContext } from '../../shared/transport';
import * as connection from './connection/Connection.resource';
import * as sourceConnection from './sourceConnection/SourceConnection.resource';
import { readRunSettings } from './options';
import type { OperationModule } from './types';

/** Resource value -> operation value -> handler; the node's Resource options list the same keys. */
const resources: Record<string, Partial<Record<string, OperationModule>>> = {
	baseConnection: connection.operations,
	sourceConnection: sourceConnection.operations,
};

function toNodeError(this: IExecuteFunctions, error: unknown, itemIndex: number, secrets: string[]): NodeApiError | NodeOperationError {
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

/**
 * The item a failed input becomes with "On Error: Continue". n8n routes an item to the error output
 * (continueErrorOutput) only when `item.error` is set (or when `json` holds nothing but
 * error/message), so `error` is set; n8n then reduces `json` to `{ error: message }` and keeps the
 * description, httpCode and the field (context.field) on the error.
 */
function errorItem(error: NodeApiError | NodeOperationError, itemIndex: number, field?: string): INodeExecutionData {
	if (field) error.context.field = field;
	return { json: { error: error.message }, error, pairedItem: { item: itemIndex } };
}

/** Reads resource/operation, runs it per item (bounded concurrency), keeps order and pairing. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation];
	if (!handler) {
		throw safeOperationError(this, `The operation "${operation}" of resource "${resource}" is not supported by this version of the node.`);
	}
	const { concurrency, policy } = readRunSettings.call(this);

	// The credential is read and checked once per run; a bad credential fails every item the same way.
	let ctx: PlatformContext | undefined;
	let ctxError: unknown;
	try {
		ctx = await loadPlatformContext.call(this, policy);
	} catch (error) {
		ctxError = error;
	}

	// Connections this run created, so that a run that stops part-way can say which ones exist now.
	const created: Array<{ id: string; itemIndex: number }> = [];
	let perItem: INodeExecutionData[][];
	try {
		perItem = await mapWithConcurrency(items.length, concurrency, async (itemIndex): Promise<INodeExecutionData[]> => {
			try {
				if (!ctx) throw ctxError;
				const result = await handler.execute.call(this, itemIndex, ctx);
				const results = Array.isArray(result) ? result : [result];
				if (operation === 'create') {
					for (const output of results) if (typeof output.id === 'string' && output.reused !== true) created.push({ id: output.id, itemIndex });
				}
				const notes = ctx.notes;
				const json = notes.length ? results.map((output) => ({ ...output, notes })) : results;
				return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(json), { itemData: { item: itemIndex } });
			} catch (error) {
				const nodeError = toNodeError.call(this, error, itemIndex, ctx?.secrets ?? []);
				if (this.continueOnFail()) {
					return [errorItem(nodeError, itemIndex, error instanceof InvalidFieldError ? error.field : undefined)];
				}
				throw nodeError;
			}
		});
	} catch (error) {
		throw withCreatedConnections(error, created);
	}
	return [perItem.flat()];
}

/**
 * A run that stops part-way (no Continue On Fail) outputs nothing, yet the connections created for
 * earlier items exist: the error lists them, so that a re-run does not duplicate them unknowingly.
 */
function withCreatedConnections(error: unknown, created: Array<{ id: string; itemIndex: number }>): unknown {
	if (!created.length || !(error instanceof NodeApiError || error instanceof NodeOperationError)) return error;
	const list = [...created]
		.sort((a, b) => a.itemIndex - b.itemIndex)
		.map(({ id, itemIndex }) => `${id} (item ${itemIndex})`)
		.join(', ');
	const note = `This run had already created ${created.length} connection(s) before it stopped: ${list}. Running the workflow again creates them again unless "If a Connection With This Name Exists" is set to "Reuse It".`;
	error.description = error.description ? `${error.description}\n${note}` : note;
	return error;
}
