/**
 * Data Prep mapping sets (`/data/foundation/conversion/mappingSets`): create, get, validate, list, update (PUT), delete.
 *
 * Follows Adobe's "Mapping sets" API guide (help/data-prep/api/mapping-set.md) and data-prep.yaml.
 * PUT writes a new version; DELETE removes the set. Both documented body formats are accepted:
 * - current: `{outputSchema: {schemaRef: {id, contentType}}, mappings: [{sourceType, source, destination}]}`
 * - legacy (every Sources tutorial): `{version: 0, xdmSchema, xdmVersion: "1.0", id: null,
 *   mappings: [{sourceAttribute, destinationXdmPath, identity?, …}]}`
 * `sourceType` is ATTRIBUTE, EXPRESSION or STATIC (the guide lists two, the spec and overview three).
 * Create answers **200** (not 201) with `{id, version, createdDate, modifiedDate, createdBy, modifiedBy}`;
 * GET returns both alias pairs (source/sourceAttribute, destination/destinationXdmPath).
 * `POST /mappingSets?validate=true|false` (aepp; not in the spec) is accepted.
 * Emulator choices: every `destination` must be a leaf field of the schema and appear once;
 * errors are typed `DPREP-<code>`.
 */
import { randomBytes } from 'node:crypto';

import type { EmulatorCore } from '../core/emulatorCore';
import { FlowError, flow } from '../core/errors';
import { isPlainObject, json, readJsonBody, type Reply } from '../core/http';
import type { FlowContext, Route } from '../core/flowService';
import { findSchema, type XdmSchema } from '../schemaRegistry/schemas';
import { onlyKeys, requireString } from '../core/fields';

export const DATA_PREP_PREFIX = '/data/foundation/conversion';
export const MAPPING_SCHEMA_CONTENT_TYPE = 'application/vnd.adobe.xed-full+json;version=1';
const CONTENT_TYPE = /^application\/vnd\.adobe\.xed-full\+json;\s*version=1(\.0)?$/;
const SOURCE_TYPES = ['ATTRIBUTE', 'EXPRESSION', 'STATIC'];

export interface StoredMapping {
	sourceType: string;
	source: string;
	destination: string;
	sourceAttribute: string;
	destinationXdmPath: string;
	name?: string;
	description?: string;
}

export interface StoredMappingSet {
	id: string;
	/** Starts at 0; each PUT adds 1. */
	version: number;
	name?: string;
	outputSchema: { schemaRef: { id: string; contentType: string } };
	mappings: StoredMapping[];
	createdDate: number;
	modifiedDate: number;
	createdBy: string;
	modifiedBy: string;
	sandboxName: string;
	/** Earlier versions (mappings and schema as they were), for `GET …?version=`; never shown. */
	earlier?: Array<Pick<StoredMappingSet, 'version' | 'outputSchema' | 'mappings'>>;
}

interface ParsedSet {
	name?: string;
	schema: XdmSchema;
	contentType: string;
	mappings: Array<Record<string, unknown>>;
}

/** Leaf paths of a resolved schema (objects with `properties` are walked into). */
export function schemaLeafPaths(schema: XdmSchema): Set<string> {
	const out = new Set<string>();
	const walk = (props: Record<string, unknown>, prefix: string) => {
		for (const [k, v] of Object.entries(props)) {
			const path = prefix ? `${prefix}.${k}` : k;
			if (isPlainObject(v) && isPlainObject(v.properties)) walk(v.properties, path);
			else out.add(path);
		}
	};
	walk(schema.properties, '');
	return out;
}

function parseBody(body: unknown, core: EmulatorCore): ParsedSet {
	if (!isPlainObject(body)) throw flow.invalid('The request body must be a JSON object');
	const legacy = body.xdmSchema !== undefined;
	let schemaId: string;
	let contentType = MAPPING_SCHEMA_CONTENT_TYPE;
	if (legacy) {
		onlyKeys(
			body,
			['version', 'xdmSchema', 'xdmVersion', 'id', 'mappings', 'name'],
			'the mapping set',
		);
		schemaId = requireString(body.xdmSchema, 'xdmSchema');
		if (body.xdmVersion !== undefined && body.xdmVersion !== '1.0')
			throw flow.invalid('\'xdmVersion\' must be "1.0"');
		if (body.id !== undefined && body.id !== null)
			throw flow.invalid("'id' must be null on create");
	} else {
		onlyKeys(
			body,
			[
				'name',
				'description',
				'outputSchema',
				'inputSchema',
				'mappings',
				'version',
				'tags',
				'allowNullValues',
			],
			'the mapping set',
		);
		if (!isPlainObject(body.outputSchema)) throw flow.mandatory('outputSchema');
		const ref = body.outputSchema.schemaRef;
		if (!isPlainObject(ref)) throw flow.mandatory('outputSchema.schemaRef');
		schemaId = requireString(ref.id, 'outputSchema.schemaRef.id');
		contentType = requireString(ref.contentType, 'outputSchema.schemaRef.contentType');
		if (!CONTENT_TYPE.test(contentType))
			throw flow.invalid(
				`'outputSchema.schemaRef.contentType' must be "${MAPPING_SCHEMA_CONTENT_TYPE}"`,
			);
	}
	const schema = findSchema(core, schemaId);
	if (!schema)
		throw flow.invalid(
			`'${legacy ? 'xdmSchema' : 'outputSchema.schemaRef.id'}' is not a schema of the Schema Registry`,
		);
	if (!Array.isArray(body.mappings) || body.mappings.length === 0) throw flow.mandatory('mappings');
	const mappings = body.mappings.map((m, i) => {
		if (!isPlainObject(m)) throw flow.invalid(`'mappings[${i}]' must be an object`);
		return m;
	});
	return {
		...(typeof body.name === 'string' ? { name: body.name } : {}),
		schema,
		contentType,
		mappings,
	};
}

