import {
	checkConnectionId,
	checkOrgId,
	checkSandboxName,
	checkText,
} from '../../../nodes/shared/kernel/validation';
import {
	checkCreateConnection,
	checkPort,
	checkServer,
} from '../../../nodes/shared/resources/baseConnection/validation';
import { invalidField } from '../../support/invalidField';

const failure = invalidField;

const validCreate = {
	hosting: 'azure',
	name: 'Orders warehouse',
	description: '',
	server: 'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
	port: 5439,
	username: 'awsuser',
	password: 'S3cret!pass',
	database: 'dev',
	schema: undefined,
};

describe('checkServer', () => {
	it.each([
		'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
		'redshift-host',
		'10.0.0.12',
		'::1',
		'[2001:db8::1]',
		'host.example.com.',
	])('accepts %s', (server) => {
		expect(checkServer(server)).toBe(server);
	});

	it('trims surrounding spaces', () => {
		expect(checkServer('  host.example.com ')).toBe('host.example.com');
	});

	it.each([
		['https://host.example.com', /is a URL/],
		['jdbc:redshift://host.example.com:5439/dev', /is a URL/],
		['host.example.com/dev', /contains a path/],
		['host example.com', /contains spaces/],
		['host.example.com:5439', /contains a port/],
		['host_name.example.com', /not a valid host name/],
		['-bad.example.com', /not a valid host name/],
		['999.1.1.1', /not a valid host name/],
		['', /is required/],
		['   ', /is required/],
	])('rejects %j', (server, message) => {
		const error = failure(() => checkServer(server));
		expect(error.field).toBe('server');
		expect(error.message).toMatch(message);
		expect(error.message).toContain('"Server"');
	});

	it('rejects an expression result that is an object', () => {
		expect(failure(() => checkServer({ host: 'x' })).message).toMatch(
			/must be text, but the value is an object/,
		);
	});
});

describe('checkPort', () => {
	it.each([
		[5439, 5439],
		['5439', 5439],
		[' 1 ', 1],
		[65535, 65535],
	])('accepts %j', (value, expected) => {
		expect(checkPort(value)).toBe(expected);
	});

	it.each([
		0,
		65536,
		-1,
		5439.5,
		'abc',
		'54 39',
		'5439.0',
		NaN,
		Infinity,
		'',
		null,
		undefined,
		{ port: 1 },
		[5439],
		true,
	])('rejects %j', (value) => {
		const error = failure(() => checkPort(value));
		expect(error.field).toBe('port');
		expect(error.message).toMatch(/"Port"/);
		expect(error.message).toMatch(/1 to 65535/);
	});
});

describe('checkText', () => {
	const ref = { field: 'name', label: 'Connection Name' };
	it('trims and returns text', () =>
		expect(checkText(ref, '  a b  ', { required: true })).toBe('a b'));
	it('keeps spaces when asked (passwords)', () =>
		expect(checkText(ref, ' p w ', { keepSpaces: true })).toBe(' p w '));
	it('turns numbers into text', () => expect(checkText(ref, 42)).toBe('42'));
	it('rejects empty required text', () =>
		expect(failure(() => checkText(ref, ' \t ', { required: true })).message).toMatch(/required/));
	it('rejects over-long text, naming the limit', () =>
		expect(failure(() => checkText(ref, 'x'.repeat(257), { maxLength: 256 })).message).toMatch(
			/at most 256/,
		));
	it('rejects line breaks unless allowed', () => {
		expect(failure(() => checkText(ref, 'a\nb')).message).toMatch(/line breaks/);
		expect(checkText(ref, 'a\nb', { allowLineBreaks: true })).toBe('a\nb');
	});
	it('rejects control characters even where line breaks are allowed', () =>
		expect(failure(() => checkText(ref, 'a\u0000b', { allowLineBreaks: true })).message).toMatch(
			/control characters/,
		));
	// The control-character check is a loop now (n8n's strict lint forbids it as a regex): same set.
	it.each(['\u0001', '\u0008', '\u000b', '\u000c', '\u000e', '\u001f', '\u007f'])(
		'rejects control character %j where line breaks are allowed',
		(c) =>
			expect(failure(() => checkText(ref, `a${c}b`, { allowLineBreaks: true })).message).toMatch(
				/control characters/,
			),
	);
	it.each(['\t', '\n', '\r', '\u0080', 'é'])('accepts %j where line breaks are allowed', (c) =>
		expect(checkText(ref, `a${c}b`, { allowLineBreaks: true })).toBe(`a${c}b`),
	);
	it('rejects lists', () => expect(failure(() => checkText(ref, ['a'])).message).toMatch(/a list/));
});

