import { InvalidFieldError } from './InvalidFieldError';

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
 * Checks an IMS or Platform base URL from the credential and returns it without a trailing
 * slash. Only https is accepted, except for loopback hosts (local emulators and tests), so a
 * typo can never send the client secret or a token over plain HTTP to another machine.
 */
export function normaliseServiceUrl(field: string, label: string, value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) {
		throw new InvalidFieldError(field, `"${label}" is empty. Enter a URL such as https://platform.adobe.io.`);
	}
	if (!URL.canParse(text)) {
		throw new InvalidFieldError(field, `"${label}" is not a valid URL: "${text}". Enter a URL such as https://platform.adobe.io.`);
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
		throw new InvalidFieldError(field, `"${label}" must not contain user info, a query string or a fragment; got "${url.origin}${url.pathname}".`);
	}
	return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
