import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { flowServicePath, platformRequest, type PlatformContext } from '../../../shared/transport';
import { checkConnectionId } from '../../../shared/validation';
import { FIELDS } from '../../helpers/fields';
import { connectionIdField, type Shown } from '../common.fields';
import { readParameter, readSandbox } from '../parameters';

const where: Shown = { resource: ['connection'], operation: ['test'] };

export const description: INodeProperties[] = [connectionIdField(where)];

/** Asks Adobe to sign in to Redshift with the stored values; a failed sign-in is ok: false, not an error. */
export async function execute(this: IExecuteFunctions, itemIndex: number, ctx: PlatformContext): Promise<IDataObject> {
	const id = checkConnectionId(FIELDS.connectionId, readParameter.call(this, 'connectionId', itemIndex));
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	const answer = (await platformRequest.call(this, ctx, { method: 'GET', path: flowServicePath(`/connections/${encodeURIComponent(id)}/test`), sandboxName }, itemIndex)) as {
		result?: unknown;
	};
	return { id, ok: answer?.result === true, sandboxName };
}
