/**
 * n8n's Simplify option on Dataflow and Target Connection › Get and Get Many, in n8n's engine
 * against the emulator: version 1.1 nodes output at most 10 fields by default, the full answer with
 * Simplify off; version 1 nodes (saved before the option) keep the full answer. With the leak scan.
 */
import type { INodeParameters } from 'n8n-workflow';

import { rl, useAepEmulator } from '../../support/platform/kit';

jest.setTimeout(60_000);

const aep = useAepEmulator('dataflow');

/** The node's single output item for `parameters` at node version `typeVersion`. */
async function one(parameters: INodeParameters, typeVersion: number) {
	const run = await aep.run([{}], parameters, { typeVersion });
	expect(run.json).toHaveLength(1);
	expect(run.json[0].error).toBeUndefined();
	return run.json[0];
}

describe('Simplify', () => {
	it('Dataflow › Get and Get Many (1.1): 10 fields, schedule and mapping set flattened; off or version 1: the full answer', async () => {
		const targetId = aep.emu().seedTargetConnection().id;
		const mappingId = aep.emu().seedMappingSet().id;
		const flowId = await aep.seedFlowUsing(targetId, mappingId);
		const stored = aep.emu().flows()[0];
		const get = { resource: 'dataflow', operation: 'get', flowId: rl('id', flowId) };
		const getMany = { resource: 'dataflow', operation: 'getAll', returnAll: true };

		for (const parameters of [get, getMany]) {
			const simple = await one(parameters, 1.1);
			expect(simple).toEqual({
				id: flowId,
				name: stored.name,
				state: stored.state,
				sourceConnectionIds: stored.sourceConnectionIds,
				targetConnectionIds: [targetId],
				mappingSetId: mappingId,
				frequency: stored.scheduleParams.frequency,
				interval: stored.scheduleParams.interval,
				etag: stored.etag,
				sandboxName: 'prod',
			});
			const full = await one({ ...parameters, simple: false }, 1.1);
			expect(Object.keys(full).length).toBeGreaterThan(10);
			expect(full).toMatchObject({ id: flowId, transformations: stored.transformations });
			expect(await one(parameters, 1)).toEqual(full);
		}
	});

	it('Target Connection › Get and Get Many (1.1): dataset and schema flattened; version 1: the full answer', async () => {
		const target = aep.emu().seedTargetConnection();
		const stored = aep.emu().targetConnections()[0];
		const get = {
			resource: 'targetConnection',
			operation: 'get',
			targetConnectionId: rl('id', target.id),
		};
		const getMany = { resource: 'targetConnection', operation: 'getAll', returnAll: true };

		for (const parameters of [get, getMany]) {
			const simple = await one(parameters, 1.1);
			expect(simple).toMatchObject({
				id: target.id,
				name: stored.name,
				datasetId: stored.params.dataSetId,
				schemaId: stored.data.schema.id,
				etag: stored.etag,
				sandboxName: 'prod',
			});
			expect(Object.keys(simple).length).toBeLessThanOrEqual(10);
			const full = await one(parameters, 1);
			expect(full).toMatchObject({ id: target.id, connectionSpec: stored.connectionSpec });
			expect(await one({ ...parameters, simple: false }, 1.1)).toEqual(full);
		}
	});
});
