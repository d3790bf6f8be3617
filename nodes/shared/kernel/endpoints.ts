import { FLOW_SERVICE_PATH, IMS_TOKEN_PATH } from './constants';
import { InvalidFieldError } from './validation';

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

function isLoopbackHost(hostname: string): boolean {
	if (LOOPBACK_HOSTS.has(hostname)) return true;
	const octets = hostname.split('.');
	return (
		octets.length === 4 &&
		octets[0] === '127' &&
		octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255)
	);
}

/**
 * Paths people paste by mistake, per credential field: the full endpoint instead of the base URL.
 * They are removed (with a note); any other path is refused.
 */
const PASTED_SUFFIXES: Record<string, string> = {
	imsUrl: IMS_TOKEN_PATH,
	platformUrl: FLOW_SERVICE_PATH,
};

/** A checked base URL and, when a pasted endpoint path was removed from it, a note saying so. */
export interface ServiceUrl {
	url: string;
	note?: string;
}

/**
 * Checks an IMS or Platform base URL: https only (http for loopback), trailing slash and known API
 * path removed, any other path refused. Throws InvalidFieldError naming the field.
 */
export function readServiceUrl(field: string, label: string, value: unknown): ServiceUrl {
	// The credential's authenticate() checks the Platform URL on every request: same input, same answer.
	const key = typeof value === 'string' ? JSON.stringify([field, label, value]) : undefined;
	const known = key === undefined ? undefined : checkedUrls.get(key);
	if (known) return known;
	const result = Object.freeze(parseServiceUrl(field, label, value));
	if (key !== undefined) {
		if (checkedUrls.size >= CHECKED_URLS_KEPT)
			checkedUrls.delete(checkedUrls.keys().next().value as string);
		checkedUrls.set(key, result);
	}
	return result;
}

/** Service URLs already checked (valid ones only), oldest first; a few credentials' worth. */
const checkedUrls = new Map<string, ServiceUrl>();
const CHECKED_URLS_KEPT = 32;

function parseServiceUrl(field: string, label: string, value: unknown): ServiceUrl {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) {
		throw new InvalidFieldError(
			field,
			`"${label}" is empty. Enter a URL such as https://platform.adobe.io.`,
		);
	}
	if (!URL.canParse(text)) {
		throw new InvalidFieldError(
			field,
			`"${label}" is not a valid URL: "${text}". Enter a URL such as https://platform.adobe.io.`,
		);
	}
	const url = new URL(text);
	const loopback = isLoopbackHost(url.hostname);
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
		throw new InvalidFieldError(
			field,
			`"${label}" must use https:// (http:// is allowed only for loopback hosts such as 127.0.0.1 or localhost); got "${text}".`,
		);
	}
	if (url.username || url.password || url.search || url.hash) {
		throw new InvalidFieldError(
			field,
			`"${label}" must not contain user info, a query string or a fragment; got "${url.origin}${url.pathname}".`,
		);
	}
	const path = url.pathname.replace(/\/+$/, '');
	if (path === '') return { url: url.origin };
	const suffix = PASTED_SUFFIXES[field];
	if (suffix !== undefined && path.toLowerCase() === suffix) {
		return {
			url: url.origin,
			note: `"${label}" ended in ${suffix}; it was used as ${url.origin}. Remove ${suffix} from the field.`,
		};
	}
	throw new InvalidFieldError(
		field,
		`"${label}" must be the service's address only, without a path (such as ${field === 'imsUrl' ? 'https://ims-na1.adobelogin.com' : 'https://platform.adobe.io'}); got "${url.origin}${url.pathname}".`,
	);
}

/** readServiceUrl's URL alone (see there). */
export function normaliseServiceUrl(field: string, label: string, value: unknown): string {
	return readServiceUrl(field, label, value).url;
}
