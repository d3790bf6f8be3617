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
	TENANT_ID,
} from '../../emulator';
import { seedConnections } from '../support';
import { rl, useAepEmulator } from './kit';

jest.setTimeout(60_000);

const aep = useAepEmulator('dataflow', {
	schemas: [...DEFAULT_SCHEMAS, MAPPING_TRAPS_SCHEMA],
	tables: [...DEFAULT_TABLES, MAPPING_TRAPS_TABLE],
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
