/**
 * Auto-mapping of table columns to the fields of an `xed-full` XDM schema, for a Data Prep mapping set. Pure.
 * Adobe: "Mapping sets" (mapping-set.md): `{sourceType: "ATTRIBUTE", source, destination}`, `.` in a source escaped with `\`.
 */
import { InvalidFieldError } from '../../kernel/validation';

/** Data Prep mapping set IDs are 32 hex digits (e.g. `0b090130b58b4819afc78b6dc98b484d`). */
export const MAPPING_SET_ID_PATTERN = '^[0-9a-fA-F]{32}$';
const MAPPING_SET_ID = new RegExp(MAPPING_SET_ID_PATTERN);

/** Is this a Data Prep mapping set ID? */
export function isMappingSetId(value: unknown): value is string {
	return typeof value === 'string' && MAPPING_SET_ID.test(value);
}

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
	/** XDM's finer type, e.g. `int`, `long`, `short`, `byte`, `date-time`, `map`. */
	xdmType?: string;
	/** The only values the field accepts (JSON-schema `enum`). */
	enum?: unknown[];
	/** Set for a field a single column cannot fill: an array, a map, or an object without fields. */
	container?: 'array' | 'map' | 'object';
	/** The array the field is inside (its path), e.g. `_acme.lines` for `_acme.lines[].sku`. */
	inArray?: string;
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
	/** e.g. `integer` or `string (date-time)` (explore's `type`, with its date marking). */
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
	/** Every column that is not mapped, with why (no field of that name, several, only a suggestion, already taken). */
	unmappedColumns: Array<{ column: string; reason: string }>;
	/** Every mapped column whose type may not convert to its field's type (mapped anyway). */
	typeMismatches: TypeMismatch[];
	/**
	 * Same-named fields not mapped: deep in a standard field group, with an enum or format the
	 * column may not fit, or inside an array. Map one with an explicit pair when it is right.
	 */
	suggestions: Array<{ column: string; destination: string; reason: string }>;
	/** Columns with several equally good fields: none is mapped; an explicit pair picks one. */
	ambiguous: Array<{ column: string; destinations: string[] }>;
}

/** Field name of the explicit pairs, as the node reports it in errors. */
const PAIRS_FIELD = 'mappingPairs';
/** Where a suggestion or an ambiguous match can be mapped (Create From Table has no pairs). */
const PAIR_HINT = 'a Mapping Pair (Mapping Set › Create)';
/** How many values of an enum a reason names. */
const MAX_ENUM_SHOWN = 10;
const SCHEMA_FIELD = 'schema';
const MAX_DEPTH = 32;

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMap(def: Record<string, unknown>): boolean {
	return def['meta:xdmType'] === 'map' || (isObject(def.additionalProperties) && !def.properties);
}

