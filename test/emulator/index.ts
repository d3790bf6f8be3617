/**
 * Adobe Flow Service + IMS emulator for tests and local runs (never shipped).
 * See README.md beside this file for conventions and error codes.
 */
export { startEmulator } from './core/server';
export {
	DATA_LAKE_CONNECTION_SPEC_ID,
	DATABASE_FLOW_SPEC_ID,
	DATABASE_FLOW_SPEC_NAME,
	EMULATOR_DEFAULTS,
	FLOW_SERVICE_PREFIX,
	IMS_TOKEN_PATH,
	REDSHIFT_AUTH_SPEC_NAME,
	REDSHIFT_CONNECTION_SPEC_ID,
	REDSHIFT_CONNECTION_SPEC_VERSION,
	SANDBOX_MANAGEMENT_PATH,
} from './core/defaults';
export { DEFAULT_TABLES, MAPPING_TRAPS_TABLE, numberedTables } from './explore/tables';
export { CATALOG_PREFIX } from './catalog/datasets';
export { DEFAULT_SCHEMA_ID } from './core/emulatorCore';
export { DATA_PREP_PREFIX } from './mappingSets/mappingSets';
export {
	DEFAULT_SCHEMAS,
	MAPPING_TRAPS_SCHEMA,
	PROFILE_NO_TENANT_SCHEMA,
	SCHEMA_REGISTRY_PREFIX,
	TENANT_ID,
} from './schemaRegistry/schemas';
export type {
	ColumnType,
	EmulatorOptions,
	EmulatorSandbox,
	EmulatorTable,
	Fault,
	FaultKind,
	FaultMatch,
	FlowTransformation,
	Hosting,
	RequestLogEntry,
	RunOutcome,
	RunSeed,
	StoredDataset,
	StoredMappingSet,
	StoredRun,
	XdmSchema,
	ResolvedOptions,
	StartedEmulator,
	SourceColumn,
	StoredConnection,
	StoredFlow,
	StoredSourceConnection,
	StoredTargetConnection,
} from './core/types';
