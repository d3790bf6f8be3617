/**
 * Source connections (database, tabular): validation of the /sourceConnections bodies, served
 * (create, get, list, delete; no PATCH) by `objectRoutes` in core/flowService.ts. Shapes follow
 * Adobe's tutorial "Create a dataflow for database sources using the Flow Service API". Strict on
 * purpose; messages name fields, never values.
 */
import { flow } from '../core/errors';
import {
	dataflowConnectionBody,
	connectionSpec,
	onlyKeys,
	optionalString,
	requireObject,
	requireString,
} from '../core/fields';
import { isPlainObject } from '../core/http';
import type { DataflowLookups } from '../core/lookups';
import { REDSHIFT_CONNECTION_SPEC_ID } from '../core/defaults';
import type {
	EmulatorTable,
	SourceColumn,
	StoredMeta,
	StoredSourceConnection,
} from '../core/types';
import { isReachable } from '../connections/reachability';
import { EXPLORE_COLUMN_TYPES, tableSchema } from '../explore/tables';

export type SourceConnectionFields = Omit<StoredSourceConnection, keyof StoredMeta>;

const XDM_TYPES = ['string', 'number', 'integer', 'boolean'];
const COLUMN_KEYS = ['name', 'type', 'xdm', 'meta:xdmType'];

function validateColumn(value: unknown, index: number, table: EmulatorTable): SourceColumn {
	const where = `params.columns[${index}]`;
	if (!isPlainObject(value)) throw flow.invalid(`'${where}' must be an object`);
	onlyKeys(value, COLUMN_KEYS, where);
	const name = requireString(value.name, `${where}.name`);
	const type = requireString(value.type, `${where}.type`);
	if (!EXPLORE_COLUMN_TYPES.includes(type))
		throw flow.invalid(`'${where}.type' must be one of ${EXPLORE_COLUMN_TYPES.join(', ')}`);
	const xdm = requireObject(value.xdm, `${where}.xdm`, ['type', 'format']);
	const xdmType = requireString(xdm.type, `${where}.xdm.type`);
	if (!XDM_TYPES.includes(xdmType))
		throw flow.invalid(`'${where}.xdm.type' must be one of ${XDM_TYPES.join(', ')}`);
	const format = optionalString(xdm.format, `${where}.xdm.format`);
	const metaType = optionalString(value['meta:xdmType'], `${where}.meta:xdmType`);
	if (!table.columns.some((c) => c.name === name)) {
		throw flow.invalid(`'${where}.name' is not a column of table '${table.path}'`);
	}
	return {
		name,
		type,
		xdm: { type: xdmType, ...(format !== undefined ? { format } : {}) },
		...(metaType !== undefined ? { 'meta:xdmType': metaType } : {}),
	};
}

export function validateSourceConnectionBody(
	input: unknown,
	lookups: DataflowLookups,
): SourceConnectionFields {
	const { body, ...head } = dataflowConnectionBody(input, 'the source connection', 'required');
	const baseConnectionId = head.baseConnectionId as string;

	const data = requireObject(body.data, 'data', ['format']);
	// File formats (delimited, json, parquet) belong to file-based sources; every table-based source is "tabular".
	if (requireString(data.format, 'data.format') !== 'tabular')
		throw flow.invalid('\'data.format\' must be "tabular" for a database source');

	const params = requireObject(body.params, 'params', ['tableName', 'columns', 'cdcEnabled']);
	const tableName = requireString(params.tableName, 'params.tableName');
	// Every example sends the columns, but no source says they are required (dataflow-chain.md, open
	// question 3): without them the table's own columns are stored, as explore shows them.
	if (params.columns !== undefined && !Array.isArray(params.columns))
		throw flow.invalid("'params.columns' must be an array");
	if (Array.isArray(params.columns) && params.columns.length === 0)
		throw flow.mandatory('params.columns');
	if (params.cdcEnabled !== undefined && typeof params.cdcEnabled !== 'boolean')
		throw flow.invalid("'params.cdcEnabled' must be a boolean");
	// Adobe lists change data capture for Azure Databricks, Google BigQuery and Snowflake only.
	if (params.cdcEnabled === true)
		throw flow.invalid("'params.cdcEnabled' is not supported by this source");

	const spec = connectionSpec(body.connectionSpec, REDSHIFT_CONNECTION_SPEC_ID);

	const base = lookups.baseConnection(baseConnectionId);
	if (!base) throw flow.notFound(`Connection '${baseConnectionId}'`);
	if (base.connectionSpec.id !== spec.id)
		throw flow.invalid("'connectionSpec.id' differs from the base connection's connection spec");
	// The table is looked up through the base connection, exactly as explore does.
	if (!isReachable(base.auth.params.server)) throw flow.sourceUnreachable();
	const table = lookups.tables.find((t) => t.path === tableName);
	if (!table) throw flow.notFound(`Table '${tableName}'`);
	const columns = Array.isArray(params.columns)
		? params.columns.map((c, i) => validateColumn(c, i, table))
		: (tableSchema(table).schema.columns as SourceColumn[]);
	if (new Set(columns.map((c) => c.name)).size !== columns.length)
		throw flow.invalid("'params.columns' lists a column more than once");

	return {
		...head,
		baseConnectionId,
		data: { format: 'tabular' },
		params: { tableName, columns, ...(params.cdcEnabled === false ? { cdcEnabled: false } : {}) },
		connectionSpec: spec,
	};
}
