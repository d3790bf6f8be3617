/**
 * Data Prep mapping sets (`/mappingSets`): list, get, validate, create, and the auto-mapping plan.
 * Adobe: "Mapping sets" (mapping-set.md), data-prep.yaml. Create answers 200 `{id, version}`.
 */
import type { IDataObject } from 'n8n-workflow';

import { DATA_PREP_PATH, XED_FULL_VERSION } from '../../kernel/constants';
import type { IfExists } from '../../flowService/ifExists';
import { safeOperationError } from '../../kernel/nodeErrors';
import {
	autoMap,
	type AutoMappingResult,
	type DataPrepMapping,
	type MappingPair,
	type SourceColumn,
	isMappingSetId,
} from './body';
import { platformRequest, type PlatformContext, type RequestContext } from '../../kernel/transport';
import { getDataset, schemaIdOf, type Dataset } from '../dataset/api';
import { ensureByName, removeCreated, type Ensured } from '../../flowService/createOnce';
import { literalFilterValue } from '../../flowService/paging';
import { startPagedCollection } from '../../flowService/startPaging';
import { getFullSchema } from '../schema/api';

/** A mapping set as Data Prep returns it (GET answers carry both `source` and `sourceAttribute`). */
export interface MappingSet extends IDataObject {
	id: string;
	version: number;
	name?: string;
	outputSchema?: { schemaRef?: { id?: string; contentType?: string } };
	mappings?: Array<IDataObject & { source?: string; destination?: string; sourceType?: string }>;
	createdDate?: number;
	modifiedDate?: number;
}

/** Data Prep mapping set IDs (32 hex digits); the rule lives in resources/dataflow/body.ts. */

/** At most this many pages of mapping sets per listing, so a list that never ends does not loop. */
const MAX_MAPPING_PAGES = 100;

function mappingSetsPath(suffix?: string): string {
	return `${DATA_PREP_PATH}/mappingSets${suffix === undefined ? '' : `/${encodeURIComponent(suffix)}`}`;
}

/** The create/validate body in the current format: the schema's `$id` and the mappings. */
function mappingSetBody(name: string, schemaId: string, mappings: DataPrepMapping[]): IDataObject {
	return {
		name,
		outputSchema: { schemaRef: { id: schemaId, contentType: XED_FULL_VERSION } },
		mappings: mappings as unknown as IDataObject[],
	};
}

/** Which mapping sets to list. */
export interface MappingSetFilter {
	/** Exactly this name (sent as Data Prep's `name=` only when literalFilterValue; compared here). */
	name?: string;
	/** Only those whose name contains this text, any case (checked here: Data Prep has no such filter). */
	nameContains?: string;
	/** Stop after this many; undefined = all pages. */
	limit?: number;
}

/** The sandbox's mapping sets, start-paged, newest first; stops with an error after MAX_MAPPING_PAGES. */
export const mappingSets = startPagedCollection<MappingSet, MappingSetFilter>({
	path: mappingSetsPath(),
	noun: 'mapping set',
	service: 'Data Prep',
	query: (page) => ({
		limit: page.limit,
		start: page.start,
		orderBy: '-createdDate',
		...(page.filter.name && literalFilterValue(page.filter.name) ? { name: page.filter.name } : {}),
	}),
	objects: (body) => {
		const data = (body as { data?: MappingSet[] } | undefined)?.data;
		return (Array.isArray(data) ? data : []).filter((set) => typeof set?.id === 'string');
	},
	keep: (set, filter) => filter.name === undefined || set.name === filter.name,
	maxPages: MAX_MAPPING_PAGES,
	narrowHint: 'Give the mapping set a distinctive name.',
});

/** One mapping set (`version`: a given version, else Data Prep's default). */
export async function getMappingSet(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	id: string,
	version?: number,
	itemIndex?: number,
): Promise<MappingSet> {
	const qs = version === undefined ? undefined : { version };
	const answer = (await platformRequest.call(
		this,
		ctx,
		{ method: 'GET', path: mappingSetsPath(id), qs, sandboxName },
		itemIndex,
	)) as MappingSet;
	if (typeof answer?.id !== 'string')
		throw safeOperationError(
			this,
			`Data Prep returned no mapping set with ID ${id} in sandbox "${sandboxName}".`,
			{ itemIndex },
		);
	return answer;
}

