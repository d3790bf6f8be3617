/**
 * Adobe Flow Service + IMS emulator for tests and local runs (never shipped).
 * See README.md beside this file for conventions and error codes.
 */
export { startEmulator } from './server';
export {
	EMULATOR_DEFAULTS,
	FLOW_SERVICE_PREFIX,
	IMS_TOKEN_PATH,
	REDSHIFT_AUTH_SPEC_NAME,
	REDSHIFT_CONNECTION_SPEC_ID,
	REDSHIFT_CONNECTION_SPEC_VERSION,
	SANDBOX_MANAGEMENT_PATH,
} from './defaults';
export { DEFAULT_TABLES } from './catalog';
export type {
	ColumnType,
	EmulatorOptions,
	EmulatorSandbox,
	EmulatorTable,
	Fault,
	FaultKind,
	FaultMatch,
	Hosting,
	RequestLogEntry,
	ResolvedOptions,
	StartedEmulator,
	StoredConnection,
} from './types';
