import {
	type NodeApiError,
	sleep,
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE, FLOW_SERVICE_PATH } from './constants';
import { readServiceUrl } from './endpoints';
import {
	decodeAdobeErrorResponse,
	decodeNetworkError,
	decodeRedirect,
	formatAdobeError,
	isRedirectStatus,
	scrubDecodedError,
	type AskedFor,
	type DecodedAdobeError,
} from './errors';
import { AdobeImsError, IMS_ERROR_PREFIX, headerValue, issuedTokens } from './imsToken';
import {
	DEFAULT_BACKOFF,
	isRetryableIdempotent,
	type BackoffSettings,
	parseRetryAfter,
	reachedService,
	retryAfterBeyondCap,
	retryDelayMs,
	type FailureFacts,
	type Reached,
} from './retryPolicy';
import { safeApiError } from './nodeErrors';
import {
	DEFAULT_PACING,
	isThrottleStatus,
	PacerRegistry,
	type PacedAnswer,
	type PacingSettings,
	type PacingTuning,
} from './pacing';
import { checkOrgId, checkSandboxName } from './validation';
import { DEFAULT_RUN_WAIT, type RunWaitSettings } from './runWait';

/** Every n8n context our nodes send requests from: an operation, an editor list, a polling trigger. */
export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface RequestPolicy {
	maxRetries: number;
	/** Deadline (ms) for one whole HTTP exchange, body included (not an idle timeout). */
	timeoutMs: number;
	/** No retry starts once this much time has passed since the first attempt. */
	budgetMs: number;
	/** Waits between attempts (ms); tests shrink them, the node has no option for them. */
	backoff: BackoffSettings;
	/** Adaptive pacing ("Adapt to Throttling"), shared by the run's requests; undefined = off. */
	pacing?: PacingSettings;
	/** How pacing reacts when the option turns it on; tests pass a faster tuning, as with backoff. */
	pacingTuning: PacingTuning;
	/** Flow Run > Run Now's wait for the run to finish: its checks' backoff and clock (tests drive the clock). */
	runWait: RunWaitSettings;
}

/** The node's Options override maxRetries and timeoutMs; the rest is fixed. */
export const DEFAULT_POLICY: RequestPolicy = {
	maxRetries: 3,
	timeoutMs: 30_000,
	budgetMs: 120_000,
	backoff: DEFAULT_BACKOFF,
	pacingTuning: DEFAULT_PACING,
	runWait: DEFAULT_RUN_WAIT,
};

/** What one node run learns as it goes, shared by all its items. */
export interface RunState {
	/**
	 * Set once a token fetched during this run was rejected as well (401 after n8n's refresh): the
	 * gateway rejects every token, so further refreshes would only storm IMS. Later 401s fail at once.
	 */
	refreshSpent: boolean;
}

/** What every request of one node run shares: read and checked once from the credential. */
export interface PlatformContext {
	platformUrl: string;
	defaultSandbox: string;
	/** Values that must never appear in output or errors. */
	secrets: string[];
	policy: RequestPolicy;
	run: RunState;
	/** Corrections made to the credential's URLs (e.g. a pasted token endpoint), for the output. */
	notes: string[];
	/**
	 * The credential as read once for the run. Handing it to n8n spares a credential read and
	 * decryption per request, and a token refreshed by one item serves every item at once.
	 */
	credentials?: ICredentialsDecrypted;
	/** The run's pacers (one per credential and sandbox), when the policy asks for pacing. */
	pacers?: PacerRegistry;
	/** Which credential the pacers are keyed by: its ID, else its Client ID. */
	credentialKey: string;
}

