/** GET /data/foundation/sandbox-management/ : the caller's active sandboxes (x-sandbox-name not needed). */
import { checkGateway } from '../core/auth';
import type { EmulatorCore } from '../core/emulatorCore';
import { gateway } from '../core/errors';
import { json, type Reply, type RequestContext } from '../core/http';

export function listSandboxes(ctx: RequestContext, core: EmulatorCore): Reply {
	checkGateway(ctx, core.options, core.tokens);
	if (ctx.method !== 'GET') throw gateway.notFound();
	const sandboxes = core.options.sandboxes.map((s) => ({
		name: s.name,
		title: s.title,
		state: 'active',
		type: s.type,
		isDefault: s.isDefault,
		region: 'VA7',
	}));
	return json(200, { sandboxes, _page: { limit: 50, count: sandboxes.length } });
}
