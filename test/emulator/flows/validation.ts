/**
 * Validation of a flow, the last link of the dataflow chain (source and target connections, then the
 * flow). Shapes follow Adobe's tutorial "Create a dataflow for database sources using the Flow Service
 * API" and the CRMToAEP flow spec it prints. Strict on purpose; messages name fields, never values.
 */
import {
	DATA_LAKE_CONNECTION_SPEC_ID,
	DATABASE_FLOW_SPEC_ID,
	DATABASE_FLOW_SPEC_NAME,
	REDSHIFT_CONNECTION_SPEC_ID,
} from '../core/defaults';
import { flow } from '../core/errors';
import {
	nonEmptyIdList,
	onlyKeys,
	optionalString,
	requireObject,
	requireString,
	wholeNumber,
} from '../core/fields';
import { isPlainObject } from '../core/http';
import type { DataflowLookups } from '../core/lookups';
import type { FlowTransformation, StoredFlow, StoredMeta } from '../core/types';

export type FlowFields = Omit<StoredFlow, keyof StoredMeta>;

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

/** Data Prep mapping set ids are 32 hex digits, e.g. "0b090130b58b4819afc78b6dc98b484d". */
const MAPPING_ID = /^[0-9a-f]{32}$/i;

/**
 * `scheduleParams` per the CRMToAEP scheduleSpec, with Adobe's codes: 1397 frequency, 1361/1364
 * interval/backfill with once, 1363 interval not a whole number, 1362 interval below the minimum,
 * 1360 start in the past (only with `rejectPastStartTime`).
 */
export function validateSchedule(
	value: unknown,
	frequencies: readonly string[],
	lookups: Pick<DataflowLookups, 'rejectPastStartTime' | 'now'> = {},
): Record<string, unknown> {
	const schedule = requireObject(value, 'scheduleParams', [
		'startTime',
		'frequency',
		'interval',
		'backfill',
	]);
	const startTime = wholeNumber(schedule.startTime, 'scheduleParams.startTime');
	if (startTime > MAX_EPOCH_SECONDS)
		throw flow.invalid("'scheduleParams.startTime' must be epoch seconds, not milliseconds");
	if (lookups.rejectPastStartTime && startTime < Math.floor((lookups.now ?? Date.now()) / 1000))
		throw flow.startTimeInPast();
	const frequency = requireString(schedule.frequency, 'scheduleParams.frequency');
	if (!frequencies.includes(frequency)) throw flow.invalidFrequency();
	if (frequency === 'once') {
		// The flow spec forbids both for a one-time run.
		if (schedule.interval !== undefined) throw flow.intervalWithOnce();
		if (schedule.backfill !== undefined) throw flow.backfillWithOnce();
	} else {
		if (schedule.interval === undefined || schedule.interval === null || schedule.interval === '')
			throw flow.mandatory('scheduleParams.interval');
		let interval: number;
		try {
			interval = wholeNumber(schedule.interval, 'scheduleParams.interval');
		} catch {
			throw flow.intervalInvalid();
		}
		const minimum = frequency === 'minute' ? 15 : 1;
		if (interval < minimum) throw flow.intervalTooSmall(frequency, minimum);
		const backfill = schedule.backfill;
		if (
			backfill !== undefined &&
			typeof backfill !== 'boolean' &&
			backfill !== 'true' &&
			backfill !== 'false'
		) {
			throw flow.invalid("'scheduleParams.backfill' must be a boolean");
		}
	}
	return { ...schedule };
}