/** Problems of one mapping; empty when it is valid. */
function checkMapping(
	m: Record<string, unknown>,
	i: number,
	fields: Set<string>,
): Array<{ code: string; message: string }> {
	const legacy = m.sourceAttribute !== undefined || m.destinationXdmPath !== undefined;
	const allowed = legacy
		? [
				'sourceAttribute',
				'destinationXdmPath',
				'identity',
				'identityGroup',
				'namespaceCode',
				'version',
				'primaryIdentity',
			]
		: [
				'sourceType',
				'source',
				'destination',
				'name',
				'description',
				'expressionAttributes',
				'identity',
				'identityGroup',
				'namespaceCode',
				'primaryIdentity',
			];
	const problems: Array<{ code: string; message: string }> = [];
	const unknown = Object.keys(m).filter((k) => !allowed.includes(k));
	if (unknown.length)
		problems.push({
			code: 'DPREP-1001-400',
			message: `mappings[${i}]: unknown field(s) ${unknown.join(', ')}`,
		});
	const sourceType = legacy ? 'ATTRIBUTE' : m.sourceType;
	const source = legacy ? m.sourceAttribute : m.source;
	const destination = legacy ? m.destinationXdmPath : m.destination;
	if (typeof sourceType !== 'string' || !SOURCE_TYPES.includes(sourceType))
		problems.push({
			code: 'DPREP-1002-400',
			message: `mappings[${i}].sourceType must be one of ${SOURCE_TYPES.join(', ')}`,
		});
	if (typeof source !== 'string' || source.trim() === '')
		problems.push({ code: 'DPREP-1003-400', message: `mappings[${i}]: the source is missing` });
	if (typeof destination !== 'string' || !fields.has(destination))
		problems.push({
			code: 'DPREP-1004-400',
			message: `mappings[${i}]: the destination is not a field of the output schema`,
		});
	return problems;
}

function validateAll(parsed: ParsedSet): Array<{
	status: 'SUCCESS' | 'FAILURE';
	errors: Array<{ code: string; message: string }> | null;
}> {
	const fields = schemaLeafPaths(parsed.schema);
	const seen = new Set<string>();
	return parsed.mappings.map((m, i) => {
		const problems = checkMapping(m, i, fields);
		const destination = (m.destination ?? m.destinationXdmPath) as string;
		if (problems.length === 0 && seen.has(destination))
			problems.push({
				code: 'DPREP-1005-400',
				message: `mappings[${i}]: the destination is mapped more than once`,
			});
		seen.add(destination);
		return problems.length
			? { status: 'FAILURE', errors: problems }
			: { status: 'SUCCESS', errors: null };
	});
}

function normalise(m: Record<string, unknown>): StoredMapping {
	const source = (m.source ?? m.sourceAttribute) as string;
	const destination = (m.destination ?? m.destinationXdmPath) as string;
	return {
		sourceType: (m.sourceType as string | undefined) ?? 'ATTRIBUTE',
		source,
		destination,
		sourceAttribute: source,
		destinationXdmPath: destination,
		...(typeof m.name === 'string' ? { name: m.name } : {}),
		...(typeof m.description === 'string' ? { description: m.description } : {}),
	};
}

/** Creates a mapping set after the same checks as POST /mappingSets; throws FlowError (DPREP) when invalid. */
export function createMappingSet(
	core: EmulatorCore,
	sandboxName: string,
	body: unknown,
): StoredMappingSet {
	const parsed = checkedSet(core, body);
	const now = Date.now();
	const who = `${core.options.clientId}@AdobeID`;
	return core.mappingSets.add({
		id: randomBytes(16).toString('hex'),
		version: 0,
		...(parsed.name !== undefined ? { name: parsed.name } : {}),
		outputSchema: { schemaRef: { id: parsed.schema.$id, contentType: parsed.contentType } },
		mappings: parsed.mappings.map(normalise),
		createdDate: now,
		modifiedDate: now,
		createdBy: who,
		modifiedBy: who,
		sandboxName,
	});
}

