import { createHash } from 'node:crypto';

import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { IMS_TOKEN_PATH } from './constants';
import { normaliseServiceUrl } from './endpoints';
import {
	decodeAdobeErrorResponse,
	decodeNetworkError,
	decodeRedirect,
	isRedirectStatus,
	formatAdobeError,
	scrubDecodedError,
	type DecodedAdobeError,
} from './errors';

export interface ImsClient {
	imsUrl?: unknown;
	clientId?: unknown;
	clientSecret?: unknown;
	scopes?: unknown;
}

export const IMS_ERROR_PREFIX = 'Adobe IMS: ';

/** A decoded IMS token failure; message and description carry everything, as NodeApiError keeps only those. */
export class AdobeImsError extends Error {
	readonly description: string;

	constructor(readonly decoded: DecodedAdobeError) {
		const { message, description } = formatAdobeError(decoded);
		// The credential's Test button shows only the message, so it carries the fix too.
		super(
			`${IMS_ERROR_PREFIX}${message}${decoded.detail ? `: ${decoded.detail}` : ''}. ${decoded.hint}`,
		);
		this.description = description;
		this.name = 'AdobeImsError';
	}
}

/** How long a process hands its own newest token to callers that hold none or a refused one. */
const REUSE_WINDOW_MS = 60_000;
/** Tokens remembered per client (seen and refused); older ones are forgotten first. */
const MEMORY = 100;

function sha256(value: string): string {
	return createHash('sha256').update(value).digest('hex');
}

/** A Map that forgets its oldest entries beyond MEMORY. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
	map.set(key, value);
	while (map.size > MEMORY) map.delete(map.keys().next().value as string);
}

/** What one process knows about one client's tokens. Tokens are kept as SHA-256 hashes, except the newest. */
interface ClientTokens {
	/** The token request in flight, shared by every caller that needs a token meanwhile. */
	pending?: Promise<string>;
	/** The last token this process fetched; `order` is when its answer arrived, `at` the clock then (ms). */
	newest?: { token: string; order: number; at: number };
	/** When this process first saw each token (fetched it, or was first told it was refused), by hash. */
	seen: Map<string, number>;
	/** Tokens a request was refused with (401), by hash: never handed out again. */
	refused: Map<string, true>;
}

/**
 * One process's IMS token cache. In queue mode the caller's token may come from another process, so
 * the cache reuses its own token only if newer than the refused one, and never returns a refused token.
 */
export interface ImsTokenCache {
	/**
	 * An OAuth Server-to-Server token, fetched or cached; `client.accessToken` ('' or the caller's) is
	 * treated as refused. Concurrent callers share one request. Throws AdobeImsError.
	 */
	fetchAccessToken(
		helpers: IHttpRequestHelper['helpers'],
		client: ImsClient & { accessToken?: unknown },
	): Promise<string>;
	/** Tokens this process fetched and still hands out, so error text can be scrubbed of them even mid-run. */
	issuedTokens(): string[];
}

/** Creates a token cache; `now` (ms since the epoch) is injectable for tests. */
export function createImsTokenCache(now: () => number = Date.now): ImsTokenCache {
	const clients = new Map<string, ClientTokens>();
	let order = 0;

	function reusable(state: ClientTokens, held: string): string | undefined {
		const newest = state.newest;
		if (!newest || state.refused.has(sha256(newest.token))) return undefined;
		if (now() - newest.at >= REUSE_WINDOW_MS) return undefined;
		const heldSeen = held === '' ? undefined : state.seen.get(sha256(held));
		if (heldSeen !== undefined && newest.order <= heldSeen) return undefined;
		return newest.token;
	}

	async function refresh(state: ClientTokens, request: () => Promise<string>): Promise<string> {
		const pending = request().then((token) => {
			order++;
			state.newest = { token, order, at: now() };
			remember(state.seen, sha256(token), order);
			return token;
		});
		state.pending = pending;
		try {
			return await pending;
		} finally {
			if (state.pending === pending) state.pending = undefined;
		}
	}

	return {
		async fetchAccessToken(helpers, client) {
			const { imsUrl, clientId, clientSecret, scopes } = checkedClient(client);
			// The key holds a hash of the secret, never the secret: the cache lives as long as the process.
			const key = sha256(`${imsUrl}\n${clientId}\n${scopes}\n${clientSecret}`);
			let state = clients.get(key);
			if (!state) clients.set(key, (state = { seen: new Map(), refused: new Map() }));

			const held = typeof client.accessToken === 'string' ? client.accessToken : '';
			if (held !== '') {
				const hash = sha256(held);
				remember(state.refused, hash, true);
				// A token first met here was fetched by another process at an unknown time.
				if (!state.seen.has(hash)) remember(state.seen, hash, ++order);
			}
			// An answer still on its way arrives after everything seen so far.
			if (state.pending) return await state.pending;
			const reuse = reusable(state, held);
			if (reuse !== undefined) return reuse;
			return await refresh(
				state,
				async () =>
					await requestToken(helpers, `${imsUrl}${IMS_TOKEN_PATH}`, {
						clientId,
						clientSecret,
						scopes,
					}),
			);
		},
		issuedTokens() {
			return [...clients.values()].flatMap((state) => (state.newest ? [state.newest.token] : []));
		},
	};
}