/**
 * `PUT /mappingSets/{id}`: Data Prep stores a new version; dataflows pinned to older ones are unchanged.
 * @returns the new version number
 * @throws NodeApiError; NodeOperationError when the answer has no version
 */
export async function updateMappingSet(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	id: string,
	input: { name?: string; description?: string; schemaId: string; mappings: DataPrepMapping[] },
	itemIndex?: number,
): Promise<number> {
	const body = mappingSetBody(input.name ?? '', input.schemaId, input.mappings);
	if (input.description !== undefined) body.description = input.description;
	const answer = (await platformRequest.call(
		this,
		ctx,
		{
			method: 'PUT',
			path: mappingSetsPath(id),
			body,
			sandboxName,
		},
		itemIndex,
	)) as { version?: unknown } | undefined;
	if (typeof answer?.version !== 'number')
		throw safeOperationError(
			this,
			`Data Prep answered the update of mapping set ${id} without its new version.`,
			{ itemIndex },
		);
	return answer.version;
}

/** Data Prep's verdict on each mapping, in order. */
export interface MappingValidation {
	valid: boolean;
	/** One entry per mapping: its source, destination, status and errors. */
	results: Array<{ source: string; destination: string; status: string; errors: unknown[] }>;
}

/** `POST /mappingSets/validate` with the same body a create sends; nothing is stored. */
export async function validateMappings(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	schemaId: string,
	mappings: DataPrepMapping[],
	itemIndex?: number,
): Promise<MappingValidation> {
	const answer = (await platformRequest.call(
		this,
		ctx,
		{
			method: 'POST',
			path: mappingSetsPath('validate'),
			body: mappingSetBody('validation', schemaId, mappings),
			sandboxName,
		},
		itemIndex,
	)) as {
		validationResponse?: Array<{ status?: string; errors?: unknown[] | null }>;
	};
	const verdicts = Array.isArray(answer?.validationResponse) ? answer.validationResponse : [];
	const results = mappings.map((mapping, index) => ({
		source: mapping.source,
		destination: mapping.destination,
		status: verdicts[index]?.status ?? 'UNKNOWN',
		errors: verdicts[index]?.errors ?? [],
	}));
	return {
		valid:
			verdicts.length === mappings.length && results.every((result) => result.status === 'SUCCESS'),
		results,
	};
}

/** What auto-mapping planned for a dataset: its schema, the mappings and what stays unmapped. */
export interface MappingPlan extends AutoMappingResult {
	dataset: Dataset;
	schemaId: string;
}

/** A plan that could not be made: autoMap's refusal (a pair naming an unknown column or field, or a schema without fields). */
export interface RefusedPlan {
	refused: { field: string; message: string };
	dataset: Dataset;
	schemaId: string;
}

/** autoMap, with its refusal returned instead of thrown (it throws InvalidFieldError only). */
function tryAutoMap(
	columns: SourceColumn[],
	schema: unknown,
	pairs: MappingPair[],
): AutoMappingResult | { field: string; message: string } {
	try {
		return autoMap(columns, schema, pairs);
	} catch (error) {
		return {
			field: (error as { field?: string }).field ?? 'mappingPairs',
			message: (error as Error).message,
		};
	}
}

/**
 * Fetches the dataset's schema (`xed-full`) and maps `columns` to it (`pairs` override).
 * @returns the plan, or `refused` when a pair names an unknown column or field
 */
