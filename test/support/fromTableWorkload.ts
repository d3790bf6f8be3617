/**
 * Create From Table over many tables of one base connection into a few datasets: the items, the
 * node's parameters and the emulator set-up, shared by the request-count engine test and the bench.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_SCHEMA_ID, numberedTables, type StartedEmulator } from '../emulator';
import { seedConnections } from '../emulator/testkit';

/** The tables the emulator serves for `count` items (`options.tables`): public.orders_0000, … */
export const fromTableTables = numberedTables;

/** What the node's items point at: one base connection and `datasets` datasets of the orders schema. */
export interface FromTableSandbox {
	baseConnectionId: string;
	datasetIds: string[];
}

/** A base connection ("warehouse") and `datasets` Catalog datasets of the default schema, seeded (set-up only). */
export async function seedFromTableSandbox(
	emu: StartedEmulator,
	datasets: number,
): Promise<FromTableSandbox> {
	const [baseConnectionId] = await seedConnections(emu, ['warehouse']);
	const datasetIds = Array.from(
		{ length: datasets },
		(_, i) =>
			emu.seedDataset({
				body: {
					name: `Orders ${i}`,
					schemaRef: {
						id: DEFAULT_SCHEMA_ID,
						contentType: 'application/vnd.adobe.xed+json;version=1',
					},
				},
			}).id,
	);
	return { baseConnectionId, datasetIds };
}

/** One item per table (`count` tables), the tables dealt round-robin over the datasets. */
export function fromTableItems(count: number, datasetIds: string[]): IDataObject[] {
	return fromTableTables(count).map((table, i) => ({
		table: table.path,
		datasetId: datasetIds[i % datasetIds.length],
		name: `Flow ${table.path}`,
	}));
}

/** Create From Table of each item's table into its dataset, hourly with delta column ordered_at. */
export function fromTableParameters(
	baseConnectionId: string,
	options: { concurrency?: number; adaptToThrottling?: boolean } = {},
): INodeParameters {
	return {
		resource: 'dataflow',
		operation: 'createFromTable',
		connectionId: { __rl: true, mode: 'id', value: baseConnectionId },
		tablePath: { __rl: true, mode: 'name', value: '={{ $json.table }}' },
		datasetId: { __rl: true, mode: 'id', value: '={{ $json.datasetId }}' },
		name: '={{ $json.name }}',
		frequency: 'hour',
		interval: 1,
		startTime: '2030-01-01T09:00:00.000Z',
		deltaColumn: 'ordered_at',
		options,
	};
}
