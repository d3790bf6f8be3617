/** The inputs Mapping Set › Create and › Validate share, read and checked before any request. */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyMode,
} from 'n8n-workflow';

import { InvalidFieldError, checkText } from '../../kernel/validation';
import { safeOperationError } from '../../kernel/nodeErrors';
import type { PlatformContext } from '../../kernel/transport';
import { idMode, pickerOf, uuidMode } from '../../node/picker';
import { defineFields, LIMITS, readParameter, readPickedId } from '../../node/readers';
import { datasetPicker, readDatasetId } from '../dataset/fields';
import { sourceConnections } from '../sourceConnection/api';
import { readSourceConnectionId, sourceConnectionPicker } from '../sourceConnection/fields';
import { planMappings, type MappingPlan } from './api';
import { MAPPING_SET_ID_PATTERN, type MappingPair, type SourceColumn } from './body';

export const MAPPING_SET_FIELDS = defineFields({
	mappingSetId: 'Mapping Set',
	columnsFrom: 'Source Columns From',
	columns: 'Columns',
	autoMatch: 'Map Same-Named Fields',
	mappingPairs: 'Mapping Pairs',
	mappingSetName: { label: 'Mapping Set Name', maxLength: LIMITS.name },
});

const EXAMPLE = '0b090130b58b4819afc78b6dc98b484d';

/** The Mapping Set picker (searchMappingSets): the sandbox's mapping sets, or By ID (32 hexadecimal characters). */
export function mappingSetPicker(
	description = 'The Data Prep mapping set. To chain from a Create node, choose By ID and drag its ID here.',
	byId: INodePropertyMode = idMode(
		'0f1e2d3c4b5a69788796a5b4c3d2e1f0',
		MAPPING_SET_ID_PATTERN,
		'Not a mapping set ID: expected 32 hexadecimal characters',
	),
): INodeProperties {
	return pickerOf(
		MAPPING_SET_FIELDS.mappingSetId,
		'searchMappingSets',
		'mapping set',
		byId,
		description,
	);
}

/** The By ID mode Dataflow › Create shows: 32 hex digits, with an example. */
export const mappingSetByIdWithExample = idMode(
	EXAMPLE,
	MAPPING_SET_ID_PATTERN,
	`Not a mapping set ID: expected 32 hex digits such as ${EXAMPLE}`,
);

/** The Mapping Set picker's ID, checked and lower-cased (Data Prep's IDs are lower-case hex). */
export function readMappingSetId(this: IExecuteFunctions, itemIndex: number): string {
	const ref = MAPPING_SET_FIELDS.mappingSetId;
	return readPickedId.call(this, ref, itemIndex, MAPPING_SET_ID_PATTERN, EXAMPLE).toLowerCase();
}

type ColumnsFrom = 'sourceConnection' | 'json';

/** Longest column name or field path accepted in a pair. */
const MAX_PATH = 1024;

/** The fields: Dataset, Source Columns From (Source Connection / JSON), Map Same-Named Fields, Mapping Pairs. */
export function mappingInputFields(): INodeProperties[] {
	return [
		datasetPicker(
			'The dataset the data lands in: its XDM schema (Schema Registry, resolved) gives the fields to map to',
		),
		{
			displayName: MAPPING_SET_FIELDS.columnsFrom.label,
			name: MAPPING_SET_FIELDS.columnsFrom.field,
			type: 'options',
			options: [
				{
					name: 'Source Connection',
					value: 'sourceConnection',
					description: 'The columns of a Redshift source connection (its table)',
				},
				{
					name: 'JSON',
					value: 'json',
					description: 'A list of columns, e.g. the columns output of Get Table Schema',
				},
			],
			default: 'sourceConnection',
			description: 'Where the source columns come from',
		},
		{
			...sourceConnectionPicker(
				'The Redshift source connection whose columns are mapped',
				uuidMode('source connection'),
			),
			displayOptions: { show: { [MAPPING_SET_FIELDS.columnsFrom.field]: ['sourceConnection'] } },
		},
		{
			displayName: MAPPING_SET_FIELDS.columns.label,
			name: MAPPING_SET_FIELDS.columns.field,
			type: 'json',
			default: '[]',
			required: true,
			description:
				'The source columns as a list of {"name", "type"} objects, e.g. an expression reading the columns output of Get Table Schema',
			displayOptions: { show: { [MAPPING_SET_FIELDS.columnsFrom.field]: ['json'] } },
		},
		{
			displayName: MAPPING_SET_FIELDS.autoMatch.label,
			name: MAPPING_SET_FIELDS.autoMatch.field,
			type: 'boolean',
			default: true,
			description:
				'Whether to map each column to the schema field of the same name (ignoring case, "_" and "-"); Mapping Pairs override it',
		},
		{
			displayName: MAPPING_SET_FIELDS.mappingPairs.label,
			name: MAPPING_SET_FIELDS.mappingPairs.field,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Pair',
			default: {},
			description: 'Column-to-field pairs that win over the name matching',
			options: [
				{
					displayName: 'Pair',
					name: 'pair',
					values: [
						{
							displayName: 'Column',
							name: 'source',
							type: 'string',
							default: '',
							placeholder: 'e.g. order_id',
							description: 'Name of the source column',
						},
						{
							displayName: 'Schema Field',
							name: 'destination',
							type: 'string',
							default: '',
							placeholder: 'e.g. _acme.orderId',
							description: "Dotted path of a leaf field of the dataset's schema",
						},
					],
				},
			],
		},
	];
}

