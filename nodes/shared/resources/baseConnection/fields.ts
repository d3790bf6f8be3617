import { ETAG_FIELD, type FieldRef } from '../../kernel/validation';

/** A field of this node: its parameter name, where an error points (`field`), its UI label and, for text, its longest value. */
export interface NodeField extends FieldRef {
	/** The parameter name inside its collection, if any (e.g. `sandboxName`). */
	name: string;
	/** Longest text Adobe takes, in characters. */
	maxLength?: number;
}

interface Row {
	label: string;
	maxLength?: number;
	/** Set when the parameter sits in a collection: the dotted path errors name, e.g. `options.sandboxName`. */
	path?: string;
}

// In the order the editor shows them. A field inside a collection (Update Fields, Filters) has the
// label of the top-level field with the same name.
const ROWS = {
	hosting: { label: 'Experience Platform Hosting' },
	name: { label: 'Connection Name', maxLength: 256 },
	description: { label: 'Description', maxLength: 4000 },
	redshiftSignInFrom: { label: 'Redshift Sign-In From' },
	server: { label: 'Server', maxLength: 253 },
	port: { label: 'Port' },
	username: { label: 'Username', maxLength: 128 },
	password: { label: 'Password', maxLength: 1024 },
	database: { label: 'Database', maxLength: 127 },
	schema: { label: 'Schema', maxLength: 127 },
	ifExists: { label: 'If a Connection With This Name Exists' },
	connectionId: { label: 'Connection' },
	tablePath: { label: 'Table', maxLength: 1024 },
	updateFields: { label: 'Update Fields' },
	etag: { label: ETAG_FIELD.label, maxLength: ETAG_FIELD.maxLength },
	returnAll: { label: 'Return All' },
	limit: { label: 'Limit' },
	filters: { label: 'Filters' },
	options: { label: 'Options' },
	adaptToThrottling: { label: 'Adapt to Throttling', path: 'options.adaptToThrottling' },
	concurrency: { label: 'Concurrency', path: 'options.concurrency' },
	maxRetries: { label: 'Max Retries', path: 'options.maxRetries' },
	sandboxName: { label: 'Sandbox Name or ID', path: 'options.sandboxName' },
	timeoutSeconds: { label: 'Timeout (Seconds)', path: 'options.timeoutSeconds' },
	// Source Connection resource (Connection and Table are the pickers above)
	sourceConnectionId: { label: 'Source Connection' },
	sourceConnectionName: { label: 'Source Connection Name', maxLength: 256 },
	columns: { label: 'Columns' },
	sourceIfExists: { label: 'If It Exists' },
} satisfies Record<string, Row>;

export type FieldName = keyof typeof ROWS;

/**
 * Every user-facing field of the node once: the descriptions take `displayName` (`label`) and
 * `name` from here and the validators take the same entry, so an error names a field exactly as
 * the editor shows it (test/unit/fieldLabels.test.ts checks every operation's description).
 */
export const FIELDS = Object.fromEntries(
	Object.entries(ROWS).map(([name, row]: [string, Row]) => [
		name,
		{ name, field: row.path ?? name, label: row.label, maxLength: row.maxLength },
	]),
) as Record<FieldName, NodeField>;

/** `displayName` and `name` of a field's description, from the table. */
export function labelled(name: FieldName): { displayName: string; name: string } {
	return { displayName: FIELDS[name].label, name: FIELDS[name].name };
}

export const DEFAULT_PORT = 5439;

/** Hint under an Update field, where empty means "keep". */
export const KEEP_HINT = 'Leave empty to keep the current value';
