import { normaliseServiceUrl, readServiceUrl } from '../../../nodes/shared/kernel/endpoints';
import { invalidField } from '../../support/invalidField';

describe('normaliseServiceUrl', () => {
	it.each([
		['https://platform.adobe.io', 'https://platform.adobe.io'],
		['https://platform.adobe.io/', 'https://platform.adobe.io'],
		[' https://ims-na1.adobelogin.com ', 'https://ims-na1.adobelogin.com'],
		['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
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
		['http://127.5.6.7/base/', /without a path/],
		['https://ims-na1.adobelogin.com/ims/token/v2', /without a path/],
		// The Platform URL's suffix is not the IMS URL's.
		['https://ims-na1.adobelogin.com/data/foundation/flowservice', /without a path/],
	])('rejects %s', (input, message) => {
		const caught = invalidField(() => normaliseServiceUrl('imsUrl', 'IMS URL', input));
		expect(caught.field).toBe('imsUrl');
		expect(caught.message).toMatch(message);
		expect(caught.message).toContain('"IMS URL"');
	});
});

describe('readServiceUrl: pasted endpoints', () => {
	it.each([
		[
			'imsUrl',
			'IMS URL',
			'https://ims-na1.adobelogin.com/ims/token/v3',
			'https://ims-na1.adobelogin.com',
			'/ims/token/v3',
		],
		[
			'imsUrl',
			'IMS URL',
			'http://127.0.0.1:9000/ims/token/v3/',
			'http://127.0.0.1:9000',
			'/ims/token/v3',
		],
		[
			'platformUrl',
			'Platform URL',
			'https://platform.adobe.io/data/foundation/flowservice',
			'https://platform.adobe.io',
			'/data/foundation/flowservice',
		],
		[
			'platformUrl',
			'Platform URL',
			'https://platform.adobe.io/data/foundation/flowservice/',
			'https://platform.adobe.io',
			'/data/foundation/flowservice',
		],
	])('%s %s: %s becomes %s with a note', (field, label, input, expected, suffix) => {
		const { url, note } = readServiceUrl(field, label, input);
		expect(url).toBe(expected);
		expect(note).toContain(`"${label}" ended in ${suffix}`);
	});

	it('a base URL has no note', () => {
		expect(readServiceUrl('platformUrl', 'Platform URL', 'https://platform.adobe.io/')).toEqual({
			url: 'https://platform.adobe.io',
		});
	});

	it('the Platform URL refuses the IMS path, naming the field', () => {
		expect(() =>
			readServiceUrl('platformUrl', 'Platform URL', 'https://platform.adobe.io/ims/token/v3'),
		).toThrow(/"Platform URL" must be the service's address only/);
	});
});
