import { SANDBOX_FIELD } from '../../shared/node/readers';
import type { FieldRef } from '../../shared/kernel/validation';

/** Every user-facing field of this node once: its parameter name and the label the UI shows. */
export const FIELDS = {
	sandboxName: SANDBOX_FIELD,
	datasetId: { field: 'datasetId', label: 'Dataset' },
	datasetName: { field: 'datasetName', label: 'Dataset Name' },
	schemaId: { field: 'schemaId', label: 'Schema' },
	description: { field: 'description', label: 'Description' },
	nameFilter: { field: 'filters.name', label: 'Name' },
	datasetFilter: { field: 'filters.datasetId', label: 'Dataset' },
	targetConnectionId: { field: 'targetConnectionId', label: 'Target Connection' },
	targetConnectionName: { field: 'targetConnectionName', label: 'Target Connection Name' },
	mappingSetId: { field: 'mappingSetId', label: 'Mapping Set' },
	mappingSetName: { field: 'mappingSetName', label: 'Mapping Set Name' },
	columnsFrom: { field: 'columnsFrom', label: 'Source Columns From' },
	sourceConnectionId: { field: 'sourceConnectionId', label: 'Source Connection' },
	columns: { field: 'columns', label: 'Columns' },
	autoMatch: { field: 'autoMatch', label: 'Map Same-Named Fields' },
	mappingPairs: { field: 'mappingPairs', label: 'Mapping Pairs' },
} satisfies Record<string, FieldRef>;

/** Longest values accepted, before anything is sent. */
export const LIMITS = { name: 256, description: 4000, id: 512 } as const;
