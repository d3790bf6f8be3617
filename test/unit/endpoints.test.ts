import { normaliseServiceUrl } from '../../nodes/shared/endpoints';
import { InvalidFieldError } from '../../nodes/shared/InvalidFieldError';

describe('normaliseServiceUrl', () => {
	it.each([
		['https://platform.adobe.io', 'https://platform.adobe.io'],
		['https://platform.adobe.io/', 'https://platform.adobe.io'],
		[' https://ims-na1.adobelogin.com ', 'https://ims-na1.adobelogin.com'],
		['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
		['http://127.5.6.7/base/', 'http://127.5.6.7/base'],
		['http://localhost:3000', 'http://localhost:3000'],
		['http://[::1]:3000', 'http://[::1]:3000'],
	])('accepts %s', (input, expected) => {
		expect(normaliseServiceUrl('platformUrl', 'Platform URL', input)).toBe(expected);
	});

	it.each([
		['http://platform.adobe.io', /must use https/],
		['http://10.0.0.1', /must use https/],
		['http://127.0.0.1.nip.io', /must use https/],
		['ftp://platform.adobe.io', /must use https/],
		['platform.adobe.io', /not a valid URL/],
		['', /empty/],
		['https://user:pw@platform.adobe.io', /user info/],
		['https://platform.adobe.io?x=1', /query string/],
	])('rejects %s', (input, message) => {
		let caught: unknown;
		try {
			normaliseServiceUrl('imsUrl', 'IMS URL', input);
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(InvalidFieldError);
		expect((caught as InvalidFieldError).field).toBe('imsUrl');
		expect((caught as InvalidFieldError).message).toMatch(message);
		expect((caught as InvalidFieldError).message).toContain('"IMS URL"');
	});
});
