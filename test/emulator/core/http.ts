/** Request/response plumbing shared by the routes. Handlers return a Reply; the server writes it. */
import { flow } from './errors';

export interface RequestContext {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: Record<string, string>;
	body: string;
	requestId: string;
}

export interface Reply {
	status: number;
	headers: Record<string, string>;
	/** Serialized body; undefined for an empty body (e.g. 204). */
	body?: string;
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
	return {
		status,
		headers: { 'content-type': 'application/json;charset=utf-8', ...headers },
		body: JSON.stringify(value),
	};
}

export function empty(status: number): Reply {
	return { status, headers: {} };
}

/** Media type of a Content-Type header, lower-case, without parameters. */
export function mediaType(header: string | undefined): string {
	return (header ?? '').split(';')[0].trim().toLowerCase();
}

/** Flow Service POST/PATCH bodies: Content-Type application/json and parseable JSON. */
export function readJsonBody(ctx: RequestContext): unknown {
	if (mediaType(ctx.headers['content-type']) !== 'application/json')
		throw flow.unsupportedMediaType();
	try {
		return JSON.parse(ctx.body);
	} catch {
		throw flow.malformedJson();
	}
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
