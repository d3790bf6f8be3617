import { publicConnection } from '../../../../nodes/shared/resources/baseConnection/output';
import { buildUpdatePatch } from '../../../../nodes/shared/resources/baseConnection/body';
import {
	checkConnectionChanges,
	checkEtag,
} from '../../../../nodes/shared/resources/baseConnection/validation';
import { NO_CHANGES as none } from '../../../support/connectionInput';
import { invalidField } from '../../../support/invalidField';

describe('checkConnectionChanges + buildUpdatePatch', () => {
	it('rotates only the password, as one JSON Patch op on its own path', () => {
		expect(buildUpdatePatch(checkConnectionChanges({ ...none, password: 'n3w pass' }))).toEqual([
			{ op: 'replace', path: '/auth/params/password', value: 'n3w pass' },
		]);
	});

	it('renames, describes and moves the server with the port as a string', () => {
		expect(
			buildUpdatePatch(
				checkConnectionChanges({
					...none,
					name: ' New ',
					description: 'd',
					server: 'h2.example.com',
					port: '5440',
				}),
			),
		).toEqual([
			{ op: 'replace', path: '/name', value: 'New' },
			{ op: 'add', path: '/description', value: 'd' },
			{ op: 'replace', path: '/auth/params/server', value: 'h2.example.com' },
			{ op: 'replace', path: '/auth/params/port', value: '5440' },
		]);
	});

	it('refuses an update with nothing to change', () => {
		expect(() => checkConnectionChanges({ ...none, name: '  ', port: 0 })).toThrow(
			/"Update Fields" is empty/,
		);
	});

	it('validates each given field like Create does', () => {
		expect(() => checkConnectionChanges({ ...none, server: 'https://x' })).toThrow(/is a URL/);
		expect(() => checkConnectionChanges({ ...none, port: 70000 })).toThrow(/1 to 65535/);
	});
});

describe('checkEtag', () => {
	it('keeps the quotes', () =>
		expect(checkEtag('"1700ce7b-0000-0200-0000-5e3b405e0000"')).toBe(
			'"1700ce7b-0000-0200-0000-5e3b405e0000"',
		));
	it('treats empty as "fetch the current one"', () => expect(checkEtag('')).toBeUndefined());
	it('rejects an etag without its quotes', () => {
		expect(invalidField(() => checkEtag('1700ce7b-0000')).field).toBe('etag');
	});
});

describe('publicConnection', () => {
	it('drops the password even if Adobe sent it and infers the hosting', () => {
		const stored = {
			id: 'x',
			name: 'n',
			etag: '"e"',
			auth: {
				specName: 'Basic Authentication',
				params: { server: 's', password: 'leak', schema: 'public' },
			},
		};
		const output = publicConnection(stored, 'prod');
		expect(JSON.stringify(output)).not.toContain('leak');
		expect(output).toMatchObject({ hosting: 'aws', sandboxName: 'prod' });
		expect(stored.auth.params.password).toBe('leak');
	});
});
