import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { flowServicePath, idempotentRequest, toNodeApiError, type PlatformContext } from '../../../shared/transport';
import { checkConnectionId } from '../../../shared/validation';
import { FIELDS } from '../../helpers/fields';
import { connectionIdField, type Shown } from '../common.fields';
import { readParameter, readSandbox } from '../parameters';

const where: Shown = { resource: ['connection'], operation: ['delete'] };

export const description: INodeProperties[] = [connectionIdField(where)];

export async function execute(this: IExecuteFunctions, itemIndex: number, ctx: PlatformContext): Promise<IDataObject> {
	const id = checkConnectionId(FIELDS.connectionId, readParameter.call(this, 'connectionId', itemIndex));
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	const outcome = await idempotentRequest.call(this, ctx, { method: 'DELETE', path: flowServicePath(`/connections/${encodeURIComponent(id)}`), sandboxName });
	// A 404 on a retry after an interrupted attempt means that attempt deleted it.
	const deletedByEarlierAttempt = !outcome.ok && outcome.afterAmbiguousAttempt === true && outcome.failure.facts.status === 404;
	if (!outcome.ok && !deletedByEarlierAttempt) throw toNodeApiError.call(this, outcome.failure, itemIndex);
	return { id, deleted: true, sandboxName };
}
