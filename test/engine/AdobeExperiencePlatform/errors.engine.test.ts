/**
 * Adobe's error detail in the node's error, in n8n's engine against the emulator: the Schema
 * Registry's `errorBasic` shape (detail and registry request ID), and `{title, status, detail}` from
 * the Schema Registry and Data Prep, keep what Adobe said (which schema or mapping set was not
 * found), with the leak scan.
 */
import { rl, useAepEmulator } from '../../support/platform/kit';

jest.setTimeout(30_000);

const aep = useAepEmulator('dataset');

const MISSING_SCHEMA = 'https://ns.adobe.com/emulator/schemas/0000000000000000000000000000dead';
const MISSING_SET = 'deadbeef'.repeat(4);

/** Dataset › Create on a schema that does not exist (the node first reads it from the Schema Registry). */
const createWithMissingSchema = () =>
	aep.run([{}], {
		resource: 'dataset',
		operation: 'create',
		datasetName: 'Orders',
		schemaId: rl('id', MISSING_SCHEMA),
	});

describe("Adobe's error detail reaches the node's error", () => {
	it('Schema Registry: a schema that does not exist is named, with the registry request ID', async () => {
		const run = await createWithMissingSchema();
		expect(run.json[0]).toMatchObject({ httpCode: '404' });
		const description = String(run.json[0].description);
		expect(description).toContain(`Schema '${MISSING_SCHEMA}' was not found`);
		expect(description).toMatch(/Adobe request ID: \S+/);
		expect(description).toMatch(/No XDM schema with this ID/);
	});

	it('Schema Registry answering {title, status, detail}: the schema not found is named, not just "Not Found"', async () => {
		aep.emu().failNext({ method: 'GET', path: /^\/data\/foundation\/schemaregistry\// }, 1, {
			status: 404,
			body: { title: 'Not Found', status: 404, detail: `Schema ${MISSING_SCHEMA} was not found` },
		});
		const run = await createWithMissingSchema();
		expect(run.json[0]).toMatchObject({ httpCode: '404' });
		expect(`${String(run.json[0].error)} ${String(run.json[0].description)}`).toContain(
			`Schema ${MISSING_SCHEMA} was not found`,
		);
	});

	it('Data Prep: a mapping set that does not exist is named, not just "Not Found"', async () => {
		const run = await aep.run([{}], {
			resource: 'mappingSet',
			operation: 'get',
			mappingSetId: rl('id', MISSING_SET),
		});
		expect(run.json[0]).toMatchObject({ httpCode: '404' });
		expect(String(run.json[0].description)).toContain(`Mapping set '${MISSING_SET}' was not found`);
		expect(String(run.json[0].description)).toMatch(/No mapping set with this ID/);
	});
});

describe('An answer in no known shape still says what Adobe (or the CDN in front) said', () => {
	const getSet = () =>
		aep.run([{}], {
			resource: 'mappingSet',
			operation: 'get',
			mappingSetId: rl('id', MISSING_SET),
		});
	const MAPPING_SET_PATH = `/data/foundation/conversion/mappingSets/${MISSING_SET}`;

	it("a CDN's HTML error page: its text and reference, not its markup", async () => {
		aep.emu().failNext({ method: 'GET', path: MAPPING_SET_PATH }, 1, {
			status: 403,
			headers: { 'content-type': 'text/html' },
			body: `<HTML><HEAD><TITLE>Access Denied</TITLE><STYLE>${'p{margin:0}'.repeat(40)}</STYLE></HEAD><BODY><H1>Access Denied</H1>You don't have permission to access this server.<P>Reference&#32;&#35;18&#46;c1a33e17</BODY></HTML>`,
		});
		const run = await getSet();
		expect(run.json[0]).toMatchObject({ httpCode: '403' });
		const description = String(run.json[0].description);
		expect(description).toContain('Reference #18.c1a33e17');
		expect(description).not.toMatch(/<[a-z]/i);
	});

	it("a proxy's HTML page answered with 200 shows its text, not its markup", async () => {
		// Every attempt gets the page (a body that is not JSON is retried).
		aep.emu().failNext({ method: 'GET', path: MAPPING_SET_PATH }, 20, {
			status: 200,
			headers: { 'content-type': 'text/html' },
			body: `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${'div{color:red}'.repeat(30)}</style></head><body><h1>Website blocked</h1><p>Your organization&#39;s policy blocks platform.adobe.io. Ticket 4711.</p></body></html>`,
		});
		const description = String((await getSet()).json[0].description);
		expect(description).toContain(
			"Website blocked Your organization's policy blocks platform.adobe.io. Ticket 4711.",
		);
		expect(description).not.toMatch(/<[a-z!]/i);
	});

	it("a Spring-style body {status, error, message} is the service's error, not an IMS token refusal", async () => {
		aep.emu().failNext({ method: 'GET', path: MAPPING_SET_PATH }, 1, {
			status: 404,
			body: { status: 404, error: 'Not Found', message: 'No mapping set in sandbox prod' },
		});
		const run = await getSet();
		expect(run.json[0].error).toBe('Not Found (HTTP 404)');
		expect(String(run.json[0].description)).toContain('No mapping set in sandbox prod');
		expect(String(run.json[0].description)).toMatch(/No mapping set with this ID/);
	});

	it('a list of errors, or an error object, is read, not dropped', async () => {
		aep.emu().failNext({ method: 'GET', path: MAPPING_SET_PATH }, 1, {
			status: 400,
			body: [{ code: 'DPREP-2001', message: 'Mapping set version 7 is archived' }],
		});
		expect(String((await getSet()).json[0].description)).toContain(
			'Mapping set version 7 is archived',
		);
		aep.emu().failNext({ method: 'GET', path: MAPPING_SET_PATH }, 1, {
			status: 400,
			body: { error: { code: 'E1', message: 'Mapping set locked by another import' } },
		});
		expect(String((await getSet()).json[0].description)).toContain(
			'Mapping set locked by another import',
		);
	});
});