/** Checks a mapping set body as create does; throws FlowError (DPREP-1000-400) listing the refusals. */
function checkedSet(core: EmulatorCore, body: unknown): ParsedSet {
	const parsed = parseBody(body, core);
	const failed = validateAll(parsed).flatMap((r) => r.errors ?? []);
	if (failed.length) {
		const err = new FlowError(
			'1000-400',
			'Invalid mapping set',
			failed.map((e) => e.message).join('; '),
		);
		err.service = 'DPREP';
		throw err;
	}
	return parsed;
}

function created(set: StoredMappingSet) {
	const { id, version, createdDate, modifiedDate, createdBy, modifiedBy } = set;
	return { id, version, createdDate, modifiedDate, createdBy, modifiedBy };
}

export function postMappingSet(ctx: FlowContext, core: EmulatorCore): Reply {
	const validate = ctx.query.get('validate');
	if (validate !== null && validate !== 'true' && validate !== 'false')
		throw flow.invalid("'validate' must be true or false");
	return json(200, created(createMappingSet(core, ctx.sandboxName, readJsonBody(ctx))));
}

export function validateMappingSet(ctx: FlowContext, core: EmulatorCore): Reply {
	return json(200, { validationResponse: validateAll(parseBody(readJsonBody(ctx), core)) });
}

function view(set: StoredMappingSet) {
	const { sandboxName: _s, earlier: _e, ...rest } = structuredClone(set);
	void _s;
	void _e;
	return rest;
}

/**
 * `PUT /mappingSets/{id}` with the full body (checked as a create): a new version (`version` + 1),
 * the earlier one kept for `GET …?version=` → 200 with the create's answer fields (mapping-set.md).
 */
export function putMappingSet(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	const set = core.mappingSets.get(id, ctx.sandboxName);
	if (!set) throw flow.notFound(`Mapping set '${id}'`);
	const parsed = checkedSet(core, readJsonBody(ctx));
	const { version, outputSchema, mappings } = structuredClone(set);
	set.earlier = [...(set.earlier ?? []), { version, outputSchema, mappings }];
	set.version += 1;
	set.outputSchema = { schemaRef: { id: parsed.schema.$id, contentType: parsed.contentType } };
	set.mappings = parsed.mappings.map(normalise);
	set.modifiedDate = Math.max(Date.now(), set.modifiedDate);
	return json(200, created(set));
}

/** `DELETE /mappingSets/{id}` → 200 `{}` (emulator choice: the guide shows no answer body). */
export function deleteMappingSet(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	if (!core.mappingSets.get(id, ctx.sandboxName)) throw flow.notFound(`Mapping set '${id}'`);
	core.mappingSets.delete(id);
	return json(200, {});
}

export function getMappingSet(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	const set = core.mappingSets.get(id, ctx.sandboxName);
	if (!set) throw flow.notFound(`Mapping set '${id}'`);
	const version = ctx.query.get('version');
	if (version !== null && (!/^\d+$/.test(version) || Number(version) > set.version))
		throw flow.notFound(`Version ${version} of mapping set '${id}'`);
	const earlier = set.earlier?.find((entry) => String(entry.version) === version);
	return json(200, { ...view(set), ...structuredClone(earlier ?? {}) });
}

/** GET /mappingSets?limit=&start= (both required by the guide): `{data, _page: {count, limit}}`. */
export function listMappingSets(ctx: FlowContext, core: EmulatorCore): Reply {
	const limit = ctx.query.get('limit');
	const start = ctx.query.get('start');
	if (limit === null || start === null) throw flow.mandatory(limit === null ? 'limit' : 'start');
	if (!/^\d+$/.test(limit) || Number(limit) < 1 || !/^\d+$/.test(start))
		throw flow.invalid("'limit' must be a positive whole number and 'start' a whole number");
	const all = core.mappingSets.inSandbox(ctx.sandboxName);
	const page = all.slice(Number(start), Number(start) + Number(limit)).map(view);
	return json(200, { data: page, _page: { count: all.length, limit: Number(limit) } });
}

export const MAPPING_SET_ROUTES: Route[] = [
	{ pattern: /^\/mappingSets$/, methods: { POST: postMappingSet, GET: listMappingSets } },
	{ pattern: /^\/mappingSets\/validate$/, methods: { POST: validateMappingSet } },
	{
		pattern: /^\/mappingSets\/([^/]+)$/,
		methods: { GET: getMappingSet, PUT: putMappingSet, DELETE: deleteMappingSet },
	},
];
