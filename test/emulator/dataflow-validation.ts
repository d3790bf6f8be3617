/**
 * Validation of the dataflow chain that follows a base connection: source connection (database,
 * tabular), target connection (Data Lake) and flow. Shapes follow Adobe's tutorial "Create a dataflow
 * for database sources using the Flow Service API" and the CRMToAEP flow spec it prints. Strict on
 * purpose, like validation.ts; messages name fields, never values.
 */
import { COLUMN_TYPES, tableSchema } from './catalog';
import {
	DATA_LAKE_CONNECTION_SPEC_ID,
	DATABASE_FLOW_SPEC_ID,
	DATABASE_FLOW_SPEC_NAME,
	REDSHIFT_CONNECTION_SPEC_ID,
	REDSHIFT_CONNECTION_SPEC_VERSION,
} from './defaults';
import { flow } from './errors';
import { isPlainObject } from './http';
import { isReachable } from './reachability';
import type {
	EmulatorTable,
	FlowTransformation,
	SourceColumn,
	StoredConnection,
	StoredFlow,
	StoredMeta,
	StoredSourceConnection,
	StoredTargetConnection,
} from './types';
import { onlyKeys, requireObject, requireString } from './validation';

export type SourceConnectionFields = Omit<StoredSourceConnection, keyof StoredMeta>;
export type TargetConnectionFields = Omit<StoredTargetConnection, keyof StoredMeta>;
export type FlowFields = Omit<StoredFlow, keyof StoredMeta>;

/** What a body may refer to, as seen from the caller's sandbox. */
export interface DataflowLookups {
	baseConnection(id: string): StoredConnection | undefined;
	sourceConnection(id: string): StoredSourceConnection | undefined;
	targetConnection(id: string): StoredTargetConnection | undefined;
	tables: EmulatorTable[];
	/**
	 * Catalog and Data Prep lookups. The server always provides them (a target's dataset and a
	 * flow's mapping set must then exist); pure validation tests without them skip those checks.
	 */
	dataset?(id: string): { schemaRef: { id: string } } | undefined;
	mappingSet?(id: string): { version: number; outputSchema: { schemaRef: { id: string } } } | undefined;
	/** Epoch ms "now" and whether a past startTime is refused (FLOW-1360-400). */
	rejectPastStartTime?: boolean;
	now?: number;
}

/** The flow specs the emulator knows: only the one for database sources into the Data Lake. */
export const FLOW_SPECS = [
	{
		id: DATABASE_FLOW_SPEC_ID,
		name: DATABASE_FLOW_SPEC_NAME,
		version: '1.0',
		// Adobe's CRMToAEP lists many database and CRM sources; Redshift is the one emulated.
		sourceConnectionSpecIds: [REDSHIFT_CONNECTION_SPEC_ID],
		targetConnectionSpecIds: [DATA_LAKE_CONNECTION_SPEC_ID],
		transformations: ['Copy', 'Mapping'],
		frequencies: ['once', 'minute', 'hour', 'day', 'week'],
		tableSource: true,
	},
	{
		// File sources: listed so that a lookup by name has something to tell apart; no source of ours fits it.
		id: '9753525b-82c7-4dce-8a9b-5ccfce2b9876',
		name: 'CloudStorageToAEP',
		version: '1.0',
		sourceConnectionSpecIds: ['ecadc60c-7455-4d87-84dc-2a0e293d997b'],
		targetConnectionSpecIds: [DATA_LAKE_CONNECTION_SPEC_ID],
		transformations: ['Mapping'],
		frequencies: ['once', 'minute', 'hour', 'day', 'week'],
		tableSource: false,
	},
] as const;

/** Anything above this is not epoch seconds: almost certainly milliseconds. */
export const MAX_EPOCH_SECONDS = 99_999_999_999;

const XDM_TYPES = ['string', 'number', 'integer', 'boolean'];
const COLUMN_KEYS = ['name', 'type', 'xdm', 'meta:xdmType'];
/** Catalog dataset ids are 24 lower-case hex digits, e.g. "6019e0e7c5dcf718db5ebc71". */
const DATASET_ID = /^[0-9a-f]{24}$/;
/** Data Prep mapping set ids are 32 hex digits, e.g. "0b090130b58b4819afc78b6dc98b484d". */
const MAPPING_ID = /^[0-9a-f]{32}$/i;
/**
 * The schema version of a Data Lake target, full form: the docs write `version=1`, the spec and aepp
 * `version=1.0`; both are accepted (dataflow-chain.md, open question 15).
 */
