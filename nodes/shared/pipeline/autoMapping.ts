/**
 * Auto-mapping from the columns of a table source to the fields of an XDM schema, for a Data Prep
 * mapping set. Pure: the caller fetches the schema (Schema Registry, `GET /tenant/schemas/{id}` with
 * `Accept: application/vnd.adobe.xed-full+json; version=1`, so `$ref`/`allOf` are already resolved)
 * and the columns (Flow Service explore, `objectType=table`).
 *
 * Adobe docs followed: "Mapping sets" (Data Prep API, `help/data-prep/api/mapping-set.md`): a
 * mapping is `{sourceType: "ATTRIBUTE", source, destination}`, and a `.` inside a source name is
 * escaped with `\`.
 */
import { InvalidFieldError } from '../InvalidFieldError';

/** A column as Flow Service explore returns it: `{name, type, xdm?: {type, format?}, "meta:xdmType"?}`. */
export interface SourceColumn {
	name: string;
	/** The source type, e.g. `string`, `integer`, `long`, `double`, `boolean`, `date`, `timestamp`. */
	type: string;
	xdm?: { type: string; format?: string };
	'meta:xdmType'?: string;
}

/** A leaf field of an XDM schema, e.g. `{path: "_acme.orderId", type: "string"}`. */
export interface XdmField {
	/** Dotted path from the schema root, as a Data Prep `destination`. */
	path: string;
	/** JSON-schema type: string, integer, number, boolean, array, object (an object with no properties). */
	type: string;
	/** JSON-schema format, e.g. `date`, `date-time`, `email`. */
	format?: string;
	/** XDM's finer type, e.g. `int`, `long`, `short`, `byte`, `date-time`. */
	xdmType?: string;
}

/** One Data Prep mapping in the current (non-legacy) format. */
export interface DataPrepMapping {
	sourceType: 'ATTRIBUTE';
	source: string;
	destination: string;
}

/** An explicit column -> field pair; it wins over any name match for that column. */
export interface MappingPair {
	source: string;
	destination: string;
}

export interface TypeMismatch {
	column: string;
	columnType: string;
	destination: string;
	/** e.g. `integer (long)` or `string (date-time)`. */
	fieldType: string;
	reason: string;
}

export interface AutoMappingResult {
	mappings: DataPrepMapping[];
	/** Which column went to which field, and whether by name or by an explicit pair. */
	matched: Array<{ column: string; destination: string; by: 'name' | 'pair' }>;
	/** Every column that is not mapped, with why (no field of that name, several, already taken). */
	unmappedColumns: Array<{ column: string; reason: string }>;
	/** Every mapped column whose type may not convert to its field's type (mapped anyway). */
	typeMismatches: TypeMismatch[];
}

/** Field name of the explicit pairs, as the node reports it in errors. */
const PAIRS_FIELD = 'mappingPairs';
const SCHEMA_FIELD = 'schema';
const MAX_DEPTH = 32;

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The leaf fields of an `xed-full` schema, depth first in property order. Objects with
 * `properties` are walked into (`_acme` -> `_acme.orderId`); arrays and maps are leaves.
 * @throws InvalidFieldError (`schema`) when the schema has no `properties` object.
 */
export function flattenXdmSchema(schema: unknown): XdmField[] {
	if (!isObject(schema) || !isObject(schema.properties)) {
		throw new InvalidFieldError(
			SCHEMA_FIELD,
			"The schema has no 'properties': fetch it with Accept application/vnd.adobe.xed-full+json; version=1",
		);
	}
	const out: XdmField[] = [];
	const walk = (properties: Record<string, unknown>, prefix: string, depth: number) => {
		for (const [name, def] of Object.entries(properties)) {
			if (!isObject(def)) continue;
			const path = prefix ? `${prefix}.${name}` : name;
			if (isObject(def.properties) && depth < MAX_DEPTH) {
				walk(def.properties, path, depth + 1);
				continue;
			}
			out.push({
				path,
				type: typeof def.type === 'string' ? def.type : 'object',
				...(typeof def.format === 'string' ? { format: def.format } : {}),
				...(typeof def['meta:xdmType'] === 'string' ? { xdmType: def['meta:xdmType'] } : {}),
			});
		}
	};
	walk(schema.properties, '', 0);
	return out;
}

