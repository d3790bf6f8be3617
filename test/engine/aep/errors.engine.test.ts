/**
 * Adobe's error detail in the node's error, in n8n's engine against the emulator: the Schema
 * Registry's `errorBasic` shape (detail and registry request ID) and Data Prep's `{title, status,
 * detail}` keep what Adobe said (which schema or mapping set was not found), with the leak scan.
 */
import { rl, useAepEmulator } from './kit';

jest.setTimeout(30_000);

const aep = useAepEmulator('dataset');

const MISSING_SCHEMA = 'https://ns.adobe.com/emulator/schemas/0000000000000000000000000000dead';
const MISSING_SET = 'deadbeef'.repeat(4);

describe("Adobe's error detail reaches the node's error", () => {
	it('Schema Registry: a schema that does not exist is named, with the registry request ID', async () => {
		const run = await aep.run([{}], {
			resource: 'dataset',
			operation: 'create',
			datasetName: 'Orders',
			schemaId: rl('id', MISSING_SCHEMA),
		});
		expect(run.json[0]).toMatchObject({ httpCode: '404' });
		const description = String(run.json[0].description);
		expect(description).toContain(`Schema '${MISSING_SCHEMA}' was not found`);
		expect(description).toMatch(/Adobe request ID: \S+/);
		expect(description).toMatch(/No XDM schema with this ID/);
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
