import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { InvalidFieldError } from '../../shared/InvalidFieldError';
import { mapWithConcurrency } from '../../shared/concurrency';
import { scrubSecrets } from '../../shared/errors';
import { makeErrorSafe, safeOperationError } from '../../shared/nodeErrors';
import { loadPlatformContext, type PlatformContext } from '../../shared/transport';
import * as connection from './connection/Connection.resource';
import { readRunSettings } from './options';
import type { OperationModule } from './types';

const resources: Record<string, Record<string, OperationModule>> = { connection: connection.operations };

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

function errorItem(error: NodeApiError | NodeOperationError, itemIndex: number, field?: string): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	if (field) json.field = field;
	return { json, pairedItem: { item: itemIndex } };
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

	const perItem = await mapWithConcurrency(items.length, concurrency, async (itemIndex): Promise<INodeExecutionData[]> => {
		try {
			if (!ctx) throw ctxError;
			const result = await handler.execute.call(this, itemIndex, ctx);
			return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result), { itemData: { item: itemIndex } });
		} catch (error) {
			const nodeError = toNodeError.call(this, error, itemIndex, ctx?.secrets ?? []);
			if (this.continueOnFail()) {
				return [errorItem(nodeError, itemIndex, error instanceof InvalidFieldError ? error.field : undefined)];
			}
			throw nodeError;
		}
	});
	return [perItem.flat()];
}