describe('checkSandboxName', () => {
	const ref = { field: 'options.sandboxName', label: 'Sandbox' };
	it.each(['prod', 'dev-2', 'a'])('accepts %s', (name) =>
		expect(checkSandboxName(ref, name)).toBe(name),
	);
	it('rejects upper case and suggests the lower-case name', () => {
		const error = failure(() => checkSandboxName(ref, 'Prod'));
		expect(error.field).toBe('options.sandboxName');
		expect(error.message).toMatch(/lower-case/);
		expect(error.message).toContain('"prod"');
	});
	it.each(['', '  ', 'my sandbox', 'prod_1', '-prod'])('rejects %j', (name) => {
		expect(failure(() => checkSandboxName(ref, name)).field).toBe('options.sandboxName');
	});
});

describe('checkOrgId', () => {
	const ref = { field: 'orgId', label: 'IMS Org ID' };
	it('accepts an ID ending in @AdobeOrg', () =>
		expect(checkOrgId(ref, ' 0123456789ABCDEF01234567@AdobeOrg ')).toBe(
			'0123456789ABCDEF01234567@AdobeOrg',
		));
	it.each(['0123456789ABCDEF01234567', '0123@adobeorg', '@AdobeOrg', ''])('rejects %j', (value) => {
		const error = failure(() => checkOrgId(ref, value));
		expect(error.field).toBe('orgId');
		expect(error.message).toMatch(/@AdobeOrg|required/);
	});
});

describe('checkConnectionId', () => {
	const ref = { field: 'connectionId', label: 'Connection ID' };
	it('accepts a UUID', () =>
		expect(checkConnectionId(ref, '373e88fc-43da-4e3c-be88-fc43da3e3c0f')).toBe(
			'373e88fc-43da-4e3c-be88-fc43da3e3c0f',
		));
	it.each(['373e88fc', '../connections', '373e88fc-43da-4e3c-be88-fc43da3e3c0f/test'])(
		'rejects %j',
		(value) =>
			expect(failure(() => checkConnectionId(ref, value)).message).toMatch(/not a connection ID/),
	);
});

describe('checkCreateConnection', () => {
	it('returns typed values for Azure without a schema', () => {
		expect(checkCreateConnection({ ...validCreate, schema: 'ignored' })).toEqual({
			name: 'Orders warehouse',
			description: '',
			auth: {
				hosting: 'azure',
				server: validCreate.server,
				port: 5439,
				username: 'awsuser',
				password: 'S3cret!pass',
				database: 'dev',
			},
		});
	});

	it('requires a schema on AWS, naming the field', () => {
		const error = failure(() =>
			checkCreateConnection({ ...validCreate, hosting: 'aws', schema: ' ' }),
		);
		expect(error.field).toBe('schema');
		expect(error.message).toMatch(/"Schema" is required when Experience Platform runs on AWS/);
	});

	it('keeps the schema on AWS', () => {
		expect(
			checkCreateConnection({ ...validCreate, hosting: 'aws', schema: 'public' }).auth.schema,
		).toBe('public');
	});

	it.each(['name', 'username', 'password', 'database'] as const)('requires %s', (field) => {
		expect(failure(() => checkCreateConnection({ ...validCreate, [field]: '  ' })).field).toBe(
			field,
		);
	});

	it('rejects an unknown hosting value', () => {
		expect(failure(() => checkCreateConnection({ ...validCreate, hosting: 'gcp' })).field).toBe(
			'hosting',
		);
	});

	it('rejects a 1 MB description', () => {
		const error = failure(() =>
			checkCreateConnection({ ...validCreate, description: 'x'.repeat(1024 * 1024) }),
		);
		expect(error.field).toBe('description');
		expect(error.message).toMatch(/at most 4000/);
	});

	it('never puts the password into a message', () => {
		const error = failure(() =>
			checkCreateConnection({ ...validCreate, password: 'secret\npass' }),
		);
		expect(error.field).toBe('password');
		expect(error.message).not.toContain('secret');
	});
});
