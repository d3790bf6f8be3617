import {
	NodeApiError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE, FLOW_SERVICE_PATH } from './constants';
import { normaliseServiceUrl } from './endpoints';
import {
	decodeAdobeErrorResponse,
	decodeNetworkError,
	formatAdobeError,
	redactSecrets,
	type DecodedAdobeError,
} from './errors';
import { AdobeImsError } from './imsToken';
import {
	DEFAULT_BACKOFF,
	isRetryableIdempotent,
	parseRetryAfter,
	reachedService,
	retryDelayMs,
	type FailureFacts,
	type Reached,
} from './retryPolicy';
import { checkOrgId, checkSandboxName } from './validation';

export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface RequestPolicy {
	maxRetries: number;
	timeoutMs: number;
	/** No retry starts once this much time has passed since the first attempt. */
	budgetMs: number;
}

export const DEFAULT_POLICY: RequestPolicy = { maxRetries: 3, timeoutMs: 30_000, budgetMs: 120_000 };

/** What every request of one node run shares: read and checked once from the credential. */
export interface PlatformContext {
	platformUrl: string;
	defaultSandbox: string;
	/** Values that must never appear in output or errors. */
	secrets: string[];
	policy: RequestPolicy;
}

export async function loadPlatformContext(this: RequestContext, policy: RequestPolicy = DEFAULT_POLICY): Promise<PlatformContext> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	normaliseServiceUrl('imsUrl', 'IMS URL (credential)', credentials.imsUrl);
	checkOrgId({ field: 'orgId', label: 'IMS Org ID (credential)' }, credentials.orgId);
	return {
		platformUrl: normaliseServiceUrl('platformUrl', 'Platform URL (credential)', credentials.platformUrl),
		defaultSandbox: checkSandboxName({ field: 'sandboxName', label: 'Sandbox Name (credential)' }, credentials.sandboxName),
		secrets: [credentials.clientSecret, credentials.accessToken].filter((value): value is string => typeof value === 'string'),
		policy,
	};
}

export interface PlatformRequest {
	method: IHttpRequestMethods;
	/** Path below the Platform URL, e.g. /data/foundation/flowservice/connections. */
	path: string;
	sandboxName: string;
	body?: IDataObject | IDataObject[];
	qs?: IDataObject;
	headers?: Record<string, string>;
	/** Item-level secrets (e.g. the Redshift password) to scrub from any error text. */
	secrets?: string[];
}

export interface Failure {
	facts: FailureFacts;
	reached: Reached;
	decoded: DecodedAdobeError;
	retryAfterMs?: number;
}

export type Outcome<T> = { ok: true; body: T; status: number } | { ok: false; failure: Failure };

export function flowServicePath(path: string): string {
	return `${FLOW_SERVICE_PATH}${path}`;
}

function header(headers: unknown, name: string): unknown {
	if (!headers || typeof headers !== 'object') return undefined;
	const record = headers as Record<string, unknown>;
	const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
	return key === undefined ? undefined : record[key];
}

function describeFailure(error: unknown, secrets: string[]): Failure {
	// n8n wraps request errors in NodeApiError; the original (axios or our IMS error) is its cause.
	const raw = error as { cause?: unknown };
	const cause = (raw?.cause ?? error) as {
		name?: string;
		code?: string;
		message?: string;
		decoded?: DecodedAdobeError;
		response?: { status?: number; data?: unknown; headers?: unknown };
	};
	let facts: FailureFacts;
	let decoded: DecodedAdobeError;
	let retryAfterMs: number | undefined;
	if (cause instanceof AdobeImsError || cause?.name === 'AdobeImsError') {
		decoded = { ...(cause.decoded as DecodedAdobeError) };
		facts = { status: decoded.status, code: decoded.status === undefined ? decoded.code : undefined };
		// A token request that failed never reached Flow Service.
		return { facts, reached: 'no', decoded: scrub(decoded, secrets) };
	}
	const status = cause?.response?.status;
	if (status !== undefined) {
		facts = { status };
		decoded = decodeAdobeErrorResponse(status, cause.response?.data);
		retryAfterMs = parseRetryAfter(header(cause.response?.headers, 'retry-after'), Date.now());
	} else {
		facts = { code: cause?.code };
		decoded = decodeNetworkError(cause?.code, cause?.message);
	}
	return { facts, reached: reachedService(facts), decoded: scrub(decoded, secrets), retryAfterMs };
}

