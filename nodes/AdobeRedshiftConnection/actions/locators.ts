import {
	baseConnectionPicker,
	modesOf,
	picker,
	tablePicker,
	uuidMode,
} from '../../shared/node/picker';
import { locatorValue as readLocator } from '../../shared/node/readers';
import type { FieldRef } from '../../shared/kernel/validation';
import { FIELDS, labelled } from '../../shared/resources/baseConnection/fields';

/**
 * The Connection picker (shared baseConnectionPicker). The parameter keeps its name `connectionId`,
 * so workflows saved with a plain string still run (see locatorValue).
 */
export const connectionLocator = baseConnectionPicker(
	FIELDS.connectionId.name,
	FIELDS.connectionId.label,
	'The base connection. To chain from a Create node, choose By ID and drag the ID field of its output here.',
);

/** The Table picker of Get Table Schema and Source Connection › Create (shared tablePicker). */
export const tableLocator = tablePicker(FIELDS.tablePath.name, FIELDS.tablePath.label);

/**
 * The Source Connection picker (list method searchSourceConnections): From List (the sandbox's
 * Redshift source connections, searchable by name) or By ID.
 */
export const sourceConnectionLocator = picker({
	...labelled('sourceConnectionId'),
	description:
		'The source connection. To chain from a Create node, choose By ID and drag the ID field of its output here.',
	searchListMethod: 'searchSourceConnections',
	placeholder: 'Select a source connection...',
	modes: [uuidMode('source connection', '9e3a1f2c-5b7d-4e8f-a1b2-c3d4e5f6a7b8')],
});

const PICKERS = [connectionLocator, tableLocator, sourceConnectionLocator];

/** The stored value of this node's Connection or Table picker (see the shared locatorValue). */
export function locatorValue(ref: FieldRef, stored: unknown): unknown {
	const field = PICKERS.find((entry) => entry.name === ref.field);
	return readLocator(ref, stored, field ? modesOf(field) : []);
}
