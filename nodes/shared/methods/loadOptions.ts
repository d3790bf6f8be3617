import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { SANDBOX_MANAGEMENT_PATH } from '../kernel/constants';
import { loadPlatformContext, platformRequest } from '../kernel/transport';

interface SandboxList {
	sandboxes?: Array<{ name?: string; title?: string; state?: string; type?: string }>;
}

/** Active sandboxes the credential can use, as "Title (name)"; the first entry keeps the credential's. */
export async function getSandboxes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const ctx = await loadPlatformContext.call(this);
	const list = (await platformRequest.call(this, ctx, {
		method: 'GET',
		path: SANDBOX_MANAGEMENT_PATH,
		sandboxName: ctx.defaultSandbox,
	})) as SandboxList;
	const sandboxes = (list.sandboxes ?? [])
		.filter(
			(sandbox) => sandbox.name && (sandbox.state === undefined || sandbox.state === 'active'),
		)
		.map((sandbox) => ({
			name: `${sandbox.title ?? sandbox.name} (${sandbox.name})`,
			value: sandbox.name as string,
			description: sandbox.type ? `${sandbox.type} sandbox` : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return [{ name: `Credential's Sandbox (${ctx.defaultSandbox})`, value: '' }, ...sandboxes];
}