/**
 * The leaf fields of an `xed-full` schema, depth first; arrays, maps and empty objects are `container`
 * leaves, array items are listed as `lines[].sku` (`inArray`).
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
	const walk = (
		properties: Record<string, unknown>,
		prefix: string,
		depth: number,
		inArray: string | undefined,
	) => {
		for (const [name, def] of Object.entries(properties)) {
			if (!isObject(def)) continue;
			const path = prefix ? `${prefix}.${name}` : name;
			if (isObject(def.properties) && !isMap(def) && depth < MAX_DEPTH) {
				walk(def.properties, path, depth + 1, inArray);
				continue;
			}
			const type = typeof def.type === 'string' ? def.type : 'object';
			const container =
				type === 'array' ? 'array' : isMap(def) ? 'map' : type === 'object' ? 'object' : undefined;
			out.push({
				path,
				type,
				...(typeof def.format === 'string' ? { format: def.format } : {}),
				...(typeof def['meta:xdmType'] === 'string' ? { xdmType: def['meta:xdmType'] } : {}),
				...(Array.isArray(def.enum) ? { enum: def.enum } : {}),
				...(container ? { container } : {}),
				...(inArray ? { inArray } : {}),
			});
			const items = isObject(def.items) ? def.items : undefined;
			if (type === 'array' && items && isObject(items.properties) && depth < MAX_DEPTH)
				walk(items.properties, `${path}[]`, depth + 1, inArray ?? path);
		}
	};
	walk(schema.properties, '', 0, undefined);
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

/** What a column holds; its XDM date marking wins over its source type ("Explore data tables"). */
function columnKind(column: SourceColumn): Kind {
	for (const marked of [column['meta:xdmType'], column.xdm?.format])
		if (marked === 'date' || marked === 'date-time') return marked;
	const base = column.type.toLowerCase().replace(/\(.*$/, '').trim();
	if (SOURCE_KINDS[base]) return SOURCE_KINDS[base];
	const xdmType = column.xdm?.type;
	return xdmType === 'string' ||
		xdmType === 'integer' ||
		xdmType === 'number' ||
		xdmType === 'boolean'
		? xdmType
		: 'unknown';
}

/**
 * A column's type as shown: `type`, with its date marking when explore gives one, e.g.
 * `string (date-time)`: explore types a Redshift timestamp as `string` (dataflow-chain.md §1b).
 */
function describeColumn(column: SourceColumn): string {
	const marked = column['meta:xdmType'] ?? column.xdm?.format;
	return marked && marked !== column.type ? `${column.type} (${marked})` : column.type;
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

/** Adobe's own namespaces at a schema's root (XDM `repo:`, Adobe application field groups): never the tenant's. */
const ADOBE_NAMESPACES: ReadonlySet<string> = new Set(['_id', '_repo', '_experience', '_schema']);

/**
 * The tenant's namespace (`_acme`), from `meta:altId` or `$id`, else the one root `_…` object that
 * is not Adobe's (`_repo`, `_experience`).
 */
export function tenantNamespace(schema: unknown): string | undefined {
	if (!isObject(schema)) return undefined;
	const altId = typeof schema['meta:altId'] === 'string' ? schema['meta:altId'] : '';
	const fromAlt = /^(_[A-Za-z0-9_-]+)\./.exec(altId)?.[1];
	const fromId = /^https?:\/\/ns\.adobe\.com\/([A-Za-z0-9_-]+)\/schemas\//.exec(
		typeof schema.$id === 'string' ? schema.$id : '',
	)?.[1];
	const properties = isObject(schema.properties) ? schema.properties : {};
	const named = [fromAlt, fromId && `_${fromId}`].filter((name): name is string => !!name);
	if (named.length) return named.find((name) => isObject(properties[name]));
	const underscored = Object.keys(properties).filter(
		(name) => name.startsWith('_') && !ADOBE_NAMESPACES.has(name) && isObject(properties[name]),
	);
	return underscored.length === 1 ? underscored[0] : undefined;
}

/** Why a column can never fill this field (an array, a map, an object, inside an array), or undefined. */
function containerReason(field: XdmField): string | undefined {
	if (field.inArray)
		return `'${field.path}' is inside the array '${field.inArray}': a column cannot fill array items`;
	if (field.container)
		return `'${field.path}' is ${{ array: 'an array', map: 'a map', object: 'an object' }[field.container]} field: a single column cannot fill it`;
	return undefined;
}

/** Why a name match is only a suggestion: an unverifiable enum or a format the column's type does not fit. */
function formatReason(column: SourceColumn, field: XdmField): string | undefined {
	if (field.enum) {
		const shown = field.enum.slice(0, MAX_ENUM_SHOWN).map((value) => JSON.stringify(value));
		const more = field.enum.length - shown.length;
		return `'${field.path}' accepts only ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}; the column's values cannot be checked`;
	}
	const kind = columnKind(column);
	if (kind === 'unknown') return undefined;
	const format =
		field.format ??
		(field.xdmType === 'date' || field.xdmType === 'date-time' ? field.xdmType : undefined);
	if (format === 'email' && kind !== 'string')
		return `'${field.path}' is an e-mail field; a ${describeColumn(column)} column does not fit`;
	if (format === 'date-time' && kind !== 'date-time' && kind !== 'date')
		return `'${field.path}' is a date-time field; only a timestamp or date column fits, not ${describeColumn(column)}`;
	if (format === 'date' && kind !== 'date' && kind !== 'date-time')
		return `'${field.path}' is a date field; only a date column fits, not ${describeColumn(column)}`;
	return undefined;
}

/**
 * Maps columns to same-named tenant or root-level fields; other candidates are suggestions, ties
 * `ambiguous`. Explicit pairs win; every unmapped column says why.
 */
export function autoMap(
	columns: SourceColumn[],
	schema: unknown,
	pairs: MappingPair[] = [],
): AutoMappingResult {
	const fields = flattenXdmSchema(schema);
	const tenant = tenantNamespace(schema);
	// A field inside an array is found by its reported path (lines[].sku) or without [] (lines.sku),
	// so a pair into it is refused with why.
	const byPath = new Map(
		fields.flatMap(
			(f): Array<[string, XdmField]> =>
				f.inArray
					? [
							[f.path, f],
							[f.path.replace(/\[\]/g, ''), f],
						]
					: [[f.path, f]],
		),
	);
	const byName = new Map(columns.map((c) => [c.name, c]));
	const taken = new Map<string, string>(); // destination -> column

	const result: AutoMappingResult = {
		mappings: [],
		matched: [],
		unmappedColumns: [],
		typeMismatches: [],
		suggestions: [],
		ambiguous: [],
	};
	const add = (column: SourceColumn, field: XdmField, by: 'name' | 'pair') => {
		taken.set(field.path, column.name);
		result.mappings.push({
			sourceType: 'ATTRIBUTE',
			source: escapeSourceName(column.name),
			destination: field.path,
		});
		result.matched.push({ column: column.name, destination: field.path, by });
		const reason = typeMismatchReason(column, field) ?? formatReason(column, field);
		if (reason)
			result.typeMismatches.push({
				column: column.name,
				columnType: describeColumn(column),
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
		const blocked = containerReason(field);
		if (blocked) throw new InvalidFieldError(PAIRS_FIELD, `Pair ${i + 1}: ${blocked}`);
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
		const key = matchKey(field.path.slice(field.path.lastIndexOf('.') + 1).replace(/\[\]$/, ''));
		candidates.set(key, [...(candidates.get(key) ?? []), field]);
	}
	/** A tenant field (any depth) or a root-level field: what a name match may map. */
	const preferred = (field: XdmField) =>
		!field.path.includes('.') || (tenant !== undefined && field.path.startsWith(`${tenant}.`));
	const unmapped = (column: SourceColumn, reason: string) =>
		result.unmappedColumns.push({ column: column.name, reason });
	const suggest = (column: SourceColumn, field: XdmField, reason: string) =>
		result.suggestions.push({ column: column.name, destination: field.path, reason });

	for (const column of columns) {
		if (paired.has(column.name)) continue;
		const found = candidates.get(matchKey(column.name)) ?? [];
		if (found.length === 0) {
			unmapped(column, 'no schema field has this name');
			continue;
		}
		const fillable = found.filter((f) => !containerReason(f));
		const best = fillable.filter(preferred);
		if (best.length === 0) {
			for (const field of fillable)
				suggest(
					column,
					field,
					`'${field.path}' is inside a standard field group, not a tenant or root-level field: map it with ${PAIR_HINT} if it is meant`,
				);
			for (const field of found.filter((f) => containerReason(f)))
				suggest(column, field, containerReason(field) as string);
			unmapped(
				column,
				fillable.length
					? `only fields deep in a standard field group have this name (${fillable.map((f) => f.path).join(', ')}): not mapped, see suggestions`
					: `no field a column can fill has this name: ${found.map((f) => containerReason(f)).join('; ')}`,
			);
			continue;
		}
		const free = best.filter((f) => !taken.has(f.path));
		if (free.length === 0) {
			unmapped(
				column,
				`field '${best[0].path}' is already mapped from '${taken.get(best[0].path)}'`,
			);
		} else if (free.length > 1) {
			result.ambiguous.push({ column: column.name, destinations: free.map((f) => f.path) });
			unmapped(
				column,
				`several fields match (${free.map((f) => f.path).join(', ')}): pick one with ${PAIR_HINT}`,
			);
		} else {
			const reason = formatReason(column, free[0]);
			if (reason) {
				suggest(column, free[0], reason);
				unmapped(column, `${reason}: not mapped, see suggestions`);
			} else add(column, free[0], 'name');
		}
	}
	return result;
}
