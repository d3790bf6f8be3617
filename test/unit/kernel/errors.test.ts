import {
	decodeAdobeErrorResponse,
	decodeNetworkError,
	formatAdobeError,
	scrubDecodedError,
	scrubSecrets,
} from '../../../nodes/shared/kernel/errors';

describe('decodeAdobeErrorResponse', () => {
	it('decodes a Flow Service error with its code, detail and request id', () => {
		const decoded = decodeAdobeErrorResponse(404, {
			type: 'https://ns.adobe.com/aep/errors/FLOW-2100-404',
			title: 'Sandbox not found',
			status: 404,
			report: { 'detailed-message': 'Sandbox stage does not exist', 'request-id': 'req-123' },
		});
		expect(decoded).toMatchObject({
			source: 'flow-service',
			status: 404,
			code: 'FLOW-2100-404',
			title: 'Sandbox not found',
			detail: 'Sandbox stage does not exist',
			requestId: 'req-123',
		});
		expect(decoded.hint).toMatch(/sandbox name/);
	});

	it.each([
		['FLOW-1404-412', 412, /stale etag/],
		['FLOW-1418-400', 400, /dataflows/],
		['FLOW-2118-403', 403, /Sources permissions/],
		['FLOW-1415-400', 400, /Basic Authentication/],
		['FLOW-1304-400', 400, /required field/],
		['FLOW-1439-404', 404, /connection ID/],
		['FLOW-1103-503', 503, /temporarily unavailable/],
		['FLOW-1425-400', 400, /dataset's schema/],
		['FLOW-1325-400', 400, /Dataset field/],
		['FLOW-1412-400', 400, /version of the mapping set/],
		['CAT-1439-404', 404, /No dataset with this ID/],
		['XDM-1013-404', 404, /No XDM schema/],
		['DPREP-1000-400', 400, /Validate/],
		['DPREP-1439-404', 404, /No mapping set/],
		// A code of another service shares only the sandbox and permission hints with Flow Service.
		['CAT-2100-404', 404, /sandbox name/],
		['CAT-1418-400', 400, /^Adobe rejected the request/],
	])('gives a plain fix for %s', (code, status, hint) => {
		const decoded = decodeAdobeErrorResponse(status, {
			type: `https://ns.adobe.com/aep/errors/${code}`,
			title: 't',
			status,
		});
		expect(decoded.code).toBe(code);
		expect(decoded.hint).toMatch(hint);
	});

	it('picks the hint for what was asked: a source connection create, get or delete', () => {
		const flow = (code: string, status: number) => ({
			type: `https://ns.adobe.com/aep/errors/${code}`,
			title: 't',
			status,
		});
		const sources = '/data/foundation/flowservice/sourceConnections';
		expect(
			decodeAdobeErrorResponse(404, flow('FLOW-1439-404', 404), { method: 'POST', path: sources })
				.hint,
		).toMatch(/base connection or the table was not found/);
		expect(
			decodeAdobeErrorResponse(404, flow('FLOW-1439-404', 404), {
				method: 'GET',
				path: `${sources}/abc`,
			}).hint,
		).toMatch(/No source connection with this ID/);
		expect(
			decodeAdobeErrorResponse(400, flow('FLOW-1418-400', 400), {
				method: 'DELETE',
				path: `${sources}/abc`,
			}).hint,
		).toMatch(/used by a dataflow\. Delete that dataflow first/);
		expect(
			decodeAdobeErrorResponse(404, flow('FLOW-1439-404', 404), {
				method: 'GET',
				path: '/data/foundation/flowservice/connections/abc/explore',
			}).hint,
		).toMatch(/base connection or the table was not found/);
		const targets = '/data/foundation/flowservice/targetConnections';
		expect(
			decodeAdobeErrorResponse(400, flow('FLOW-1418-400', 400), {
				method: 'DELETE',
				path: `${targets}/abc`,
			}).hint,
		).toMatch(/target connection is used by a dataflow/);
		expect(
			decodeAdobeErrorResponse(404, flow('FLOW-1439-404', 404), {
				method: 'GET',
				path: `${targets}/abc`,
			}).hint,
		).toMatch(/No target connection with this ID/);
		// Other collections keep the general hint; so does a call without a path.
		expect(
			decodeAdobeErrorResponse(404, flow('FLOW-1439-404', 404), {
				method: 'GET',
				path: '/data/foundation/flowservice/connections/abc',
			}).hint,
		).toMatch(/No object with this ID/);
		expect(decodeAdobeErrorResponse(404, flow('FLOW-1439-404', 404)).hint).toMatch(
			/No object with this ID/,
		);
	});

	it('says what to check when Adobe cannot reach Redshift (FLOW-1201-400)', () => {
		const decoded = decodeAdobeErrorResponse(400, {
			type: 'https://ns.adobe.com/aep/errors/FLOW-1201-400',
			title: 'Connection to source failed',
			status: 400,
		});
		expect(decoded.hint).toMatch(/could not sign in to Redshift.*server, port/);
	});

	it.each([
		['FLOW-1360-400', /Start Time/],
		['FLOW-1361-400', /Interval/],
		['FLOW-1362-400', /at least 15/],
		['FLOW-1363-400', /whole number/],
		['FLOW-1364-400', /Backfill/],
		['FLOW-1366-400', /Start Time/],
		['FLOW-1367-400', /Delta Column/],
		['FLOW-1369-400', /Delta Column/],
		['FLOW-1381-400', /Window End/],
		['FLOW-1382-400', /Delta Column/],
		['FLOW-1383-400', /Delta Column/],
		['FLOW-1384-400', /Window Start/],
		['FLOW-1386-400', /"once"/],
		['FLOW-1387-400', /failed run/],
		['FLOW-1388-400', /Enable/],
		['FLOW-1404-400', /Backfill/],
		['FLOW-1410-400', /Enable or Disable/],
		['FLOW-1412-400', /mapping version/],
		['FLOW-1422-400', /current state/],
		['FLOW-1425-400', /schema/],
		['FLOW-1455-400', /mapping version/],
	])('tells what to fix for the dataflow and run error %s', (code, hint) => {
		const status = Number(code.slice(-3));
		const decoded = decodeAdobeErrorResponse(status, {
			type: `https://ns.adobe.com/aep/errors/${code}`,
			title: 't',
			status,
		});
		expect(decoded.hint).toMatch(hint);
		expect(decoded.hint).not.toBe(decodeAdobeErrorResponse(status, { title: 't' }).hint);
	});

	it('tells 1404-412 (stale etag) from 1404-400 (backfill after the start): Adobe reuses the code', () => {
		const hint = (code: string, status: number) =>
			decodeAdobeErrorResponse(status, {
				type: `https://ns.adobe.com/aep/errors/${code}`,
				title: 't',
				status,
			}).hint;
		expect(hint('FLOW-1404-412', 412)).toMatch(/stale etag/);
		expect(hint('FLOW-1404-400', 400)).not.toMatch(/stale etag/);
		expect(hint('FLOW-1403-400', 400)).toMatch(/once/);
	});

	it('decodes a JSON body given as text', () => {
		expect(
			decodeAdobeErrorResponse(
				404,
				'{"type":"https://ns.adobe.com/aep/errors/FLOW-2100-404","title":"x","status":404}',
			).code,
		).toBe('FLOW-2100-404');
	});

	it.each([
		['401013', 401, /not accepted/],
		['403003', 403, /API key is not valid/],
		['403000', 403, /missing/],
		['400003', 400, /IMS Org ID/],
		['403025', 403, /does not match/],
	])('decodes gateway error %s', (code, status, hint) => {
		const decoded = decodeAdobeErrorResponse(status, {
			error_code: code,
			message: 'gateway says no',
		});
		expect(decoded).toMatchObject({ source: 'gateway', code, title: 'gateway says no', status });
		expect(decoded.hint).toMatch(hint);
	});

	it("a Platform service's Spring-style body {status, error: reason phrase, message} is not taken for an IMS token refusal", () => {
		const decoded = decodeAdobeErrorResponse(
			404,
			{
				timestamp: '2026-12-07T23:50:00.000+00:00',
				status: 404,
				error: 'Not Found',
				message: 'No mapping set 0b09 in sandbox prod',
				path: '/mappingSets/0b09',
			},
			{ method: 'GET', path: '/data/foundation/conversion/mappingSets/0b09' },
		);
		expect(decoded).toMatchObject({
			source: 'http',
			detail: 'No mapping set 0b09 in sandbox prod',
		});
		expect(decoded.title).not.toMatch(/token/);
		expect(decoded.hint).toMatch(/No mapping set with this ID/);
	});

	it('decodes an IMS error', () => {
		const decoded = decodeAdobeErrorResponse(400, {
			error: 'invalid_client',
			error_description: 'invalid client_secret parameter',
		});
		expect(decoded).toMatchObject({
			source: 'ims',
			code: 'invalid_client',
			detail: 'invalid client_secret parameter',
		});
		expect(decoded.hint).toMatch(/Client ID and Client Secret/);
	});

	it('keeps the Schema Registry detail, sub-errors and registry request ID (schema-registry.yaml errorBasic)', () => {
		const decoded = decodeAdobeErrorResponse(404, {
			type: 'http://ns.adobe.com/aep/errors/XDM-1012-404',
			title: 'Resource Not Found',
			status: 404,
			report: {
				registryRequestId: 'a6773f98-f5ba-4e3e-8ff8-320136cc6c48',
				timestamp: '10-22-2020 06:42:13',
				'detailed-message':
					'Requested resource https://ns.adobe.com/acme/schemas/20af with version 1 is not found',
				'sub-errors': [{ detail: 'Field _acme.nope is unknown' }],
			},
			detail:
				'Requested resource https://ns.adobe.com/acme/schemas/20af with version 1 is not found',
		});
		expect(decoded).toMatchObject({
			code: 'XDM-1012-404',
			detail:
				'Requested resource https://ns.adobe.com/acme/schemas/20af with version 1 is not found; Field _acme.nope is unknown',
			requestId: 'a6773f98-f5ba-4e3e-8ff8-320136cc6c48',
		});
	});

	it.each<[string, unknown, string]>([
		[
			'{title, status, detail}',
			{
				title: 'Not Found',
				status: 404,
				detail: 'Schema https://ns.adobe.com/acme/schemas/x was not found',
			},
			'Schema https://ns.adobe.com/acme/schemas/x was not found',
		],
		[
			'{type (no code), title, status, detail, report}',
			{
				type: '/placeholder/type/uri',
				title: 'Not Found',
				status: 404,
				detail: 'Mapping set 0b09 version 3 was not found',
				report: { 'sub-errors': [] },
			},
			'Mapping set 0b09 version 3 was not found',
		],
		[
			'{message, errorCode}',
			{ errorCode: 'DPREP-1439-404', message: 'Mapping set 0b09 was not found' },
			'Mapping set 0b09 was not found',
		],
	])(
		"keeps Adobe's detail from %s, with the service's hint by the path",
		(_shape, body, detail) => {
			const decoded = decodeAdobeErrorResponse(404, body, {
				method: 'GET',
				path: '/data/foundation/conversion/mappingSets/0b09',
			});
			expect(decoded.detail).toBe(detail);
			expect(decoded.hint).toMatch(/No mapping set with this ID/);
			const { message, description } = formatAdobeError(decoded);
			expect(`${message}\n${description}`).toContain(detail);
		},
	);

	it("keeps an errorCode body's code", () => {
		expect(
			decodeAdobeErrorResponse(400, { errorCode: 'CONV-1001', message: 'bad mapping' }).code,
		).toBe('CONV-1001');
	});

	it('keeps the messages of nested errors at any depth: errorBasic sub-errors of sub-errors, plain strings', () => {
		// schema-registry.yaml: errorBasic.report.sub-errors items are errorBasic themselves.
		const decoded = decodeAdobeErrorResponse(400, {
			type: 'http://ns.adobe.com/aep/errors/XDM-1010-400',
			title: 'Invalid schema',
			status: 400,
			report: {
				'detailed-message': 'The schema is not valid',
				'sub-errors': [
					{
						type: 'http://ns.adobe.com/aep/errors/XDM-1011-400',
						title: 'Field invalid',
						report: {
							'detailed-message': 'Field _acme.orderId has no type',
							'sub-errors': [{ detail: 'Field _acme.lines[].sku has no type' }],
						},
					},
				],
			},
		});
		expect(decoded.detail).toBe(
			'The schema is not valid; Field _acme.orderId has no type; Field _acme.lines[].sku has no type',
		);
		expect(
			decodeAdobeErrorResponse(400, { title: 'Bad', status: 400, errors: ['name is required'] })
				.detail,
		).toBe('name is required');
	});

	it.each<[string, unknown, string]>([
		[
			'a top-level list of errors',
			[{ code: 'E1', message: 'Dataset 5f0 is locked' }],
			'Dataset 5f0 is locked',
		],
		[
			'a list as text',
			'[{"code":"E1","message":"Dataset 5f0 is locked"}]',
			'Dataset 5f0 is locked',
		],
		[
			'{error: {code, message}}',
			{ error: { code: 'E1', message: 'Dataset 5f0 is locked' } },
			'Dataset 5f0 is locked',
		],
		[
			'{code, description}',
			{ code: 'E1', description: 'Dataset 5f0 is locked' },
			'Dataset 5f0 is locked',
		],
	])('keeps what Adobe said from an unknown JSON shape: %s', (_shape, body, said) => {
		const { message, description } = formatAdobeError(
			scrubDecodedError(decodeAdobeErrorResponse(400, body), []),
		);
		expect(`${message}\n${description}`).toContain(said);
	});

	it('an HTML error page shows its text, not its markup; the reference past a long head survives the cut', () => {
		const page = `<!DOCTYPE html><html><head><title>Access Denied</title><style>${'body{margin:0}'.repeat(40)}</style><script>var x = "<b>";</script></head><body><h1>Access Denied</h1>You don&#39;t have permission to access this server.<p>Reference&#32;&#35;18&#46;c1a33e17</p></body></html>`;
		const decoded = scrubDecodedError(decodeAdobeErrorResponse(403, page), []);
		expect(decoded.detail).toBe(
			"Access Denied Access Denied You don't have permission to access this server. Reference #18.c1a33e17",
		);
	});

	it('a page with comments and an unclosed script: the words before it, in order', () => {
		const page =
			'<html><body><p>Denied<!-- <b>not this</b> -->here</p><SCRIPT>var a = "<p>no</p>";';
		expect(scrubDecodedError(decodeAdobeErrorResponse(403, page), []).detail).toBe('Denied here');
	});

	it('names the HTTP status once when the title already says it', () => {
		expect(formatAdobeError(decodeAdobeErrorResponse(502, 'Bad Gateway')).message).toBe(
			'Adobe answered HTTP 502',
		);
	});

	it('falls back to the status for unknown shapes and HTML', () => {
		const decoded = decodeAdobeErrorResponse(502, '<html>Bad Gateway</html>');
		expect(decoded).toMatchObject({
			source: 'http',
			status: 502,
			title: 'Adobe answered HTTP 502',
			detail: '<html>Bad Gateway</html>',
		});
		expect(decoded.hint).toMatch(/server error/);
		expect(decodeAdobeErrorResponse(429, undefined).hint).toMatch(/throttling/);
	});
});

describe('decodeNetworkError', () => {
	it('explains a timeout', () => {
		const decoded = decodeNetworkError('ECONNABORTED', 'timeout of 30000ms exceeded');
		expect(decoded.title).toBe('Adobe did not answer in time');
		expect(decoded.hint).toMatch(/timeout/);
	});
	it('explains a refused connection', () =>
		expect(decodeNetworkError('ECONNREFUSED', 'x').hint).toMatch(/Platform\/IMS URL/));
});

describe('formatAdobeError', () => {
	it('puts the code in the message and the fix in the description', () => {
		const { message, description } = formatAdobeError(
			decodeAdobeErrorResponse(404, {
				type: 'https://ns.adobe.com/aep/errors/FLOW-2100-404',
				title: 'Sandbox not found',
				status: 404,
				report: { 'detailed-message': 'd', 'request-id': 'r' },
			}),
		);
		expect(message).toBe('Sandbox not found [FLOW-2100-404]');
		expect(description).toBe(
			'd\nWhat to do: ' +
				decodeAdobeErrorResponse(404, { type: 'x/FLOW-2100-404' }).hint +
				'\nAdobe request ID: r',
		);
	});
	it('adds the HTTP status when the code does not carry it', () => {
		expect(
			formatAdobeError(
				decodeAdobeErrorResponse(401, {
					error_code: '401013',
					message: 'Oauth token is not valid',
				}),
			).message,
		).toBe('Oauth token is not valid [401013] (HTTP 401)');
	});
});

describe('scrubSecrets', () => {
	it('replaces every occurrence of each secret', () => {
		expect(scrubSecrets('a s3cr3t b s3cr3t tok-123', ['s3cr3t', 'tok-123', undefined])).toBe(
			'a *** b *** ***',
		);
	});
	it('ignores very short values that would mangle text', () =>
		expect(scrubSecrets('abc', ['a'])).toBe('abc'));
});

describe('scrubSecrets for unknown tokens', () => {
	it('masks bearer credentials and JWT-shaped tokens', () => {
		const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
		expect(scrubSecrets(`header Authorization: Bearer abc.def-123 and ${jwt} end`, [])).toBe(
			'header Authorization: *** and *** end',
		);
	});
});

describe('scrubSecrets in every encoding a server or proxy echoes', () => {
	// Quotes, a backslash, a slash, a space, "&", "<", "+", "%" and a non-ASCII letter: every encoder changes it.
	const secret = 'pa"ss\\w/rd é&<+% x!';
	const echoed: Array<[string, string]> = [
		['raw', secret],
		['JSON-escaped', JSON.stringify(secret).slice(1, -1)],
		['JSON-escaped with "\\/"', JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/')],
		[
			'JSON-escaped, non-ASCII as \\uXXXX',
			JSON.stringify(secret).slice(1, -1).replace('é', '\\u00e9'),
		],
		[
			'JSON-escaped, non-ASCII as \\uXXXX upper-case',
			JSON.stringify(secret).slice(1, -1).replace('é', '\\u00E9'),
		],
		[
			'every character as \\uXXXX',
			secret
				.split('')
				.map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
				.join(''),
		],
		['URL-encoded', encodeURIComponent(secret)],
		[
			'URL-encoded, lower-case hex',
			encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
		],
		['form-encoded (+ for space)', new URLSearchParams({ p: secret }).toString().slice(2)],
		['HTML-escaped', secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')],
		[
			'HTML-escaped with numeric entities',
			secret.replace(/&/g, '&#38;').replace(/</g, '&#60;').replace(/"/g, '&#34;'),
		],
		[
			'HTML-escaped with hex entities',
			secret.replace(/&/g, '&#X26;').replace(/</g, '&#x3C;').replace(/"/g, '&#x22;'),
		],
	];
	it.each(echoed)('scrubs the %s form', (_label, form) => {
		expect(scrubSecrets(`{"detail":"bad password ${form} given"}`, [secret])).toBe(
			'{"detail":"bad password *** given"}',
		);
	});
});

describe('scrubDecodedError', () => {
	const secret = 'Sup3r-Secret-Redshift-Passw0rd';
	it('scrubs before cutting, so no first characters of a secret survive the cut', () => {
		const detail = `${'x'.repeat(280)} password=${secret}`;
		const decoded = scrubDecodedError(decodeAdobeErrorResponse(400, detail), [secret]);
		expect(decoded.detail).not.toContain('Sup3r');
		expect(decoded.detail).toContain('password=***');
	});
	it('scrubs a page before reading it as text, so a secret with markup characters is not split', () => {
		const angled = 'pw<b>Secret</b>42';
		const page = `<html><body><p>login failed for ${angled}</p></body></html>`;
		const decoded = scrubDecodedError(decodeAdobeErrorResponse(403, page), [angled]);
		expect(decoded.detail).toBe('login failed for ***');
	});
	it('scrubs the title, detail, hint, request ID and code of every error shape', () => {
		const flow = decodeAdobeErrorResponse(400, {
			type: 'https://ns.adobe.com/aep/errors/FLOW-1304-400',
			title: `title ${secret}`,
			report: { 'detailed-message': `detail ${secret}`, 'request-id': `rid-${secret}` },
		});
		const gateway = decodeAdobeErrorResponse(401, {
			error_code: `E-${secret}`,
			message: `message ${secret}`,
		});
		const ims = decodeAdobeErrorResponse(400, {
			error: `bad_${secret}`,
			error_description: `desc ${encodeURIComponent(secret)}`,
		});
		const problem = decodeAdobeErrorResponse(404, {
			title: `title ${secret}`,
			status: 404,
			detail: `detail ${secret}`,
			errorCode: `E-${secret}`,
			report: { registryRequestId: `rid-${secret}` },
		});
		const page = decodeAdobeErrorResponse(
			403,
			`<html><body>password=${secret.replace(/-/g, '&#45;')} <b>${secret}</b></body></html>`,
		);
		const unknown = decodeAdobeErrorResponse(400, { error: { code: `E-${secret}` } });
		const nested = decodeAdobeErrorResponse(400, [{ errors: [`sub ${secret}`] }]);
		for (const decoded of [
			flow,
			gateway,
			ims,
			problem,
			page,
			unknown,
			nested,
			{ ...flow, hint: `hint ${secret}` },
		]) {
			expect(JSON.stringify(scrubDecodedError(decoded, [secret]))).not.toContain('Sup3r');
		}
	});
});