/** Name key for matching: lower case without `_` and `-`, so `order_id`, `orderId`, `Order-ID` agree. */
export function matchKey(name: string): string {
	return name.toLowerCase().replace(/[_-]/g, '');
}

/** Data Prep reads `.` in a source as a path separator; a column name containing one is escaped. */
function escapeSourceName(column: string): string {
	return column.replace(/\./g, '\\.');
}

type Kind = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'date-time' | 'time' | 'unknown';

/** Bits of each integer width; XDM's plain `integer` is a long. */
const INT_BITS: Record<string, number> = {
	byte: 8,
	short: 16,
	smallint: 16,
	int2: 16,
	int: 32,
	integer: 32,
	int4: 32,
	long: 64,
	bigint: 64,
	int8: 64,
};

const SOURCE_KINDS: Record<string, Kind> = {
	string: 'string',
	varchar: 'string',
	char: 'string',
	text: 'string',
	bpchar: 'string',
	'character varying': 'string',
	character: 'string',
	super: 'string',
	smallint: 'integer',
	int2: 'integer',
	short: 'integer',
	integer: 'integer',
	int: 'integer',
	int4: 'integer',
	bigint: 'integer',
	int8: 'integer',
	long: 'integer',
	double: 'number',
	'double precision': 'number',
	float: 'number',
	float4: 'number',
	float8: 'number',
	real: 'number',
	decimal: 'number',
	numeric: 'number',
	number: 'number',
	boolean: 'boolean',
	bool: 'boolean',
	date: 'date',
	timestamp: 'date-time',
	timestamptz: 'date-time',
	datetime: 'date-time',
	'date-time': 'date-time',
	time: 'time',
	timetz: 'time',
};

