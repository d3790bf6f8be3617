import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { IMS_TOKEN_PATH } from './constants';
import { normaliseServiceUrl } from './endpoints';
import { decodeAdobeErrorResponse, decodeNetworkError, formatAdobeError, scrubDecodedError, type DecodedAdobeError } from './errors';

export interface ImsClient {
	imsUrl?: unknown;
	clientId?: unknown;
	clientSecret?: unknown;
	scopes?: unknown;
}

export const IMS_ERROR_PREFIX = 'Adobe IMS: ';

/**
 * A token request that IMS refused (or that never reached IMS), already decoded for people.
 * n8n wraps it in a NodeApiError that keeps only message and description, so both carry
 * everything and the message has a fixed prefix the transport recognises.
 */
export class AdobeImsError extends Error {
	readonly description: string;

	constructor(readonly decoded: DecodedAdobeError) {
		const { message, description } = formatAdobeError(decoded);
		// The credential's Test button shows only the message, so it carries the fix too.
		super(`${IMS_ERROR_PREFIX}${message}${decoded.detail ? `: ${decoded.detail}` : ''}. ${decoded.hint}`);
		this.description = description;
		this.name = 'AdobeImsError';
	}
}

/** Requests in flight, so that items or executions that need a token at once share one request. */
const inFlight = new Map<string, { secret: string; token: Promise<string> }>();

/**
 * The newest token per client. A wave of 401s (requests sent with the old token before the
 * first refresh finished) takes this one instead of asking IMS again.
 */
const newest = new Map<string, { secret: string; token: string; at: number }>();
const REUSE_WINDOW_MS = 60_000;

/** Tokens this process fetched, so error text can be scrubbed of them even mid-run. */
export function issuedTokens(): string[] {
	return [...newest.values()].map((entry) => entry.token);
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

async function requestToken(helpers: IHttpRequestHelper['helpers'], url: string, client: { clientId: string; clientSecret: string; scopes: string }): Promise<string> {
	// The secret travels in the form body, never in the query string (query strings end up in logs).
	const form = new URLSearchParams({
		grant_type: 'client_credentials',
		client_id: client.clientId,
		client_secret: client.clientSecret,
		scope: client.scopes,
	});
	const options: IHttpRequestOptions = {
		method: 'POST',
		url,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		body: form.toString(),
		timeout: 30_000,
	};
	let response: unknown;
	let failure: DecodedAdobeError | undefined;
	try {
		response = await helpers.httpRequest(options);
	} catch (error) {
		const status: number | undefined = error?.response?.status;
		failure =
			status === undefined
				? decodeNetworkError(error?.code, error?.message)
				: decodeAdobeErrorResponse(status, error?.response?.data);
	}
	if (failure) {
		throw new AdobeImsError(scrubDecodedError(failure, [client.clientSecret]));
	}
	const body = typeof response === 'string' ? safeJson(response) : response;
	const token = (body as { access_token?: unknown } | undefined)?.access_token;
	if (typeof token !== 'string' || token === '') {
		throw new AdobeImsError({
			source: 'ims',
			title: 'the answer had no access token',
			hint: 'Check the credential\'s IMS URL: it must point at Adobe IMS (https://ims-na1.adobelogin.com).',
		});
	}
	return token;
}

function checkedImsUrl(value: unknown): string {
	let problem: string | undefined;
	let url = '';
	try {
		url = normaliseServiceUrl('imsUrl', 'IMS URL', value);
	} catch (error) {
		problem = (error as Error).message;
	}
	if (problem !== undefined) throw new AdobeImsError({ source: 'ims', title: problem, hint: 'Fix the credential\'s IMS URL.' });
	return url;
}

function safeJson(value: string): unknown {
	try {
		return JSON.parse(value);
	} catch {
		return undefined;
	}
}

/**
 * Fetches an OAuth Server-to-Server access token. Concurrent callers with the same client share
 * one IMS request, and callers still holding an older token get the newest one, so a burst of
 * items or a wave of 401s leads to a single token request. `accessToken` is the token the caller
 * holds now ('' when it has none).
 */
export async function fetchAccessToken(helpers: IHttpRequestHelper['helpers'], client: ImsClient & { accessToken?: unknown }): Promise<string> {
	const imsUrl = checkedImsUrl(client.imsUrl);
	const clientId = text(client.clientId);
	const clientSecret = text(client.clientSecret);
	const scopes = text(client.scopes)
		.split(',')
		.map((scope) => scope.trim())
		.filter(Boolean)
		.join(',');
	const consoleHint = 'Copy it from your Adobe Developer Console project (OAuth Server-to-Server credential).';
	if (!clientId) throw new AdobeImsError({ source: 'ims', title: 'the credential\'s "Client ID" is empty', hint: consoleHint });
	if (!clientSecret) throw new AdobeImsError({ source: 'ims', title: 'the credential\'s "Client Secret" is empty', hint: consoleHint });
	if (!scopes) throw new AdobeImsError({ source: 'ims', title: 'the credential\'s "Scopes" is empty', hint: consoleHint });

	const key = `${imsUrl}\n${clientId}\n${scopes}`;
	const pending = inFlight.get(key);
	if (pending && pending.secret === clientSecret) return await pending.token;
	const latest = newest.get(key);
	const held = typeof client.accessToken === 'string' ? client.accessToken : '';
	if (latest && latest.secret === clientSecret && latest.token !== held && Date.now() - latest.at < REUSE_WINDOW_MS) {
		return latest.token;
	}

	const token = requestToken(helpers, `${imsUrl}${IMS_TOKEN_PATH}`, { clientId, clientSecret, scopes });
	const entry = { secret: clientSecret, token };
	inFlight.set(key, entry);
	try {
		const value = await token;
		newest.set(key, { secret: clientSecret, token: value, at: Date.now() });
		return value;
	} finally {
		if (inFlight.get(key) === entry) inFlight.delete(key);
	}
}
