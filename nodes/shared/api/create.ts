/**
 * `POST` of a Flow Service object (base, source or target connection, flow) that is never applied
 * twice, and that counts as done only with proof: Adobe's documented `201 {id, etag}`.
 */
import type { IDataObject } from 'n8n-workflow';

import { isRetryableIdempotent } from '../retryPolicy';
import { sendWithRetries, toNodeApiError, type Failure, type PlatformContext, type PlatformRequest, type RequestContext } from '../transport';
import { isConnectionId } from '../validation';

/** Adobe's answer to a Flow Service create: the new object's ID (a UUID) and its etag (quotes included). */
export interface Created {
	id: string;
	etag: string;
}

/** Is this a create's proof: a UUID `id` and a non-empty `etag`? */
export function isCreated(body: unknown): body is Created {
	const answer = body as Partial<Created> | undefined;
	return isConnectionId(answer?.id) && typeof answer?.etag === 'string' && answer.etag !== '';
}

/** A 2xx answer without the id and etag a create must return: Adobe may or may not have acted. */
export function createdWithoutProof(status: number, body: unknown, noun: string, lookup: string): Failure {
	const shown = body === undefined || body === '' ? '(empty body)' : JSON.stringify(body).slice(0, 200);
	return {
		facts: { malformedBody: true },
		reached: 'yes',
		decoded: {
			source: 'http',
			status,
			title: `Adobe answered the create with HTTP ${status} but without a ${noun} ID and etag`,
			detail: `Answer: ${shown}. No ${noun} created by this attempt was found.`,
			hint: `Check the ${noun}s in the sandbox (${lookup}) before running the item again.`,
		},
	};
}

export interface CreateOnceOptions {
	/** What is created, for messages: "source connection". */
	noun: string;
	/** Where a person looks for it, for messages: "Get Many with a Connection filter". */
	lookup: string;
	/**
	 * After an ambiguous failure (timeout, reset, 5xx, a 2xx without proof): the object this attempt
	 * made, if Adobe lists it; undefined when absent (then the POST may be sent again).
	 */
	recover: () => Promise<Created | undefined>;
	itemIndex?: number;
}

/**
 * Sends `request` (a POST with a body) with the transport's retries, never creating twice: blind
 * retries only when Adobe certainly did not act (429, connection refused); after an ambiguous
 * failure `options.recover` looks first, and a retry follows only if it found nothing. Returns the
 * id and etag (`recovered: true` when found by the lookup); throws NodeApiError otherwise.
 */
export async function createOnce(this: RequestContext, ctx: PlatformContext, request: PlatformRequest & { body: IDataObject }, options: CreateOnceOptions): Promise<Created & { recovered: boolean }> {
	const outcome = await sendWithRetries.call(this, ctx, request, {
		// Safe: an ambiguous failure is retried only after `recover` found nothing.
		shouldRetry: (failure: Failure) => isRetryableIdempotent(failure.facts),
		accept: (status: number, answer: unknown) => (isCreated(answer) ? undefined : createdWithoutProof(status, answer, options.noun, options.lookup)),
		recover: options.recover,
	});
	if (outcome.ok) {
		const body = outcome.body as Created;
		return { id: body.id, etag: body.etag, recovered: 'recovered' in outcome };
	}
	throw toNodeApiError.call(this, outcome.failure, options.itemIndex);
}