function columnKind(column: SourceColumn): Kind {
	const base = column.type.toLowerCase().replace(/\(.*$/, '').trim();
	if (SOURCE_KINDS[base]) return SOURCE_KINDS[base];
	const format = column.xdm?.format ?? column['meta:xdmType'];
	if (format === 'date' || format === 'date-time') return format;
	const xdmType = column.xdm?.type;
	return xdmType === 'string' ||
		xdmType === 'integer' ||
		xdmType === 'number' ||
		xdmType === 'boolean'
		? xdmType
		: 'unknown';
}

function describeField(field: XdmField): string {
	const detail = field.xdmType && field.xdmType !== field.type ? field.xdmType : field.format;
	return detail ? `${field.type} (${detail})` : field.type;
}

/** Why this column may not convert into this field, or undefined when it does. */
export function typeMismatchReason(column: SourceColumn, field: XdmField): string | undefined {
	const kind = columnKind(column);
	if (kind === 'unknown') return undefined; // nothing to compare against
	if (field.type === 'object' || field.type === 'array')
		return `a ${field.type} field cannot take a single column`;
	if (field.type === 'boolean')
		return kind === 'boolean' ? undefined : 'only a boolean column fits a boolean field';
	if (field.type === 'number')
		return kind === 'integer' || kind === 'number'
			? undefined
			: 'only a numeric column fits a number field';
	if (field.type === 'integer') {
		if (kind === 'number') return 'decimals would be cut off';
		if (kind !== 'integer') return 'only an integer column fits an integer field';
		const source = INT_BITS[column.type.toLowerCase()] ?? 64;
		const target = INT_BITS[field.xdmType ?? 'long'] ?? 64;
		return source > target
			? `a ${source}-bit column may overflow a ${target}-bit field`
			: undefined;
	}
	// string fields: formats constrain what fits
	const format =
		field.format ??
		(field.xdmType === 'date' || field.xdmType === 'date-time' ? field.xdmType : undefined);
	if (format === 'date-time')
		return kind === 'date-time' || kind === 'date'
			? undefined
			: 'only a timestamp or date column fits a date-time field';
	if (format === 'date')
		return kind === 'date'
			? undefined
			: kind === 'date-time'
				? 'the time of day would be lost'
				: 'only a date column fits a date field';
	return undefined;
}

/**
 * Maps columns to same-named schema fields: names match ignoring case, `_` and `-`
 * (see `matchKey`); explicit pairs override and take their field out of the name matching.
 * A column that matches several fields, or a field already taken, stays unmapped (with the reason).
 * @param columns the source columns (explore `schema.columns`)
 * @param schema the `xed-full` schema object (with `properties`)
 * @param pairs explicit `{source: column name, destination: dotted field path}`
 * @throws InvalidFieldError (`mappingPairs`) when a pair names an unknown column or field, or two pairs share a field
 */
export function autoMap(
	columns: SourceColumn[],
	schema: unknown,
	pairs: MappingPair[] = [],
): AutoMappingResult {
	const fields = flattenXdmSchema(schema);
	const byPath = new Map(fields.map((f) => [f.path, f]));
	const byName = new Map(columns.map((c) => [c.name, c]));
	const taken = new Map<string, string>(); // destination -> column

	const result: AutoMappingResult = {
		mappings: [],
		matched: [],
		unmappedColumns: [],
		typeMismatches: [],
	};
	const add = (column: SourceColumn, field: XdmField, by: 'name' | 'pair') => {
		taken.set(field.path, column.name);
		result.mappings.push({
			sourceType: 'ATTRIBUTE',
			source: escapeSourceName(column.name),
			destination: field.path,
		});
		result.matched.push({ column: column.name, destination: field.path, by });
		const reason = typeMismatchReason(column, field);
		if (reason)
			result.typeMismatches.push({
				column: column.name,
				columnType: column.type,
				destination: field.path,
				fieldType: describeField(field),
				reason,
			});
	};

	const paired = new Set<string>();
	pairs.forEach((pair, i) => {
		const column = byName.get(pair.source);
		if (!column)
			throw new InvalidFieldError(
				PAIRS_FIELD,
				`Pair ${i + 1}: '${pair.source}' is not a column of the source table`,
			);
		const field = byPath.get(pair.destination);
		if (!field)
			throw new InvalidFieldError(
				PAIRS_FIELD,
				`Pair ${i + 1}: '${pair.destination}' is not a field of the schema (use a dotted path such as _tenant.field)`,
			);
		if (taken.has(field.path))
			throw new InvalidFieldError(
				PAIRS_FIELD,
				`Pair ${i + 1}: field '${field.path}' is already the destination of another pair`,
			);
		paired.add(column.name);
		add(column, field, 'pair');
	});

	const candidates = new Map<string, XdmField[]>();
	for (const field of fields) {
		const key = matchKey(field.path.slice(field.path.lastIndexOf('.') + 1));
		candidates.set(key, [...(candidates.get(key) ?? []), field]);
	}
	for (const column of columns) {
		if (paired.has(column.name)) continue;
		const found = candidates.get(matchKey(column.name)) ?? [];
		const free = found.filter((f) => !taken.has(f.path));
		if (found.length === 0) {
			result.unmappedColumns.push({ column: column.name, reason: 'no schema field has this name' });
		} else if (free.length === 0) {
			const by = taken.get(found[0].path);
			result.unmappedColumns.push({
				column: column.name,
				reason: `field '${found[0].path}' is already mapped from '${by}'`,
			});
		} else if (free.length > 1) {
			result.unmappedColumns.push({
				column: column.name,
				reason: `several fields match (${free.map((f) => f.path).join(', ')}): add an explicit pair`,
			});
		} else {
			add(column, free[0], 'name');
		}
	}
	return result;
}