const SCHEMA_VERSION = /^application\/vnd\.adobe\.xed-full\+json;\s*version=1(\.0)?$/;

function optionalString(value: unknown, field: string): string | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'string') throw flow.invalid(`'${field}' must be a string`);
	return value;
}

function connectionSpec(value: unknown): { id: string; version: string } {
	const spec = requireObject(value, 'connectionSpec');
	onlyKeys(spec, ['id', 'version'], 'connectionSpec');
	return { id: requireString(spec.id, 'connectionSpec.id'), version: requireString(spec.version, 'connectionSpec.version') };
}

function requireVersion(version: string, field: string): void {
	if (version !== REDSHIFT_CONNECTION_SPEC_VERSION) throw flow.invalid(`'${field}' must be "1.0"`);
}

/** An integer, or its digits as a string (Adobe's examples send both). */
export function wholeNumber(value: unknown, field: string): number {
	if (value === undefined || value === null || value === '') throw flow.mandatory(field);
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
	if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
	throw flow.invalid(`'${field}' must be a whole number`);
}

function nonEmptyIdList(value: unknown, field: string): string[] {
	if (value === undefined || value === null) throw flow.mandatory(field);
	if (!Array.isArray(value)) throw flow.invalid(`'${field}' must be an array of IDs`);
	if (value.length === 0) throw flow.mandatory(field);
	const ids = value.map((v, i) => requireString(v, `${field}[${i}]`));
	if (new Set(ids).size !== ids.length) throw flow.invalid(`'${field}' lists an ID more than once`);
	return ids;
}