const processCache = createImsTokenCache();

/** Fetches an access token through this process's cache; see ImsTokenCache.fetchAccessToken. */
export async function fetchAccessToken(
	helpers: IHttpRequestHelper['helpers'],
	client: ImsClient & { accessToken?: unknown },
): Promise<string> {
	return await processCache.fetchAccessToken(helpers, client);
}

/** Tokens this process fetched, so error text can be scrubbed of them even mid-run. */
export function issuedTokens(): string[] {
	return processCache.issuedTokens();
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/** Deadline (ms) for one token request, answer body included. */
const IMS_DEADLINE_MS = 30_000;

/** A response header by name, whatever its case (axios and n8n hand back plain objects). */
export function headerValue(headers: unknown, name: string): unknown {
	if (!headers || typeof headers !== 'object') return undefined;
	const record = headers as Record<string, unknown>;
	const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
	return key === undefined ? undefined : record[key];
}

async function requestToken(
	helpers: IHttpRequestHelper['helpers'],
	url: string,
	client: { clientId: string; clientSecret: string; scopes: string },
): Promise<string> {
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
		// A deadline for the whole exchange, body included (axios' timeout is only an idle timeout).
		abortSignal: AbortSignal.timeout(IMS_DEADLINE_MS),
		// A redirect would carry the client secret (form body) to another origin.
		disableFollowRedirect: true,
	};
	let response: unknown;
	let failure: DecodedAdobeError | undefined;
	try {
		response = await helpers.httpRequest(options);
	} catch (error) {
		const status: number | undefined = error?.response?.status;
		failure =
			status === undefined
				? options.abortSignal?.aborted
					? {
							...decodeNetworkError('ETIMEDOUT', undefined),
							title: `the token request did not finish within ${IMS_DEADLINE_MS / 1000} s`,
						}
					: decodeNetworkError(error?.code, error?.message)
				: isRedirectStatus(status)
					? decodeRedirect(
							status,
							headerValue(error?.response?.headers, 'location'),
							url,
							'IMS URL',
						)
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
			hint: "Check the credential's IMS URL: it must point at Adobe IMS (https://ims-na1.adobelogin.com).",
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
	if (problem !== undefined)
		throw new AdobeImsError({
			source: 'ims',
			title: problem,
			hint: "Fix the credential's IMS URL.",
		});
	return url;
}

function safeJson(value: string): unknown {
	try {
		return JSON.parse(value);
	} catch {
		return undefined;
	}
}

/** Reads and checks the credential's IMS fields; throws AdobeImsError naming an empty or bad field. */
function checkedClient(client: ImsClient): {
	imsUrl: string;
	clientId: string;
	clientSecret: string;
	scopes: string;
} {
	const imsUrl = checkedImsUrl(client.imsUrl);
	const clientId = text(client.clientId);
	const clientSecret = text(client.clientSecret);
	const scopes = text(client.scopes)
		.split(',')
		.map((scope) => scope.trim())
		.filter(Boolean)
		.join(',');
	const consoleHint =
		'Copy it from your Adobe Developer Console project (OAuth Server-to-Server credential).';
	if (!clientId)
		throw new AdobeImsError({
			source: 'ims',
			title: 'the credential\'s "Client ID" is empty',
			hint: consoleHint,
		});
	if (!clientSecret)
		throw new AdobeImsError({
			source: 'ims',
			title: 'the credential\'s "Client Secret" is empty',
			hint: consoleHint,
		});
	if (!scopes)
		throw new AdobeImsError({
			source: 'ims',
			title: 'the credential\'s "Scopes" is empty',
			hint: consoleHint,
		});
	return { imsUrl, clientId, clientSecret, scopes };
}
