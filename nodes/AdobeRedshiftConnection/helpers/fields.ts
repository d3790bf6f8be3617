import type { FieldRef } from '../../shared/validation';

/** Every user-facing field once: its parameter name and the label the UI shows. */
export const FIELDS = {
	hosting: { field: 'hosting', label: 'Experience Platform Hosting' },
	name: { field: 'name', label: 'Connection Name' },
	description: { field: 'description', label: 'Description' },
	server: { field: 'server', label: 'Server' },
	port: { field: 'port', label: 'Port' },
	username: { field: 'username', label: 'Username' },
	password: { field: 'password', label: 'Password' },
	database: { field: 'database', label: 'Database' },
	schema: { field: 'schema', label: 'Schema' },
	sandboxName: { field: 'options.sandboxName', label: 'Sandbox' },
	connectionId: { field: 'connectionId', label: 'Connection' },
	tablePath: { field: 'tablePath', label: 'Table' },
	// Source Connection resource
	sourceConnectionId: { field: 'sourceConnectionId', label: 'Source Connection' },
	sourceConnectionName: { field: 'sourceConnectionName', label: 'Source Connection Name' },
	columns: { field: 'columns', label: 'Columns' },
	sourceIfExists: { field: 'sourceIfExists', label: 'If It Exists' },
} satisfies Record<string, FieldRef>;

export const LIMITS = {
	name: 256,
	description: 4000,
	server: 253,
	username: 128,
	password: 1024,
	database: 127,
	schema: 127,
} as const;

export type Hosting = 'azure' | 'aws';

export const DEFAULT_PORT = 5439;