export async function loadPlatformContext(
	this: RequestContext,
	policy: RequestPolicy = DEFAULT_POLICY,
): Promise<PlatformContext> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const ims = readServiceUrl('imsUrl', 'IMS URL (credential)', credentials.imsUrl);
	const platform = readServiceUrl(
		'platformUrl',
		'Platform URL (credential)',
		credentials.platformUrl,
	);
	checkOrgId({ field: 'orgId', label: 'IMS Org ID (credential)' }, credentials.orgId);
	const reference = this.getNode().credentials?.[CREDENTIAL_TYPE];
	return {
		credentials: reference?.id
			? { id: reference.id, name: reference.name, type: CREDENTIAL_TYPE, data: credentials }
			: undefined,
		platformUrl: platform.url,
		run: { refreshSpent: false },
		notes: [ims.note, platform.note].filter((note): note is string => note !== undefined),
		defaultSandbox: checkSandboxName(
			{ field: 'sandboxName', label: 'Sandbox Name (credential)' },
			credentials.sandboxName,
		),
		secrets: [credentials.clientSecret, credentials.accessToken].filter(
			(value): value is string => typeof value === 'string',
		),
		policy,
		pacers: policy.pacing ? new PacerRegistry(policy.pacing) : undefined,
		credentialKey: reference?.id ?? String(credentials.clientId ?? ''),
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

/** A request that failed; `afterAmbiguousAttempt`: an earlier try may have been applied by Adobe before it failed. */
export type Failed = { ok: false; failure: Failure; afterAmbiguousAttempt?: boolean };

/** What one exchange (sendOnce) ends with. */
export type Answer<T> = { ok: true; body: T; status: number } | Failed;

/** What a request with retries ends with; `recovered`: the result was found by a lookup after an ambiguous failure. */
export type Outcome<T> = Answer<T> | { ok: true; body: T; recovered: true };

export function flowServicePath(path: string): string {
	return `${FLOW_SERVICE_PATH}${path}`;
}

function statusOf(value: unknown): number | undefined {
	const status = typeof value === 'string' ? Number(value) : value;
	return typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599
		? status
		: undefined;
}

/** An HTTP answer we got in full (status, body and headers, e.g. Retry-After) to the request `asked`. */
function describeAnswer(
	status: number,
	body: unknown,
	headers: unknown,
	secrets: string[],
	asked?: AskedFor,
): Failure {
	const facts: FailureFacts = { status };
	return {
		facts,
		reached: reachedService(facts),
		decoded: scrubDecodedError(decodeAdobeErrorResponse(status, body, asked), secrets),
		retryAfterMs: parseRetryAfter(headerValue(headers, 'retry-after'), Date.now()),
	};
}

/** Rebuilds an IMS failure from the message of the NodeApiError that n8n wrapped it in. */
function imsFailureFromMessage(message: string): DecodedAdobeError {
	const status = statusOf(message.match(/\(HTTP (\d{3})\)/)?.[1]);
	const code = message.match(/\[(E[A-Z_]+)\]/)?.[1];
	return {
		source: 'ims',
		status,
		code: status === undefined ? code : undefined,
		title: message.slice(IMS_ERROR_PREFIX.length),
		hint: 'Fix the credential (Client ID, Client Secret, Scopes, IMS URL) and try again.',
	};
}

/**
 * A thrown request error, read from what n8n's NodeApiError keeps (it drops `cause`): httpCode,
 * context.data and the message.
 */
function describeThrown(error: unknown, secrets: string[], asked?: AskedFor): Failure {
	const wrapped = error as {
		message?: string;
		description?: string;
		httpCode?: string | null;
		context?: { data?: unknown };
		cause?: {
			code?: string;
			message?: string;
			response?: { status?: number; data?: unknown; headers?: unknown };
		};
	};
	const message = wrapped?.message ?? String(error);
	if (error instanceof AdobeImsError || message.startsWith(IMS_ERROR_PREFIX)) {
		// The token request failed: Flow Service was never called.
		const ims = error instanceof AdobeImsError ? error : undefined;
		const decoded: DecodedAdobeError = ims?.decoded ?? imsFailureFromMessage(message);
		// Without a status or socket code it is a setting problem: nothing transient to retry.
		const facts: FailureFacts =
			decoded.status === undefined && decoded.code === undefined
				? { status: 400 }
				: { status: decoded.status, code: decoded.status === undefined ? decoded.code : undefined };
		return {
			facts,
			reached: 'no',
			decoded: scrubDecodedError(
				{ ...decoded, title: `${IMS_ERROR_PREFIX}${decoded.title}` },
				secrets,
			),
		};
	}
	const response = wrapped.cause?.response;
	const status = statusOf(response?.status) ?? statusOf(wrapped.httpCode);
	if (status !== undefined)
		return describeAnswer(
			status,
			response?.data ?? wrapped.context?.data,
			response?.headers,
			secrets,
			asked,
		);
	const code =
		wrapped.cause?.code ??
		(typeof wrapped.httpCode === 'string' && /^E[A-Z_]+$/.test(wrapped.httpCode)
			? wrapped.httpCode
			: undefined);
	const facts: FailureFacts = { code };
	return {
		facts,
		reached: reachedService(facts),
		decoded: scrubDecodedError(
			decodeNetworkError(code, wrapped.cause?.message ?? message),
			secrets,
		),
	};
}

type FullResponse = { body: unknown; headers: unknown; statusCode: number };

/** Sets `abortSignal` so it also fires at our deadline (n8n overwrites it with the cancel signal; the setter combines them). */
function withDeadline(options: IHttpRequestOptions, deadline: AbortSignal): IHttpRequestOptions {
	let signal: AbortSignal = deadline;
	Object.defineProperty(options, 'abortSignal', {
		enumerable: true,
		configurable: true,
		get: () => signal,
		set: (other: AbortSignal | undefined) => {
			signal = other && other !== deadline ? AbortSignal.any([deadline, other]) : deadline;
		},
	});
	return options;
}

class DeadlineExceeded extends Error {}

/** Settles with `promise`, or rejects with DeadlineExceeded once `signal` fires, whichever is first. */
async function beforeDeadline<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
	return await new Promise<T>((resolve, reject) => {
		const onAbort = () => reject(new DeadlineExceeded());
		if (signal.aborted) return onAbort();
		signal.addEventListener('abort', onAbort, { once: true });
		promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
	});
}

