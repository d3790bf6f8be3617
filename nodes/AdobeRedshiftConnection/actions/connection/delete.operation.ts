import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idempotentRequest, toNodeApiError, type PlatformContext } from '../../../shared/transport';
import { connectionPath } from '../../transport/flowService';
import { connectionIdField, type Shown } from '../common.fields';
import { readConnectionTarget } from '../parameters';

const where: Shown = { resource: ['connection'], operation: ['delete'] };

export const description: INodeProperties[] = [connectionIdField(where)];

export async function execute(this: IExecuteFunctions, itemIndex: number, ctx: PlatformContext): Promise<IDataObject> {
	const { id, sandboxName } = readConnectionTarget.call(this, itemIndex, ctx);
	const outcome = await idempotentRequest.call(this, ctx, { method: 'DELETE', path: connectionPath(id), sandboxName });
	// A 404 on a retry after an interrupted attempt means that attempt deleted it.
	const deletedByEarlierAttempt = !outcome.ok && outcome.afterAmbiguousAttempt === true && outcome.failure.facts.status === 404;
	if (!outcome.ok && !deletedByEarlierAttempt) throw toNodeApiError.call(this, outcome.failure, itemIndex);
	return { id, deleted: true, sandboxName };
}
