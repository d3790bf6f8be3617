/**
 * Exact request counts (by method and path, from the emulator's log) of Create From Table over
 * several tables of one base connection into two datasets: first run, and a re-run that creates
 * nothing. Counts, not timings: issue 24 (batched lookups, per-run reads, no read-backs) lowers
 * them, and then changes the expected numbers here on purpose.
 */
import { countByKind } from '../../support/requestCounts';
import {
	fromTableItems,
	fromTableParameters,
	fromTableTables,
	seedFromTableSandbox,
} from '../../support/fromTableWorkload';
import { useAepEmulator } from '../../support/platform/kit';

jest.setTimeout(60_000);

const TABLES = 5;
const DATASETS = 2;
const CATALOG = '/data/foundation/catalog/dataSets';
const DATA_PREP = '/data/foundation/conversion/mappingSets';
const FLOW_SERVICE = '/data/foundation/flowservice';
const SCHEMAS = '/data/foundation/schemaregistry/tenant/schemas';

const aep = useAepEmulator('dataflow', { tables: fromTableTables(TABLES) });

/** What one run sent: Platform requests by kind, their total, and IMS tokens issued. */
async function counted(run: () => Promise<void>) {
	const requests = aep.emu().platformRequests().length;
	const tokens = aep.emu().tokensIssued();
	await run();
	const sent = aep.emu().platformRequests().slice(requests);
	return {
		byKind: countByKind(sent),
		total: sent.length,
		tokens: aep.emu().tokensIssued() - tokens,
	};
}

describe('Create From Table: requests per run, counted exactly', () => {
	it(`${TABLES} tables into ${DATASETS} datasets: first run, then a re-run that creates nothing`, async () => {
		const { baseConnectionId, datasetIds } = await seedFromTableSandbox(aep.emu(), DATASETS);
		const items = fromTableItems(TABLES, datasetIds);
		const parameters = fromTableParameters(baseConnectionId);

		const first = await counted(async () => {
			const run = await aep.run(items, parameters);
			expect(run.json.map((json) => json.error)).toEqual(items.map(() => undefined));
		});
		expect(aep.chainSizes()).toEqual([TABLES, DATASETS, TABLES, TABLES]);
		// Today (before issue 24): 100 requests, 20 per table. Per table: the dataset twice, the
		// schema, explore, then for each step a listing by reference before its create (source
		// connections and target connections listed again to settle the create), the target
		// connection and the mapping set read back, the flow read back; the flow spec once per run.
		expect(first).toEqual({
			byKind: {
				[`GET ${CATALOG}/{id}`]: 10,
				[`GET ${DATA_PREP}`]: 10,
				[`GET ${DATA_PREP}/{id}`]: 5,
				[`GET ${FLOW_SERVICE}/connections/{id}/explore`]: 5,
				[`GET ${FLOW_SERVICE}/flows`]: 10,
				[`GET ${FLOW_SERVICE}/flows/{id}`]: 5,
				[`GET ${FLOW_SERVICE}/flowSpecs`]: 1,
				[`GET ${FLOW_SERVICE}/sourceConnections`]: 13,
				[`GET ${FLOW_SERVICE}/targetConnections`]: 12,
				[`GET ${FLOW_SERVICE}/targetConnections/{id}`]: 2,
				[`GET ${SCHEMAS}/{id}`]: 5,
				[`POST ${DATA_PREP}`]: 5,
				[`POST ${DATA_PREP}/validate`]: 5,
				[`POST ${FLOW_SERVICE}/flows`]: 5,
				[`POST ${FLOW_SERVICE}/sourceConnections`]: 5,
				[`POST ${FLOW_SERVICE}/targetConnections`]: 2,
			},
			total: 100,
			tokens: 1,
		});

		const rerun = await counted(async () => {
			const run = await aep.run(items, parameters);
			expect(run.json.map((json) => json.created)).toEqual(items.map(() => []));
		});
		expect(aep.chainSizes()).toEqual([TABLES, DATASETS, TABLES, TABLES]);
		// Today: 36 requests, 7.2 per table, nothing created. The chain is found by reference (the
		// flow by source and target, each listed), then compared: dataset, schema and explore are
		// read again per table, the mapping set read by ID; the flow spec once per run. The token
		// of the first run is reused (n8n keeps it), so no IMS request.
		expect(rerun).toEqual({
			byKind: {
				[`GET ${CATALOG}/{id}`]: 5,
				[`GET ${DATA_PREP}/{id}`]: 5,
				[`GET ${FLOW_SERVICE}/connections/{id}/explore`]: 5,
				[`GET ${FLOW_SERVICE}/flows`]: 5,
				[`GET ${FLOW_SERVICE}/flowSpecs`]: 1,
				[`GET ${FLOW_SERVICE}/sourceConnections`]: 5,
				[`GET ${FLOW_SERVICE}/targetConnections`]: 5,
				[`GET ${SCHEMAS}/{id}`]: 5,
			},
			total: 36,
			tokens: 0,
		});
	});
});