/** What the mapping inputs hold, checked. */
export interface MappingInput {
	dataSetId: string;
	columnsFrom: ColumnsFrom;
	sourceConnectionId?: string;
	columns?: SourceColumn[];
	autoMatch: boolean;
	pairs: MappingPair[];
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return NOT_JSON;
	}
}

/** Parses and checks the Columns JSON: a non-empty list of `{name, type, xdm?}` with distinct names. */
export function checkColumns(value: unknown): SourceColumn[] {
	const { field, label } = MAPPING_SET_FIELDS.columns;
	const parsed = typeof value === 'string' ? parseJson(value) : value;
	if (parsed === NOT_JSON)
		throw new InvalidFieldError(
			field,
			`"${label}" is not valid JSON: give a list such as [{"name": "order_id", "type": "string"}].`,
		);
	if (!Array.isArray(parsed) || parsed.length === 0)
		throw new InvalidFieldError(
			field,
			`"${label}" must be a non-empty list of columns such as [{"name": "order_id", "type": "string"}].`,
		);
	const names = new Set<string>();
	return parsed.map((column, index) => {
		const entry = column as Partial<SourceColumn> | null;
		if (
			entry === null ||
			typeof entry !== 'object' ||
			typeof entry.name !== 'string' ||
			entry.name.trim() === '' ||
			typeof entry.type !== 'string' ||
			entry.type.trim() === ''
		) {
			throw new InvalidFieldError(
				field,
				`"${label}" entry ${index + 1} needs a "name" and a "type" (text), e.g. {"name": "order_id", "type": "string"}.`,
			);
		}
		if (names.has(entry.name))
			throw new InvalidFieldError(field, `"${label}" names the column "${entry.name}" twice.`);
		names.add(entry.name);
		return { ...(entry as SourceColumn) };
	});
}

/** The Mapping Pairs as stored (`mappingPairs.pair`), checked: each a Column and a Schema Field. */
export function checkPairs(raw: unknown): MappingPair[] {
	if (raw === undefined) return [];
	if (!Array.isArray(raw))
		throw new InvalidFieldError(
			MAPPING_SET_FIELDS.mappingPairs.field,
			`"${MAPPING_SET_FIELDS.mappingPairs.label}" must be a list of pairs.`,
		);
	return raw.map((pair: IDataObject, index) => ({
		source: checkText(
			{
				field: MAPPING_SET_FIELDS.mappingPairs.field,
				label: `${MAPPING_SET_FIELDS.mappingPairs.label}" pair ${index + 1} "Column`,
			},
			pair?.source,
			{ required: true, maxLength: MAX_PATH },
		),
		destination: checkText(
			{
				field: MAPPING_SET_FIELDS.mappingPairs.field,
				label: `${MAPPING_SET_FIELDS.mappingPairs.label}" pair ${index + 1} "Schema Field`,
			},
			pair?.destination,
			{ required: true, maxLength: MAX_PATH },
		),
	}));
}