function deadlineFailure(timeoutMs: number): Failure {
	const facts: FailureFacts = { code: 'ETIMEDOUT' };
	return {
		facts,
		reached: reachedService(facts),
		decoded: {
			...decodeNetworkError('ETIMEDOUT', undefined),
			title: `Adobe did not finish answering within ${timeoutMs / 1000} s (the node's Timeout option, a deadline for the whole answer)`,
		},
	};
}

/** The 401 after this run already saw a freshly fetched token rejected. */
function refreshSpentFailure(failure: Failure): Failure {
	return {
		...failure,
		decoded: {
			...failure.decoded,
			hint: `A token fetched during this run was rejected as well, so this run asks for no more tokens. ${failure.decoded.hint}`,
		},
	};
}

/**
 * One HTTP exchange through n8n's authenticated helper; never throws. A 401 is resent once in
 * throwing mode, since n8n refreshes the token only for a thrown 401. The timeout (ms) covers the
 * whole exchange; pacing waits come first and are not counted.
 */
async function sendOnce<T>(
	this: RequestContext,
	ctx: PlatformContext,
	request: PlatformRequest,
): Promise<Answer<T>> {
	const pacer = ctx.pacers?.pacerFor(ctx.credentialKey, request.sandboxName);
	if (!pacer)
		return await exchangeOnce.call<
			RequestContext,
			[PlatformContext, PlatformRequest],
			Promise<Answer<T>>
		>(this, ctx, request);
	// Before the deadline starts: waiting for a turn is not part of the exchange.
	const sentAt = await pacer.acquire();
	const answer = await exchangeOnce.call<
		RequestContext,
		[PlatformContext, PlatformRequest],
		Promise<Answer<T>>
	>(this, ctx, request);
	pacer.record(sentAt, pacedAnswer(answer));
	return answer;
}

/** What an answer tells the pacer: throttled (429/503, with Retry-After), accepted, or nothing (no HTTP answer). */
function pacedAnswer(answer: Answer<unknown>): PacedAnswer {
	if (answer.ok) return { kind: 'accepted' };
	const { facts, retryAfterMs } = answer.failure;
	if (isThrottleStatus(facts.status)) return { kind: 'throttled', retryAfterMs };
	return facts.status === undefined || facts.malformedBody
		? { kind: 'none' }
		: { kind: 'accepted' };
}