function validateColumn(value: unknown, index: number, table: EmulatorTable): SourceColumn {
	const where = `params.columns[${index}]`;
	if (!isPlainObject(value)) throw flow.invalid(`'${where}' must be an object`);
	onlyKeys(value, COLUMN_KEYS, where);
	const name = requireString(value.name, `${where}.name`);
	const type = requireString(value.type, `${where}.type`);
	if (!(COLUMN_TYPES as string[]).includes(type)) throw flow.invalid(`'${where}.type' is not a known column type`);
	const xdm = requireObject(value.xdm, `${where}.xdm`);
	onlyKeys(xdm, ['type', 'format'], `${where}.xdm`);
	const xdmType = requireString(xdm.type, `${where}.xdm.type`);
	if (!XDM_TYPES.includes(xdmType)) throw flow.invalid(`'${where}.xdm.type' must be one of ${XDM_TYPES.join(', ')}`);
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

export function validateSourceConnectionBody(body: unknown, lookups: DataflowLookups): SourceConnectionFields {
	if (!isPlainObject(body)) throw flow.invalid('The request body must be a JSON object');
	onlyKeys(body, ['name', 'description', 'baseConnectionId', 'data', 'params', 'connectionSpec'], 'the source connection');
	const name = requireString(body.name, 'name');
	const description = optionalString(body.description, 'description');
	const baseConnectionId = requireString(body.baseConnectionId, 'baseConnectionId');

	const data = requireObject(body.data, 'data');
	onlyKeys(data, ['format'], 'data');
	// File formats (delimited, json, parquet) belong to file-based sources; every table-based source is "tabular".
	if (requireString(data.format, 'data.format') !== 'tabular') throw flow.invalid("'data.format' must be \"tabular\" for a database source");

	const params = requireObject(body.params, 'params');
	onlyKeys(params, ['tableName', 'columns', 'cdcEnabled'], 'params');
	const tableName = requireString(params.tableName, 'params.tableName');
	// Every example sends the columns, but no source says they are required (dataflow-chain.md, open
	// question 3): without them the table's own columns are stored, as explore shows them.
	if (params.columns !== undefined && !Array.isArray(params.columns)) throw flow.invalid("'params.columns' must be an array");
	if (Array.isArray(params.columns) && params.columns.length === 0) throw flow.mandatory('params.columns');
	if (params.cdcEnabled !== undefined && typeof params.cdcEnabled !== 'boolean') throw flow.invalid("'params.cdcEnabled' must be a boolean");
	// Adobe lists change data capture for Azure Databricks, Google BigQuery and Snowflake only.
	if (params.cdcEnabled === true) throw flow.invalid("'params.cdcEnabled' is not supported by this source");

	const spec = connectionSpec(body.connectionSpec);
	if (spec.id !== REDSHIFT_CONNECTION_SPEC_ID) throw flow.notFound('Connection spec');
	requireVersion(spec.version, 'connectionSpec.version');

	const base = lookups.baseConnection(baseConnectionId);
	if (!base) throw flow.notFound(`Connection '${baseConnectionId}'`);
	if (base.connectionSpec.id !== spec.id) throw flow.invalid("'connectionSpec.id' differs from the base connection's connection spec");
	// The table is looked up through the base connection, exactly as explore does.
	if (!isReachable(base.auth.params.server)) throw flow.sourceUnreachable();
	const table = lookups.tables.find((t) => t.path === tableName);
	if (!table) throw flow.notFound(`Table '${tableName}'`);
	const columns = Array.isArray(params.columns)
		? params.columns.map((c, i) => validateColumn(c, i, table))
		: (tableSchema(table).schema.columns as SourceColumn[]);
	if (new Set(columns.map((c) => c.name)).size !== columns.length) throw flow.invalid("'params.columns' lists a column more than once");

	return {
		name,
		...(description !== undefined ? { description } : {}),
		baseConnectionId,
		data: { format: 'tabular' },
		params: { tableName, columns, ...(params.cdcEnabled === false ? { cdcEnabled: false } : {}) },
		connectionSpec: spec,
	};
}

export function validateTargetConnectionBody(body: unknown, lookups: DataflowLookups): TargetConnectionFields {
	if (!isPlainObject(body)) throw flow.invalid('The request body must be a JSON object');
	onlyKeys(body, ['name', 'description', 'baseConnectionId', 'data', 'params', 'connectionSpec'], 'the target connection');
	const name = requireString(body.name, 'name');
	const description = optionalString(body.description, 'description');
	const baseConnectionId = optionalString(body.baseConnectionId, 'baseConnectionId');

	const data = requireObject(body.data, 'data');
	onlyKeys(data, ['schema', 'format'], 'data');
	const schema = requireObject(data.schema, 'data.schema');
	onlyKeys(schema, ['id', 'version'], 'data.schema');
	const schemaId = requireString(schema.id, 'data.schema.id');
	if (!schemaId.startsWith('https://ns.adobe.com/')) throw flow.invalid("'data.schema.id' must be the $id of an XDM schema (https://ns.adobe.com/...)");
	const schemaVersion = requireString(schema.version, 'data.schema.version');
	if (!SCHEMA_VERSION.test(schemaVersion)) {
		throw flow.invalid("'data.schema.version' must be \"application/vnd.adobe.xed-full+json;version=1\"");
	}
	const format = optionalString(data.format, 'data.format');
	if (format !== undefined && format !== 'parquet_xdm') throw flow.invalid("'data.format' must be \"parquet_xdm\" for the Data Lake");

	const params = requireObject(body.params, 'params');
	onlyKeys(params, ['dataSetId'], 'params');
	const dataSetId = requireString(params.dataSetId, 'params.dataSetId');
	if (!DATASET_ID.test(dataSetId)) throw flow.invalid("'params.dataSetId' must be a Catalog dataset ID (24 hex digits)");

	const spec = connectionSpec(body.connectionSpec);
	if (spec.id !== DATA_LAKE_CONNECTION_SPEC_ID) throw flow.notFound('Connection spec');
	requireVersion(spec.version, 'connectionSpec.version');
	if (baseConnectionId !== undefined && !lookups.baseConnection(baseConnectionId)) {
		throw flow.notFound(`Connection '${baseConnectionId}'`);
	}
	if (lookups.dataset) {
		const dataset = lookups.dataset(dataSetId);
		if (!dataset) throw flow.notFound(`Dataset '${dataSetId}'`);
		if (dataset.schemaRef.id !== schemaId) throw flow.invalid("'data.schema.id' must be the dataset's schemaRef.id");
	}

	return {
		name,
		...(description !== undefined ? { description } : {}),
		...(baseConnectionId !== undefined ? { baseConnectionId } : {}),
		data: { schema: { id: schemaId, version: schemaVersion }, ...(format !== undefined ? { format } : {}) },
		params: { dataSetId },
		connectionSpec: spec,
	};
}

/**
 * `scheduleParams` per the CRMToAEP scheduleSpec, with Adobe's codes: 1397 frequency, 1361/1364
 * interval/backfill with once, 1363 interval not a whole number, 1362 interval below the minimum,
 * 1360 start in the past (only with `rejectPastStartTime`).
 */
export function validateSchedule(value: unknown, frequencies: readonly string[], lookups: Pick<DataflowLookups, 'rejectPastStartTime' | 'now'> = {}): Record<string, unknown> {
	const schedule = requireObject(value, 'scheduleParams');
	onlyKeys(schedule, ['startTime', 'frequency', 'interval', 'backfill'], 'scheduleParams');
	const startTime = wholeNumber(schedule.startTime, 'scheduleParams.startTime');
	if (startTime > MAX_EPOCH_SECONDS) throw flow.invalid("'scheduleParams.startTime' must be epoch seconds, not milliseconds");
	if (lookups.rejectPastStartTime && startTime < Math.floor((lookups.now ?? Date.now()) / 1000)) throw flow.startTimeInPast();
	const frequency = requireString(schedule.frequency, 'scheduleParams.frequency');
	if (!frequencies.includes(frequency)) throw flow.invalidFrequency();
	if (frequency === 'once') {
		// The flow spec forbids both for a one-time run.
		if (schedule.interval !== undefined) throw flow.intervalWithOnce();
		if (schedule.backfill !== undefined) throw flow.backfillWithOnce();
	} else {
		if (schedule.interval === undefined || schedule.interval === null || schedule.interval === '') throw flow.mandatory('scheduleParams.interval');
		let interval: number;
		try {
			interval = wholeNumber(schedule.interval, 'scheduleParams.interval');
		} catch {
			throw flow.intervalInvalid();
		}
		const minimum = frequency === 'minute' ? 15 : 1;
		if (interval < minimum) throw flow.intervalTooSmall(frequency, minimum);
		const backfill = schedule.backfill;
		if (backfill !== undefined && typeof backfill !== 'boolean' && backfill !== 'true' && backfill !== 'false') {
			throw flow.invalid("'scheduleParams.backfill' must be a boolean");
		}
	}
	return { ...schedule };
}

export function validateTransformations(value: unknown, allowed: readonly string[], columns: Set<string>): FlowTransformation[] {
	if (value === undefined) return [];
	if (!Array.isArray(value)) throw flow.invalid("'transformations' must be an array");
	const seen = new Set<string>();
	return value.map((t, i) => {
		const where = `transformations[${i}]`;
		if (!isPlainObject(t)) throw flow.invalid(`'${where}' must be an object`);
		onlyKeys(t, ['name', 'params'], where);
		const name = requireString(t.name, `${where}.name`);
		if (!allowed.includes(name)) throw flow.invalid(`'${where}.name' must be one of ${allowed.join(', ')}`);
		if (seen.has(name)) throw flow.invalid(`'${where}.name' appears more than once`);
		seen.add(name);
		const params = requireObject(t.params, `${where}.params`);
		if (name === 'Mapping') {
			onlyKeys(params, ['mappingId', 'mappingVersion'], `${where}.params`);
			const mappingId = requireString(params.mappingId, `${where}.params.mappingId`);
			if (!MAPPING_ID.test(mappingId)) throw flow.invalid(`'${where}.params.mappingId' must be a mapping set ID (32 hex digits)`);
			if (params.mappingVersion !== undefined) wholeNumber(params.mappingVersion, `${where}.params.mappingVersion`);
		} else {
			onlyKeys(params, ['deltaColumn'], `${where}.params`);
			const delta = requireObject(params.deltaColumn, `${where}.params.deltaColumn`);
			onlyKeys(delta, ['name', 'dateFormat', 'timezone'], `${where}.params.deltaColumn`);
			const column = requireString(delta.name, `${where}.params.deltaColumn.name`);
			optionalString(delta.dateFormat, `${where}.params.deltaColumn.dateFormat`);
			optionalString(delta.timezone, `${where}.params.deltaColumn.timezone`);
			if (!columns.has(column)) throw flow.invalid(`'${where}.params.deltaColumn.name' is not a column of the source connection`);
		}
		return { name: name as FlowTransformation['name'], params: structuredClone(params) };
	});
}

/** `options`: partial ingestion threshold (percent, > 0, <= 100) and error diagnostics (boolean). */
export function validateFlowOptions(value: unknown): Record<string, unknown> | undefined {
	if (value === undefined) return undefined;
	const options = requireObject(value, 'options');
	onlyKeys(options, ['partialIngestionPercent', 'errorDiagnosticsEnabled'], 'options');
	const percent = options.partialIngestionPercent;
	if (percent !== undefined && (typeof percent !== 'number' || !(percent > 0 && percent <= 100))) {
		throw flow.invalid("'options.partialIngestionPercent' must be a number above 0 and at most 100");
	}
	if (options.errorDiagnosticsEnabled !== undefined && typeof options.errorDiagnosticsEnabled !== 'boolean') {
		throw flow.invalid("'options.errorDiagnosticsEnabled' must be a boolean");
	}
	return structuredClone(options);
}

/**
 * Rules between schedule, transformations and targets: 1367 (a scheduled flow from a table source
 * needs Copy.deltaColumn), 1369 (no delta column with once), and, when the mapping set is known,
 * 1439 (no such mapping set), 1412 (no such version) and 1425 (the target's schema is not the
 * mapping set's output schema).
 */
export function checkFlowRules(
	fields: Pick<FlowFields, 'scheduleParams' | 'transformations' | 'targetConnectionIds'>,
	spec: { tableSource: boolean },
	lookups: DataflowLookups,
): void {
	const copy = fields.transformations.find((t) => t.name === 'Copy');
	if (fields.scheduleParams.frequency === 'once') {
		if (copy) throw flow.deltaColumnWithOnce();
	} else if (spec.tableSource && !copy) {
		throw flow.deltaColumnMissing();
	}
	const mapping = fields.transformations.find((t) => t.name === 'Mapping');
	if (!mapping || !lookups.mappingSet) return;
	const set = lookups.mappingSet(String(mapping.params.mappingId));
	if (!set) throw flow.notFound(`Mapping set '${String(mapping.params.mappingId)}'`);
	if (mapping.params.mappingVersion !== undefined && Number(mapping.params.mappingVersion) > set.version) throw flow.mappingVersionInvalid();
	for (const id of fields.targetConnectionIds) {
		if (lookups.targetConnection(id)?.data.schema.id !== set.outputSchema.schemaRef.id) throw flow.schemaMismatch();
	}
}

export function validateFlowBody(body: unknown, lookups: DataflowLookups): FlowFields {
	if (!isPlainObject(body)) throw flow.invalid('The request body must be a JSON object');
	if (body.state !== undefined) throw flow.stateOnCreate();
	onlyKeys(
		body,
		['name', 'description', 'flowSpec', 'sourceConnectionIds', 'targetConnectionIds', 'transformations', 'scheduleParams', 'options'],
		'the flow',
	);
	const name = requireString(body.name, 'name');
	const description = optionalString(body.description, 'description');
	const flowSpecBody = requireObject(body.flowSpec, 'flowSpec');
	onlyKeys(flowSpecBody, ['id', 'version'], 'flowSpec');
	const flowSpec = { id: requireString(flowSpecBody.id, 'flowSpec.id'), version: requireString(flowSpecBody.version, 'flowSpec.version') };
	const sourceConnectionIds = nonEmptyIdList(body.sourceConnectionIds, 'sourceConnectionIds');
	const targetConnectionIds = nonEmptyIdList(body.targetConnectionIds, 'targetConnectionIds');
	if (body.scheduleParams === undefined || body.scheduleParams === null) throw flow.mandatory('scheduleParams');

	const spec = FLOW_SPECS.find((s) => s.id === flowSpec.id);
	if (!spec) throw flow.notFound('Flow spec');
	if (flowSpec.version !== spec.version) throw flow.invalid(`'flowSpec.version' must be "${spec.version}"`);

	const columns = new Set<string>();
	for (const id of sourceConnectionIds) {
		const source = lookups.sourceConnection(id);
		if (!source) throw flow.notFound(`Source connection '${id}'`);
		if (!(spec.sourceConnectionSpecIds as readonly string[]).includes(source.connectionSpec.id)) {
			throw flow.invalid(`Source connection '${id}' cannot be used with flow spec '${spec.name}'`);
		}
		for (const c of source.params.columns) columns.add(c.name);
	}
	for (const id of targetConnectionIds) {
		const target = lookups.targetConnection(id);
		if (!target) throw flow.notFound(`Target connection '${id}'`);
		if (!(spec.targetConnectionSpecIds as readonly string[]).includes(target.connectionSpec.id)) {
			throw flow.invalid(`Target connection '${id}' cannot be used with flow spec '${spec.name}'`);
		}
	}
	const transformations = validateTransformations(body.transformations, spec.transformations, columns);
	const scheduleParams = validateSchedule(body.scheduleParams, spec.frequencies, lookups);
	const options = validateFlowOptions(body.options);
	checkFlowRules({ scheduleParams, transformations, targetConnectionIds }, spec, lookups);

	return {
		name,
		...(description !== undefined ? { description } : {}),
		flowSpec,
		sourceConnectionIds,
		targetConnectionIds,
		transformations,
		scheduleParams,
		...(options !== undefined ? { options } : {}),
	};
}
