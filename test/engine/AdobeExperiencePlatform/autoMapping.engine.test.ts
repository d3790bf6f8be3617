/**
 * Create From Table's auto-mapping in n8n's engine against the emulator, on a schema with traps
 * (MAPPING_TRAPS_SCHEMA, table crm.customer_traps): only the tenant's fields that fit are mapped;
 * standard field groups, enums, formats, arrays, maps, objects and array items are reported, never
 * written; the mapping set Adobe stores holds the mapped columns only. With the leak scan.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	DEFAULT_SCHEMAS,
	DEFAULT_TABLES,
	MAPPING_TRAPS_SCHEMA,
	MAPPING_TRAPS_TABLE,
	PROFILE_NO_TENANT_SCHEMA,
	TENANT_ID,
	type EmulatorTable,
} from '../../emulator';
import { seedConnections } from '../../support/engine/support';
import { rl, useAepEmulator } from '../../support/platform/kit';

jest.setTimeout(60_000);

/** A table whose every column only has same-named fields deep in standard field groups of the traps schema. */
const SUGGESTIONS_ONLY_TABLE: EmulatorTable = {
	path: 'crm.contact_points',
	columns: [
		{ name: 'address', type: 'string' },
		{ name: 'type', type: 'string' },
	],
};

const aep = useAepEmulator('dataflow', {
	schemas: [...DEFAULT_SCHEMAS, MAPPING_TRAPS_SCHEMA, PROFILE_NO_TENANT_SCHEMA],
	tables: [...DEFAULT_TABLES, MAPPING_TRAPS_TABLE, SUGGESTIONS_ONLY_TABLE],
});
const T = `_${TENANT_ID}`;

interface AutoMappingOutput {
	matched: IDataObject[];
	unmappedColumns: Array<{ column: string; reason: string }>;
	typeMismatches: IDataObject[];
	suggestions: Array<{ column: string; destination: string; reason: string }>;
	ambiguous: Array<{ column: string; destinations: string[] }>;
}

async function createFromTraps(): Promise<{ output: IDataObject; autoMapping: AutoMappingOutput }> {
	const [baseConnectionId] = await seedConnections(aep.emu(), ['warehouse']);
	const datasetId = aep.seedDataset('Customers', MAPPING_TRAPS_SCHEMA.$id);
	const run = await aep.run([{}], {
		resource: 'dataflow',
		operation: 'createFromTable',
		connectionId: rl('list', baseConnectionId),
		tablePath: { __rl: true, mode: 'name', value: MAPPING_TRAPS_TABLE.path },
		datasetId: rl('id', datasetId),
		name: 'Customers',
		frequency: 'once',
		startTime: '2030-01-01T09:00:00.000Z',
	});
	const output = run.json[0];
	expect(output.error).toBeUndefined();
	return { output, autoMapping: output.autoMapping as unknown as AutoMappingOutput };
}

