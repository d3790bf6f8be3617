/**
 * Every regex the three nodes hand to n8n (a picker's By ID validation) is anchored, and a group is
 * repeated only when it starts with a delimiter its character class excludes (`(/[a-z]+)+`), so no
 * input can be split two ways and n8n's check runs in linear time: n8n-workflow 2.41 stops a
 * parameter regex after 250 ms (see test/support/nativeRegexEngine.ts).
 */
import { AdobeExperiencePlatform } from '../../nodes/AdobeExperiencePlatform/AdobeExperiencePlatform.node';
import { AdobeExperiencePlatformTrigger } from '../../nodes/AdobeExperiencePlatformTrigger/AdobeExperiencePlatformTrigger.node';
import { AdobeRedshiftConnection } from '../../nodes/AdobeRedshiftConnection/AdobeRedshiftConnection.node';

/** Every `regex` string anywhere in a description, with where it was found. */
function regexes(value: unknown, path: string): Array<[string, string]> {
	if (Array.isArray(value)) return value.flatMap((v, i) => regexes(v, `${path}[${i}]`));
	if (value === null || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([key, v]) =>
		key === 'regex' && typeof v === 'string'
			? [[path, v] as [string, string]]
			: regexes(v, `${path}.${key}`),
	);
}

const found = [
	...regexes(new AdobeExperiencePlatform().description, 'AdobeExperiencePlatform'),
	...regexes(new AdobeExperiencePlatformTrigger().description, 'AdobeExperiencePlatformTrigger'),
	...regexes(new AdobeRedshiftConnection().description, 'AdobeRedshiftConnection'),
];

/** A repeated group `(<delimiter>[class]+)+`: captures the delimiter and the class. */
const delimited = /\((\\?[^\\[(])(\[[^\]]+\])\+\)[+*]/g;

describe('regexes in the node descriptions', () => {
	it('finds the pickers\u2019 By ID patterns', () => {
		expect(found.length).toBeGreaterThanOrEqual(10);
	});

	it.each(found)('%s is anchored, repeating only delimited groups: %s', (_path, pattern) => {
		expect(pattern.startsWith('^')).toBe(true);
		expect(pattern.endsWith('$')).toBe(true);
		for (const [, delimiter, charClass] of pattern.matchAll(delimited)) {
			expect(charClass.includes(delimiter.replace('\\', ''))).toBe(false);
		}
		expect(pattern.replace(delimited, '')).not.toMatch(/\)[*+?{]/);
	});

	it('refuses a repeated group whose delimiter its class can match', () => {
		const [[, delimiter, charClass]] = [...'^(a[a-z]+)+$'.matchAll(delimited)];
		expect(charClass.includes(delimiter)).toBe(true);
	});
});
