import type { IDataObject } from 'n8n-workflow';

import { connections } from '../../../shared/resources/baseConnection/api';
import type { ObjectCall } from '../../../shared/node/handlers';
import { platformRequest } from '../../../shared/kernel/transport';

/**
 * The Adobe call of Test and List Tables: `GET /connections/{id}<suffix>` (Flow Service), e.g.
 * `/test` or `/explore` with `qs`; the answer as Adobe sends it, unchecked.
 */
export function connectionGet(suffix: string, qs?: IDataObject): ObjectCall<unknown> {
	return async function (ctx, sandboxName, id, itemIndex) {
		const request = {
			method: 'GET' as const,
			path: connections.pathOf(id, suffix),
			qs,
			sandboxName,
		};
		return await platformRequest.call(this, ctx, request, itemIndex);
	};
}
