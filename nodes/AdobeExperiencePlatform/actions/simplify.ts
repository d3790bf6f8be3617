/**
 * n8n's "Simplify" option (UX guidelines, "Simplifying output fields"): at most 10 fields. Version 1.1
 * only; version 1 nodes keep the full answer.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemOperation } from '../../shared/node/operations';

const SIMPLIFY = 'simple';

/** The Simplify field, shown from version 1.1 on. */
export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: SIMPLIFY,
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
	displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
};

function obj(value: unknown): IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as IDataObject)
		: {};
}

/** `fields` without the ones Adobe did not send. */
function present(fields: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/** A dataflow, simplified: 10 fields, schedule and mapping set flattened. */
export function simpleDataflow(flow: IDataObject): IDataObject {
	const schedule = obj(flow.scheduleParams);
	const transformations = Array.isArray(flow.transformations) ? flow.transformations : [];
	const mapping = transformations.map(obj).find((step) => step.name === 'Mapping');
	return present({
		id: flow.id,
		name: flow.name,
		state: flow.state,
		sourceConnectionIds: flow.sourceConnectionIds,
		targetConnectionIds: flow.targetConnectionIds,
		mappingSetId: obj(mapping?.params).mappingId,
		frequency: schedule.frequency,
		interval: schedule.interval,
		etag: flow.etag,
		sandboxName: flow.sandboxName,
	});
}

/** A target connection, simplified: dataset and schema flattened. */
export function simpleTargetConnection(target: IDataObject): IDataObject {
	return present({
		id: target.id,
		name: target.name,
		description: target.description,
		datasetId: obj(target.params).dataSetId,
		schemaId: obj(obj(target.data).schema).id,
		state: target.state,
		etag: target.etag,
		sandboxName: target.sandboxName,
	});
}

/** Whether this item's output is simplified: Simplify on, in a node of version 1.1 or later. */
function simplifies(this: IExecuteFunctions, itemIndex: number): boolean {
	if (this.getNode().typeVersion < 1.1) return false;
	return this.getNodeParameter(SIMPLIFY, itemIndex, true) !== false;
}

/** `operation` with its output simplified by `simple` when Simplify is on (see simplifies). */
export function withSimplify(
	operation: ItemOperation,
	simple: (object: IDataObject) => IDataObject,
): ItemOperation {
	return async function (itemIndex, ctx) {
		const output = await operation.call(this, itemIndex, ctx);
		if (!simplifies.call(this, itemIndex)) return output;
		return Array.isArray(output) ? output.map(simple) : simple(output);
	};
}