export async function planMappings(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	input: { dataSetId: string; columns: SourceColumn[]; pairs: MappingPair[]; autoMatch?: boolean },
	itemIndex?: number,
): Promise<MappingPlan | RefusedPlan> {
	const dataset = await getDataset.call(this, ctx, sandboxName, input.dataSetId, itemIndex);
	const schemaId = schemaIdOf.call(this, dataset, itemIndex);
	const schema = await getFullSchema.call(this, ctx, sandboxName, schemaId, itemIndex);
	const pairedColumns = new Set(input.pairs.map((pair) => pair.source));
	const columns =
		input.autoMatch === false
			? input.columns.filter((column) => pairedColumns.has(column.name))
			: input.columns;
	const result = tryAutoMap(columns, schema, input.pairs);
	if (!('mappings' in result)) return { refused: result, dataset, schemaId };
	if (input.autoMatch === false) {
		for (const column of input.columns)
			if (!pairedColumns.has(column.name))
				result.unmappedColumns.push({
					column: column.name,
					reason: 'no mapping pair names it (auto-mapping is off)',
				});
	}
	return { ...result, dataset, schemaId };
}

/** Same mappings, in any order (source and destination of each). */
function sameMappings(set: MappingSet, mappings: DataPrepMapping[]): boolean {
	const key = (source: unknown, destination: unknown) =>
		`${String(source)}\u0000${String(destination)}`;
	const stored = new Set(
		(set.mappings ?? []).map((mapping) =>
			key(
				mapping.source ?? mapping.sourceAttribute,
				mapping.destination ?? mapping.destinationXdmPath,
			),
		),
	);
	return (
		stored.size === mappings.length &&
		mappings.every((mapping) => stored.has(key(mapping.source, mapping.destination)))
	);
}

/**
 * The mapping set named `input.name`: If It Exists reuses one only with the same schema and mappings;
 * mappings are validated before a create, and a created set is read back.
 * @throws NodeOperationError, NodeApiError
 */
export async function ensureMappingSet(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	input: {
		name: string;
		schemaId: string;
		mappings: DataPrepMapping[];
		/** Create From Table: a same-name set with other mappings is not a clash; a new one is created. */
		byReference?: boolean;
	},
	ifExists: IfExists,
	itemIndex?: number,
): Promise<Ensured<MappingSet> & { validation?: MappingValidation }> {
	let validation: MappingValidation | undefined;
	const fits = (set: MappingSet) =>
		set.outputSchema?.schemaRef?.id === input.schemaId && sameMappings(set, input.mappings);
	const ensured = await (ensureByName<MappingSet>).call(this, ctx, {
		thing: 'mapping set',
		name: input.name,
		sandboxName,
		ifExists,
		itemIndex,
		byReference: input.byReference,
		findByName: async () =>
			await mappingSets.list.call(this, ctx, sandboxName, { name: input.name }, itemIndex),
		mismatch: (existing) =>
			fits(existing)
				? undefined
				: `its schema or its mappings differ from these (schema ${existing.outputSchema?.schemaRef?.id ?? '(none)'}, ${existing.mappings?.length ?? 0} mappings)`,
		beforeCreate: async () => {
			validation = await validateMappings.call(
				this,
				ctx,
				sandboxName,
				input.schemaId,
				input.mappings,
				itemIndex,
			);
			if (!validation.valid) {
				const failing = validation.results.filter((result) => result.status !== 'SUCCESS');
				throw safeOperationError(
					this,
					`Data Prep refused ${failing.length} of ${input.mappings.length} mapping(s); no mapping set was created.`,
					{
						itemIndex,
						description: failing
							.map(
								(result) =>
									`${result.source} -> ${result.destination}: ${JSON.stringify(result.errors).slice(0, 300)}`,
							)
							.join('\n'),
					},
				);
			}
		},
		request: {
			method: 'POST',
			path: mappingSetsPath(),
			body: mappingSetBody(input.name, input.schemaId, input.mappings),
			sandboxName,
		},
		createdId: (_status, answer) => {
			const created = answer as { id?: unknown; version?: unknown } | undefined;
			return isMappingSetId(created?.id) && typeof created.version === 'number'
				? created.id
				: undefined;
		},
		readBack: async (id) =>
			await getMappingSet.call(this, ctx, sandboxName, id, undefined, itemIndex),
		deleteWith: 'the Data Prep API: this package has no Delete for mapping sets',
		remove: async (id) =>
			await removeCreated.call(this, ctx, sandboxName, mappingSetsPath(id), itemIndex),
	});
	return { ...ensured, validation };
}