async function exchangeOnce<T>(
	this: RequestContext,
	ctx: PlatformContext,
	request: PlatformRequest,
): Promise<Answer<T>> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${ctx.platformUrl}${request.path}`,
		headers: {
			Accept: 'application/json',
			'x-sandbox-name': request.sandboxName,
			...(request.headers ?? {}),
		},
		qs: request.qs,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// Flow Service repeats filters: property=a&property=b (AND-ed).
		arrayFormat: 'repeat',
		// A redirect would carry the token, the API key and the Redshift password to another origin.
		disableFollowRedirect: true,
	};
	if (request.body !== undefined) {
		options.body = request.body;
		options.headers = { ...options.headers, 'Content-Type': 'application/json' };
	}
	const secrets = [...ctx.secrets, ...(request.secrets ?? []), ...issuedTokens()];
	const shared = ctx.credentials ? { credentialsDecrypted: ctx.credentials } : undefined;
	const deadline = AbortSignal.timeout(ctx.policy.timeoutMs);
	const exchange = async (sent: IHttpRequestOptions) =>
		(await beforeDeadline(
			this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				withDeadline(sent, deadline),
				shared,
			),
			deadline,
		)) as FullResponse;
	let response: FullResponse;
	let resent = false;
	try {
		response = await exchange(options);
		if (response.statusCode === 401 && !ctx.run.refreshSpent) {
			resent = true;
			response = await exchange({ ...options, ignoreHttpStatusErrors: false });
		}
	} catch (error) {
		if (deadline.aborted) return { ok: false, failure: deadlineFailure(ctx.policy.timeoutMs) };
		const failure = describeThrown(error, secrets, request);
		if (resent && failure.facts.status === 401) {
			ctx.run.refreshSpent = true;
			return { ok: false, failure: refreshSpentFailure(failure) };
		}
		return { ok: false, failure };
	}
	const { body, statusCode } = response;
	if (isRedirectStatus(statusCode)) {
		const facts: FailureFacts = { status: statusCode };
		const decoded = decodeRedirect(
			statusCode,
			headerValue(response.headers, 'location'),
			options.url,
			'Platform URL',
		);
		return {
			ok: false,
			failure: { facts, reached: 'no', decoded: scrubDecodedError(decoded, secrets) },
		};
	}
	if (statusCode === 401 && ctx.run.refreshSpent)
		return {
			ok: false,
			failure: refreshSpentFailure(
				describeAnswer(statusCode, body, response.headers, secrets, request),
			),
		};
	if (statusCode >= 400)
		return {
			ok: false,
			failure: describeAnswer(statusCode, body, response.headers, secrets, request),
		};
	// axios hands back unparseable JSON as text; an empty body (204) is fine.
	if (typeof body === 'string' && body.trim() !== '') {
		const facts: FailureFacts = { malformedBody: true };
		return {
			ok: false,
			failure: {
				facts,
				reached: reachedService(facts),
				decoded: scrubDecodedError(
					{
						source: 'http',
						status: statusCode,
						title: 'Adobe answered with a body that is not JSON',
						detail: body,
						hint: "Try again; if it persists, check the credential's Platform URL.",
					},
					secrets,
				),
			},
		};
	}
	return { ok: true, body: body as T, status: statusCode };
}

/**
 * A failure whose Retry-After exceeds the cap, reworded to say how long Adobe asked to wait;
 * undefined when the wait is within the cap (or absent). Such a failure is not retried at all.
 */
function retryAfterRefusal(
	failure: Failure,
	backoff: BackoffSettings = DEFAULT_BACKOFF,
): Failure | undefined {
	if (!retryAfterBeyondCap(failure.retryAfterMs, backoff)) return undefined;
	const seconds = Math.ceil((failure.retryAfterMs as number) / 1000);
	return {
		...failure,
		decoded: {
			...failure.decoded,
			hint: `Adobe asked to wait ${seconds} s before trying again (Retry-After), longer than the ${backoff.retryAfterCapMs / 1000} s this node waits, so it did not retry. Run the item again after that time. ${failure.decoded.hint}`,
		},
	};
}

/** How sendWithRetries treats the answers to one request. */
export interface RetryRules<T> {
	/** Whether a failure may be sent again. */
	shouldRetry: (failure: Failure) => boolean;
	/** Checks a 2xx answer; a Failure is looked for (`findCreated`) but never resent, as Adobe acted. */
	accept?: (status: number, body: T) => Failure | undefined;
	/** After a failure Adobe may have acted on, looks for the result before resending; found = success. */
	findCreated?: (failure: Failure) => Promise<T | undefined>;
}

/**
 * Sends a request, retrying what `rules.shouldRetry` accepts with backoff and jitter (Retry-After
 * honoured up to its cap), within the retry count and time budget (ms). With `rules.findCreated`,
 * an ambiguous failure is looked for first, so a POST is never applied twice.
 */
export async function sendWithRetries<T>(
	this: RequestContext,
	ctx: PlatformContext,
	request: PlatformRequest,
	rules: RetryRules<T>,
): Promise<Outcome<T>> {
	const { backoff, budgetMs, maxRetries } = ctx.policy;
	const started = Date.now();
	let ambiguous = false;
	for (let attempt = 0; ; attempt++) {
		const answer = (await sendOnce.call(this, ctx, request)) as Answer<T>;
		const rejected = answer.ok ? rules.accept?.(answer.status, answer.body) : undefined;
		if (answer.ok && !rejected) return answer;
		const failure = rejected ?? (answer as Failed).failure;
		if (rules.findCreated && failure.reached !== 'no') {
			const found = await rules.findCreated(failure);
			if (found !== undefined) return { ok: true, body: found, recovered: true };
		}
		const result: Failed = { ok: false, failure, afterAmbiguousAttempt: ambiguous };
		if (rejected || attempt >= maxRetries || !rules.shouldRetry(failure)) return result;
		const refusal = retryAfterRefusal(failure, backoff);
		if (refusal) return { ...result, failure: refusal };
		const delay = retryDelayMs(attempt, failure.retryAfterMs, Math.random(), backoff);
		if (Date.now() - started + delay > budgetMs) return result;
		ambiguous ||= failure.reached !== 'no';
		await sleep(delay);
	}
}

/** Retries like platformRequest but hands back the outcome, for callers that judge a final failure. */
export async function idempotentRequest<T>(
	this: RequestContext,
	ctx: PlatformContext,
	request: PlatformRequest,
): Promise<Outcome<T>> {
	return await sendWithRetries.call<
		RequestContext,
		[PlatformContext, PlatformRequest, RetryRules<T>],
		Promise<Outcome<T>>
	>(this, ctx, request, {
		shouldRetry: (failure) => isRetryableIdempotent(failure.facts),
	});
}

export function toNodeApiError(
	this: RequestContext,
	failure: Failure,
	itemIndex?: number,
): NodeApiError {
	const { message, description } = formatAdobeError(failure.decoded);
	const summary: JsonObject = {
		source: failure.decoded.source,
		code: failure.decoded.code ?? null,
		status: failure.decoded.status ?? null,
		message,
	};
	const error = safeApiError(this, summary, {
		message,
		description,
		httpCode: failure.decoded.status === undefined ? undefined : String(failure.decoded.status),
		itemIndex,
	});
	// n8n swaps a message that mentions a socket code (ETIMEDOUT…) for a generic one; ours says more.
	error.message = message;
	return error;
}

/** A request whose repetition is harmless (GET, PATCH with If-Match, DELETE): retried, then thrown. */
export async function platformRequest<T>(
	this: RequestContext,
	ctx: PlatformContext,
	request: PlatformRequest,
	itemIndex?: number,
): Promise<T> {
	const outcome = (await idempotentRequest.call(this, ctx, request)) as Outcome<T>;
	if (outcome.ok) return outcome.body;
	throw toNodeApiError.call(this, outcome.failure, itemIndex);
}