describe('Dataflow › Create From Table: auto-mapping never writes into the wrong field', () => {
	it("maps only the tenant's fields that fit; the stored mapping set holds nothing else", async () => {
		const { autoMapping } = await createFromTraps();
		expect(autoMapping.matched).toEqual([
			{ column: 'customer_id', destination: `${T}.customerId`, by: 'name' },
			{ column: 'email', destination: `${T}.email`, by: 'name' },
		]);
		expect(
			aep
				.emu()
				.mappingSets()[0]
				.mappings.map((m) => [m.source, m.destination]),
		).toEqual([
			['customer_id', `${T}.customerId`],
			['email', `${T}.email`],
		]);
	});

	it('a street address is not put into personalEmail.address, nor type into device.type (an enum): suggestions', async () => {
		const { autoMapping } = await createFromTraps();
		const suggested = autoMapping.suggestions.map((entry) => [entry.column, entry.destination]);
		expect(suggested).toEqual(
			expect.arrayContaining([
				['address', 'personalEmail.address'],
				['type', 'device.type'],
				['tier', `${T}.tier`],
				['signup_date', `${T}.signupDate`],
			]),
		);
	});

	it('Create From Table has no pairs: a suggestion and an ambiguous match name where to map them', async () => {
		const { autoMapping } = await createFromTraps();
		const where = 'a Mapping Pair (Mapping Set › Create)';
		expect(autoMapping.suggestions.find((entry) => entry.column === 'address')?.reason).toContain(
			where,
		);
		expect(autoMapping.unmappedColumns.find((entry) => entry.column === 'phone')?.reason).toContain(
			where,
		);
	});

	it('when only suggestions are left, the error does not say no column matches: it lists them and where to map them', async () => {
		const [baseConnectionId] = await seedConnections(aep.emu(), ['warehouse']);
		const run = await aep.run([{}], {
			resource: 'dataflow',
			operation: 'createFromTable',
			connectionId: rl('list', baseConnectionId),
			tablePath: { __rl: true, mode: 'name', value: SUGGESTIONS_ONLY_TABLE.path },
			datasetId: rl('id', aep.seedDataset('Contacts', MAPPING_TRAPS_SCHEMA.$id)),
			name: 'Contacts',
			frequency: 'once',
		});
		expect(run.json[0].error).not.toMatch(/matches a field/);
		expect(run.json[0].error).toContain('nothing was created');
		const description = String(run.json[0].description);
		expect(description).toContain('address -> personalEmail.address');
		expect(description).toContain('type -> device.type');
		expect(description).toContain('Mapping Pairs of Mapping Set › Create');
		expect(aep.emu().flows()).toEqual([]);
	});

	it('arrays, maps, objects and array items are reported by path; several equal fields are ambiguous', async () => {
		const { autoMapping } = await createFromTraps();
		const reason = (column: string) =>
			autoMapping.unmappedColumns.find((entry) => entry.column === column)?.reason;
		expect(reason('tags')).toMatch(/is an array field/);
		expect(reason('attributes')).toMatch(/is a map field/);
		expect(reason('preferences')).toMatch(/is an object field/);
		expect(reason('sku')).toContain(`'${T}.lines[].sku' is inside the array '${T}.lines'`);
		expect(autoMapping.ambiguous).toEqual([
			{ column: 'phone', destinations: [`${T}.billing.phone`, `${T}.shipping.phone`] },
		]);
		expect(autoMapping.matched.length + autoMapping.unmappedColumns.length).toBe(
			MAPPING_TRAPS_TABLE.columns.length,
		);
	});
});

describe("Auto-mapping of columns in explore's documented shape", () => {
	// Adobe's "Explore data tables" tutorial: a date-time column is type string with meta:xdmType date-time.
	const dateTime = (name: string) => ({
		name,
		type: 'string',
		'meta:xdmType': 'date-time',
		xdm: { type: 'string', format: 'date-time' },
	});

	it('Mapping Set › Create maps date-time columns into date-time fields, no mismatch reported', async () => {
		const run = await aep.run([{}], {
			resource: 'mappingSet',
			operation: 'create',
			mappingSetName: 'Orders mapping',
			datasetId: rl('id', aep.seedDataset()),
			columnsFrom: 'json',
			columns: JSON.stringify([
				{ name: 'order_id', type: 'string', xdm: { type: 'string' } },
				dateTime('ordered_at'),
				dateTime('timestamp'),
			]),
		});
		expect(run.json[0].error).toBeUndefined();
		expect(run.json[0]).toMatchObject({
			matched: [
				{ column: 'order_id', destination: `${T}.orderId`, by: 'name' },
				{ column: 'ordered_at', destination: `${T}.orderedAt`, by: 'name' },
				{ column: 'timestamp', destination: 'timestamp', by: 'name' },
			],
			unmappedColumns: [],
			typeMismatches: [],
			suggestions: [],
		});
		expect(
			aep
				.emu()
				.mappingSets()[0]
				.mappings.map((m) => m.destination),
		).toEqual([`${T}.orderId`, `${T}.orderedAt`, 'timestamp']);
	});
});

describe("Auto-mapping never takes Adobe's namespaces for the tenant's", () => {
	it('Mapping Set › Create on a profile schema without tenant fields: nothing goes into _repo (repository dates)', async () => {
		const run = await aep.run([{}], {
			resource: 'mappingSet',
			operation: 'create',
			mappingSetName: 'Profiles mapping',
			datasetId: rl('id', aep.seedDataset('Profiles', PROFILE_NO_TENANT_SCHEMA.$id)),
			columnsFrom: 'json',
			columns: JSON.stringify([
				{
					name: 'create_date',
					type: 'string',
					'meta:xdmType': 'date-time',
					xdm: { type: 'string', format: 'date-time' },
				},
				{ name: 'first_name', type: 'string', xdm: { type: 'string' } },
			]),
		});
		expect(run.json[0].error).toMatch(/No column maps to a field/);
		expect(String(run.json[0].description)).toContain(
			'have this name (_repo.createDate): not mapped',
		);
		expect(aep.emu().mappingSets()).toEqual([]);
	});
});
