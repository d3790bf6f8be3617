/** POST /ims/token/v3: OAuth Server-to-Server client_credentials, form-encoded body only. */
import type { EmulatorCore } from '../core/emulatorCore';
import { ImsError } from '../core/errors';
import { json, mediaType, type Reply, type RequestContext } from '../core/http';

function readForm(ctx: RequestContext): Map<string, string> {
	if (ctx.query.has('client_secret')) {
		throw new ImsError(
			'invalid_request',
			'client_secret must be sent in the request body, not the query string',
		);
	}
	if (mediaType(ctx.headers['content-type']) !== 'application/x-www-form-urlencoded') {
		throw new ImsError('invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
	}
	const form = new Map<string, string>();
	for (const [k, v] of new URLSearchParams(ctx.body)) {
		if (form.has(k)) throw new ImsError('invalid_request', `duplicate ${k} parameter`);
		form.set(k, v);
	}
	return form;
}

function checkScopes(requested: string | undefined, required: string): void {
	if (!requested) throw new ImsError('invalid_scope', 'missing scope parameter');
	const asked = requested.split(',');
	const needed = required.split(',');
	// Exact names: an unknown or blank entry (e.g. " AdobeID") is refused, as IMS refuses scopes it does not grant.
	const unknown = asked.filter((s) => !needed.includes(s));
	if (unknown.length > 0)
		throw new ImsError('invalid_scope', 'invalid scope: not granted to this client');
	const missing = needed.filter((s) => !asked.includes(s));
	if (missing.length > 0)
		throw new ImsError('invalid_scope', `missing required scope(s): ${missing.join(',')}`);
}

export function issueToken(ctx: RequestContext, core: EmulatorCore): Reply {
	if (ctx.method !== 'POST') throw new ImsError('invalid_request', 'use POST');
	const form = readForm(ctx);
	const { clientId, clientSecret, scopes } = core.options;

	const grantType = form.get('grant_type');
	if (!grantType) throw new ImsError('invalid_request', 'missing grant_type parameter');
	if (grantType !== 'client_credentials')
		throw new ImsError('unsupported_grant_type', 'unsupported grant_type');

	const id = form.get('client_id');
	if (!id) throw new ImsError('invalid_request', 'missing client_id parameter');
	if (id !== clientId) throw new ImsError('invalid_client', 'invalid client_id parameter');
	const secret = form.get('client_secret');
	if (!secret) throw new ImsError('invalid_request', 'missing client_secret parameter');
	if (secret !== clientSecret)
		throw new ImsError('invalid_client', 'invalid client_secret parameter');

	checkScopes(form.get('scope'), scopes);

	const { token, expiresIn } = core.tokens.issue(core.tokenLifetimeSeconds);
	return json(
		200,
		{ access_token: token, token_type: 'bearer', expires_in: expiresIn },
		{ 'cache-control': 'no-store' },
	);
}
