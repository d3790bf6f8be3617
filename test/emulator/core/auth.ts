/**
 * Gateway checks every Platform call goes through, in this order: API key, token, org.
 * (A bare call to platform.adobe.io answers "Api Key is required" first.)
 */
import { flow, gateway } from './errors';
import type { RequestContext } from './http';
import type { TokenStore } from '../ims/tokens';
import type { ResolvedOptions } from './types';

export function checkGateway(
	ctx: RequestContext,
	options: ResolvedOptions,
	tokens: TokenStore,
): void {
	const apiKey = ctx.headers['x-api-key'];
	if (!apiKey) throw gateway.apiKeyMissing();
	if (apiKey !== options.clientId) throw gateway.apiKeyInvalid();

	const match = /^Bearer (\S+)$/i.exec(ctx.headers.authorization ?? '');
	if (!match || !tokens.isValid(match[1])) throw gateway.tokenInvalid();

	const org = ctx.headers['x-gw-ims-org-id'];
	if (!org) throw gateway.orgMissing();
	if (org !== options.orgId) throw gateway.profileInvalid();
}

/** Flow Service needs x-sandbox-name, matched exactly (Adobe sandbox names are lower-case). */
export function requireSandbox(ctx: RequestContext, options: ResolvedOptions): string {
	const name = ctx.headers['x-sandbox-name'];
	if (!name) throw flow.sandboxMissing();
	if (!options.sandboxes.some((s) => s.name === name)) throw flow.sandboxNotFound(name);
	return name;
}