export function validateTransformations(
	value: unknown,
	allowed: readonly string[],
	columns: Set<string>,
): FlowTransformation[] {
	if (value === undefined) return [];
	if (!Array.isArray(value)) throw flow.invalid("'transformations' must be an array");
	const seen = new Set<string>();
	return value.map((t, i) => {
		const where = `transformations[${i}]`;
		if (!isPlainObject(t)) throw flow.invalid(`'${where}' must be an object`);
		onlyKeys(t, ['name', 'params'], where);
		const name = requireString(t.name, `${where}.name`);
		if (!allowed.includes(name))
			throw flow.invalid(`'${where}.name' must be one of ${allowed.join(', ')}`);
		if (seen.has(name)) throw flow.invalid(`'${where}.name' appears more than once`);
		seen.add(name);
		const params = requireObject(t.params, `${where}.params`);
		if (name === 'Mapping') {
			onlyKeys(params, ['mappingId', 'mappingVersion'], `${where}.params`);
			const mappingId = requireString(params.mappingId, `${where}.params.mappingId`);
			if (!MAPPING_ID.test(mappingId))
				throw flow.invalid(`'${where}.params.mappingId' must be a mapping set ID (32 hex digits)`);
			if (params.mappingVersion !== undefined)
				wholeNumber(params.mappingVersion, `${where}.params.mappingVersion`);
		} else {
			onlyKeys(params, ['deltaColumn'], `${where}.params`);
			const delta = requireObject(params.deltaColumn, `${where}.params.deltaColumn`, [
				'name',
				'dateFormat',
				'timezone',
			]);
			const column = requireString(delta.name, `${where}.params.deltaColumn.name`);
			optionalString(delta.dateFormat, `${where}.params.deltaColumn.dateFormat`);
			optionalString(delta.timezone, `${where}.params.deltaColumn.timezone`);
			if (!columns.has(column))
				throw flow.invalid(
					`'${where}.params.deltaColumn.name' is not a column of the source connection`,
				);
		}
		return { name: name as FlowTransformation['name'], params: structuredClone(params) };
	});
}

/** `options`: partial ingestion threshold (percent, > 0, <= 100) and error diagnostics (boolean). */
export function validateFlowOptions(value: unknown): Record<string, unknown> | undefined {
	if (value === undefined) return undefined;
	const options = requireObject(value, 'options', [
		'partialIngestionPercent',
		'errorDiagnosticsEnabled',
	]);
	const percent = options.partialIngestionPercent;
	if (percent !== undefined && (typeof percent !== 'number' || !(percent > 0 && percent <= 100))) {
		throw flow.invalid(
			"'options.partialIngestionPercent' must be a number above 0 and at most 100",
		);
	}
	if (
		options.errorDiagnosticsEnabled !== undefined &&
		typeof options.errorDiagnosticsEnabled !== 'boolean'
	) {
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
	if (
		mapping.params.mappingVersion !== undefined &&
		Number(mapping.params.mappingVersion) > set.version
	)
		throw flow.mappingVersionInvalid();
	for (const id of fields.targetConnectionIds) {
		if (lookups.targetConnection(id)?.data.schema.id !== set.outputSchema.schemaRef.id)
			throw flow.schemaMismatch();
	}
}

export function validateFlowBody(body: unknown, lookups: DataflowLookups): FlowFields {
	if (!isPlainObject(body)) throw flow.invalid('The request body must be a JSON object');
	if (body.state !== undefined) throw flow.stateOnCreate();
	onlyKeys(
		body,
		[
			'name',
			'description',
			'flowSpec',
			'sourceConnectionIds',
			'targetConnectionIds',
			'transformations',
			'scheduleParams',
			'options',
		],
		'the flow',
	);
	const name = requireString(body.name, 'name');
	const description = optionalString(body.description, 'description');
	const flowSpecBody = requireObject(body.flowSpec, 'flowSpec', ['id', 'version']);
	const flowSpec = {
		id: requireString(flowSpecBody.id, 'flowSpec.id'),
		version: requireString(flowSpecBody.version, 'flowSpec.version'),
	};
	const sourceConnectionIds = nonEmptyIdList(body.sourceConnectionIds, 'sourceConnectionIds');
	const targetConnectionIds = nonEmptyIdList(body.targetConnectionIds, 'targetConnectionIds');
	if (body.scheduleParams === undefined || body.scheduleParams === null)
		throw flow.mandatory('scheduleParams');

	const spec = FLOW_SPECS.find((s) => s.id === flowSpec.id);
	if (!spec) throw flow.notFound('Flow spec');
	if (flowSpec.version !== spec.version)
		throw flow.invalid(`'flowSpec.version' must be "${spec.version}"`);

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
	const transformations = validateTransformations(
		body.transformations,
		spec.transformations,
		columns,
	);
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
