/**
 * Target connections (Data Lake): validation of the /targetConnections bodies, served (create, get,
 * list, delete; no PATCH) by `objectRoutes` in core/flowService.ts. Strict on purpose; messages name
 * fields, never values.
 */
import { DATA_LAKE_CONNECTION_SPEC_ID } from '../core/defaults';
import { flow } from '../core/errors';
import {
	dataflowConnectionBody,
	connectionSpec,
	optionalString,
	requireObject,
	requireString,
} from '../core/fields';
import type { DataflowLookups } from '../core/lookups';
import type { StoredMeta, StoredTargetConnection } from '../core/types';

export type TargetConnectionFields = Omit<StoredTargetConnection, keyof StoredMeta>;

/** Catalog dataset ids are 24 lower-case hex digits, e.g. "6019e0e7c5dcf718db5ebc71". */
const DATASET_ID = /^[0-9a-f]{24}$/;
/**
 * The schema version of a Data Lake target, full form: the docs write `version=1`, the spec and aepp
 * `version=1.0`; both are accepted (dataflow-chain.md, open question 15).
 */
const SCHEMA_VERSION = /^application\/vnd\.adobe\.xed-full\+json;\s*version=1(\.0)?$/;

export function validateTargetConnectionBody(
	input: unknown,
	lookups: DataflowLookups,
): TargetConnectionFields {
	const { body, ...head } = dataflowConnectionBody(input, 'the target connection', 'optional');
	const { baseConnectionId } = head;

	const data = requireObject(body.data, 'data', ['schema', 'format']);
	const schema = requireObject(data.schema, 'data.schema', ['id', 'version']);
	const schemaId = requireString(schema.id, 'data.schema.id');
	if (!schemaId.startsWith('https://ns.adobe.com/'))
		throw flow.invalid(
			"'data.schema.id' must be the $id of an XDM schema (https://ns.adobe.com/...)",
		);
	const schemaVersion = requireString(schema.version, 'data.schema.version');
	if (!SCHEMA_VERSION.test(schemaVersion)) {
		throw flow.invalid(
			'\'data.schema.version\' must be "application/vnd.adobe.xed-full+json;version=1"',
		);
	}
	const format = optionalString(data.format, 'data.format');
	if (format !== undefined && format !== 'parquet_xdm')
		throw flow.invalid('\'data.format\' must be "parquet_xdm" for the Data Lake');

	const params = requireObject(body.params, 'params', ['dataSetId']);
	const dataSetId = requireString(params.dataSetId, 'params.dataSetId');
	if (!DATASET_ID.test(dataSetId))
		throw flow.invalid("'params.dataSetId' must be a Catalog dataset ID (24 hex digits)");

	const spec = connectionSpec(body.connectionSpec, DATA_LAKE_CONNECTION_SPEC_ID);
	if (baseConnectionId !== undefined && !lookups.baseConnection(baseConnectionId)) {
		throw flow.notFound(`Connection '${baseConnectionId}'`);
	}
	if (lookups.dataset) {
		const dataset = lookups.dataset(dataSetId);
		if (!dataset) throw flow.notFound(`Dataset '${dataSetId}'`);
		if (dataset.schemaRef.id !== schemaId)
			throw flow.invalid("'data.schema.id' must be the dataset's schemaRef.id");
	}

	return {
		...head,
		data: {
			schema: { id: schemaId, version: schemaVersion },
			...(format !== undefined ? { format } : {}),
		},
		params: { dataSetId },
		connectionSpec: spec,
	};
}