/** Reads and checks the mapping inputs; nothing is sent. Throws InvalidFieldError naming the field. */
export function readMappingInput(this: IExecuteFunctions, itemIndex: number): MappingInput {
	const dataSetId = readDatasetId.call(this, itemIndex);
	const from =
		readParameter.call(this, MAPPING_SET_FIELDS.columnsFrom.field, itemIndex) ?? 'sourceConnection';
	if (from !== 'sourceConnection' && from !== 'json')
		throw new InvalidFieldError(
			MAPPING_SET_FIELDS.columnsFrom.field,
			`"${MAPPING_SET_FIELDS.columnsFrom.label}" must be "sourceConnection" or "json"; got ${JSON.stringify(from)}.`,
		);
	const autoMatch = readParameter.call(this, MAPPING_SET_FIELDS.autoMatch.field, itemIndex) ?? true;
	if (typeof autoMatch !== 'boolean')
		throw new InvalidFieldError(
			MAPPING_SET_FIELDS.autoMatch.field,
			`"${MAPPING_SET_FIELDS.autoMatch.label}" must be true or false; got ${JSON.stringify(autoMatch)}.`,
		);
	const pairs = checkPairs(
		readParameter.call(this, `${MAPPING_SET_FIELDS.mappingPairs.field}.pair`, itemIndex),
	);
	const input: MappingInput = { dataSetId, columnsFrom: from, autoMatch, pairs };
	if (from === 'json') {
		input.columns = checkColumns(
			readParameter.call(this, MAPPING_SET_FIELDS.columns.field, itemIndex),
		);
		const names = new Set(input.columns.map((column) => column.name));
		const unknown = pairs.findIndex((pair) => !names.has(pair.source));
		if (unknown >= 0)
			throw new InvalidFieldError(
				MAPPING_SET_FIELDS.mappingPairs.field,
				`"${MAPPING_SET_FIELDS.mappingPairs.label}" pair ${unknown + 1}: "${pairs[unknown].source}" is not one of the Columns.`,
			);
	} else {
		input.sourceConnectionId = readSourceConnectionId.call(this, itemIndex);
	}
	if (!autoMatch && pairs.length === 0) {
		throw new InvalidFieldError(
			MAPPING_SET_FIELDS.mappingPairs.field,
			`"${MAPPING_SET_FIELDS.mappingPairs.label}" is empty and "${MAPPING_SET_FIELDS.autoMatch.label}" is off: nothing would be mapped. Add pairs or turn name matching on.`,
		);
	}
	return input;
}

/**
 * The mapping plan from the columns, the dataset's schema, auto-mapping and pairs.
 * @throws NodeOperationError (no columns, a bad pair, nothing mapped), NodeApiError
 */
export async function planFromInput(
	this: IExecuteFunctions,
	ctx: PlatformContext,
	sandboxName: string,
	input: MappingInput,
	itemIndex: number,
): Promise<MappingPlan & { sourceConnectionId?: string }> {
	let columns = input.columns ?? [];
	if (input.columnsFrom === 'sourceConnection') {
		const source = await sourceConnections.get.call(
			this,
			ctx,
			sandboxName,
			input.sourceConnectionId as string,
			itemIndex,
		);
		columns = (
			Array.isArray(source.params?.columns) ? source.params.columns : []
		) as SourceColumn[];
		if (!columns.length) {
			throw safeOperationError(
				this,
				`Source connection ${source.id} lists no columns (params.columns), so there is nothing to map.`,
				{
					itemIndex,
					description:
						'Choose "JSON" in "Source Columns From" and give the columns (e.g. from Base Connection › Get Table Schema).',
				},
			);
		}
	}
	const plan = await planMappings.call(
		this,
		ctx,
		sandboxName,
		{ dataSetId: input.dataSetId, columns, pairs: input.pairs, autoMatch: input.autoMatch },
		itemIndex,
	);
	if ('refused' in plan) {
		throw safeOperationError(
			this,
			`"${MAPPING_SET_FIELDS.mappingPairs.label}": ${plan.refused.message}.`,
			{
				itemIndex,
				description: `Fix the pair: the column must be a source column and the field a leaf field of the dataset's schema ${plan.schemaId} (a dotted path).`,
			},
		);
	}
	if (!plan.mappings.length) {
		throw safeOperationError(
			this,
			`No column maps to a field of the dataset's schema (${plan.schemaId}); no mapping set was made.`,
			{
				itemIndex,
				description: `Unmapped: ${plan.unmappedColumns.map((entry) => `${entry.column} (${entry.reason})`).join(', ')}. Add Mapping Pairs.`,
			},
		);
	}
	return { ...plan, sourceConnectionId: input.sourceConnectionId };
}

/** The plan's part of every output: what was mapped, what was not, and type mismatches. */
export function planOutput(plan: MappingPlan & { sourceConnectionId?: string }): IDataObject {
	return {
		datasetId: plan.dataset.id,
		datasetName: plan.dataset.name,
		schemaId: plan.schemaId,
		...(plan.sourceConnectionId ? { sourceConnectionId: plan.sourceConnectionId } : {}),
		mappings: plan.mappings as unknown as IDataObject[],
		matched: plan.matched as unknown as IDataObject[],
		unmappedColumns: plan.unmappedColumns as unknown as IDataObject[],
		typeMismatches: plan.typeMismatches as unknown as IDataObject[],
		suggestions: plan.suggestions as unknown as IDataObject[],
		ambiguous: plan.ambiguous as unknown as IDataObject[],
	};
}