function scrub(decoded: DecodedAdobeError, secrets: string[]): DecodedAdobeError {
	return {
		...decoded,
		title: redactSecrets(decoded.title, secrets),
		detail: decoded.detail === undefined ? undefined : redactSecrets(decoded.detail, secrets),
	};
}

/** One HTTP exchange through n8n's authenticated helper; never throws. */
export async function sendOnce<T>(this: RequestContext, ctx: PlatformContext, request: PlatformRequest): Promise<Outcome<T>> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${ctx.platformUrl}${request.path}`,
		headers: { Accept: 'application/json', 'x-sandbox-name': request.sandboxName, ...(request.headers ?? {}) },
		qs: request.qs,
		json: true,
		timeout: ctx.policy.timeoutMs,
		returnFullResponse: true,
		// Flow Service repeats filters: property=a&property=b (AND-ed).
		arrayFormat: 'repeat',
	};
	if (request.body !== undefined) {
		options.body = request.body;
		options.headers = { ...options.headers, 'Content-Type': 'application/json' };
	}
	const secrets = [...ctx.secrets, ...(request.secrets ?? [])];
	try {
		const response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options)) as {
			body: unknown;
			statusCode: number;
		};
		const body = response.body;
		// axios hands back unparseable JSON as text; an empty body (204) is fine.
		if (typeof body === 'string' && body.trim() !== '') {
			return {
				ok: false,
				failure: {
					facts: { malformedBody: true, status: undefined },
					reached: 'yes',
					decoded: scrub(
						{ source: 'http', status: response.statusCode, title: 'Adobe answered with a body that is not JSON', detail: body.slice(0, 200), hint: 'Try again; if it persists, check the credential\'s Platform URL.' },
						secrets,
					),
				},
			};
		}
		return { ok: true, body: body as T, status: response.statusCode };
	} catch (error) {
		return { ok: false, failure: describeFailure(error, secrets) };
	}
}

/**
 * Sends a request, retrying the failures `shouldRetry` accepts with exponential backoff and
 * jitter (Retry-After honoured), within the policy's retry count and time budget.
 */
export async function sendWithRetries<T>(
	this: RequestContext,
	ctx: PlatformContext,
	request: PlatformRequest,
	shouldRetry: (failure: Failure) => boolean,
): Promise<Outcome<T>> {
	const started = Date.now();
	for (let attempt = 0; ; attempt++) {
		const outcome = (await sendOnce.call(this, ctx, request)) as Outcome<T>;
		if (outcome.ok || attempt >= ctx.policy.maxRetries || !shouldRetry(outcome.failure)) return outcome;
		const delay = retryDelayMs(attempt, outcome.failure.retryAfterMs, Math.random(), DEFAULT_BACKOFF);
		if (Date.now() - started + delay > ctx.policy.budgetMs) return outcome;
		await sleep(delay);
	}
}

export function toNodeApiError(this: RequestContext, failure: Failure, itemIndex?: number): NodeApiError {
	const { message, description } = formatAdobeError(failure.decoded);
	const summary: JsonObject = {
		source: failure.decoded.source,
		code: failure.decoded.code ?? null,
		status: failure.decoded.status ?? null,
		message,
	};
	return new NodeApiError(this.getNode(), summary, {
		message,
		description,
		httpCode: failure.decoded.status === undefined ? undefined : String(failure.decoded.status),
		itemIndex,
	});
}

/** A request whose repetition is harmless (GET, PATCH with If-Match, DELETE): retried, then thrown. */
export async function platformRequest<T>(this: RequestContext, ctx: PlatformContext, request: PlatformRequest, itemIndex?: number): Promise<T> {
	const outcome = (await sendWithRetries.call(this, ctx, request, (failure) => isRetryableIdempotent(failure.facts))) as Outcome<T>;
	if (outcome.ok) return outcome.body;
	throw toNodeApiError.call(this, outcome.failure, itemIndex);
}
