import type { INodeProperties } from 'n8n-workflow';

import type { ResourceDefinition } from '../../shared/node/operations';
import { createRouter } from '../../shared/node/router';
import * as dataflow from './dataflow/Dataflow.resource';
import * as dataset from './dataset/Dataset.resource';
import * as flowRun from './flowRun/FlowRun.resource';
import * as mappingSet from './mappingSet/MappingSet.resource';
import * as targetConnection from './targetConnection/TargetConnection.resource';

/**
 * The node's resources, in dropdown (alphabetical) order: one line each. A line gives the
 * Resource option, the Operation dropdown and fields (`description`) and the router's handlers.
 */
const RESOURCES: Record<string, { name: string; resource: ResourceDefinition<string> }> = {
	dataflow: { name: 'Dataflow', resource: dataflow },
	dataset: { name: 'Dataset', resource: dataset },
	flowRun: { name: 'Flow Run', resource: flowRun },
	mappingSet: { name: 'Mapping Set', resource: mappingSet },
	targetConnection: { name: 'Target Connection', resource: targetConnection },
};

export const resourceField: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: Object.entries(RESOURCES).map(([value, { name }]) => ({ name, value })),
	default: 'dataset',
};

/** Every resource's Operation dropdown and fields. */
export const resourceFields: INodeProperties[] = Object.values(RESOURCES).flatMap(
	({ resource }) => resource.description,
);

/** The node's execute: resource -> operation -> handler (see shared/node/router.ts). */
export const router = createRouter(
	Object.fromEntries(
		Object.entries(RESOURCES).map(([value, { resource }]) => [value, resource.operations]),
	),
	{
		createdNote: (count, list) =>
			`This run had already created ${count} object(s) before it stopped: ${list}. Running the workflow again reuses them when the create's "If ... Exists" field is "Reuse It" (the default).`,
	},
);
