/**
 * Catalog Service datasets (`/data/foundation/catalog/dataSets`): list, get, create from a schema.
 *
 * Follows Adobe's Catalog guides (help/catalog/api/list-objects.md, filter-data.md,
 * look-up-object.md, create-dataset.md) and catalog.yaml:
 * - Answers are **objects keyed by ID**, never arrays; no `_page`, no next link.
 * - `limit` 1..100 (default 20), `start` a zero-based offset; `properties=` picks top-level fields;
 *   `orderBy=[asc:|desc:]created|updated|name`; `name=` exact (comma = any of, leading `!` negates);
 *   `property=name~regex` and the other filter forms of the listing module.
 * - `POST` answers 201 with `["@/dataSets/<id>"]` and a Location header; `requestDataSource=true`
 *   is accepted (it makes Catalog create the data source).
 * Emulator choices: `name` and `schemaRef` are required on create (the spec marks nothing required,
 * but a dataset for a dataflow needs both); the schema must exist in the Schema Registry; errors
 * are typed `CAT-<code>`.
 */
import { randomBytes } from 'node:crypto';

import type { EmulatorCore } from '../core/emulatorCore';
import { flow } from '../core/errors';
import { isPlainObject, json, readJsonBody, type Reply } from '../core/http';
import { filterItems } from '../core/listing';
import type { FlowContext, Route } from '../core/flowService';
import { findSchema } from '../schemaRegistry/schemas';
import { bodyObject, requireObject, requireString } from '../core/fields';

export const CATALOG_PREFIX = '/data/foundation/catalog';
export const CATALOG_DEFAULT_LIMIT = 20;
export const CATALOG_MAX_LIMIT = 100;

/** Catalog's own content type for a dataset's schemaRef; the xed-full form is accepted too. */
const SCHEMA_CONTENT_TYPE = /^application\/vnd\.adobe\.xed(-full)?\+json;\s*version=1(\.0)?$/;

export interface StoredDataset {
	id: string;
	name: string;
	description?: string;
	schemaRef: { id: string; contentType: string };
	tags?: Record<string, string[]>;
	enableErrorDiagnostics?: boolean;
	fileDescription?: Record<string, unknown>;
	dataSourceId?: number | string;
	/** Epoch milliseconds, as Catalog returns them. */
	created: number;
	updated: number;
	createdClient: string;
	createdUser: string;
	updatedUser: string;
	imsOrg: string;
	sandboxName: string;
	version: string;
	files: string;
}

/** Catalog dataset IDs: 24 lower-case hex digits. */
export function newDatasetId(): string {
	return randomBytes(12).toString('hex');
}

function datasetFields(
	input: unknown,
	core: EmulatorCore,
): Omit<
	StoredDataset,
	| 'id'
	| 'created'
	| 'updated'
	| 'createdClient'
	| 'createdUser'
	| 'updatedUser'
	| 'imsOrg'
	| 'sandboxName'
	| 'version'
	| 'files'
> {
	const body = bodyObject(
		input,
		[
			'name',
			'description',
			'schemaRef',
			'tags',
			'enableErrorDiagnostics',
			'fileDescription',
			'dataSourceId',
		],
		'the dataset',
	);
	const name = requireString(body.name, 'name');
	if (body.description !== undefined && typeof body.description !== 'string')
		throw flow.invalid("'description' must be a string");
	const ref = requireObject(body.schemaRef, 'schemaRef', ['id', 'contentType']);
	const schemaId = requireString(ref.id, 'schemaRef.id');
	const contentType = requireString(ref.contentType, 'schemaRef.contentType');
	if (!SCHEMA_CONTENT_TYPE.test(contentType))
		throw flow.invalid(
			'\'schemaRef.contentType\' must be "application/vnd.adobe.xed+json;version=1"',
		);
	if (!findSchema(core, schemaId))
		throw flow.invalid("'schemaRef.id' is not a schema of the Schema Registry");
	if (body.tags !== undefined) {
		if (
			!isPlainObject(body.tags) ||
			!Object.values(body.tags).every(
				(v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
			)
		) {
			throw flow.invalid("'tags' must map names to lists of strings");
		}
	}
	if (body.enableErrorDiagnostics !== undefined && typeof body.enableErrorDiagnostics !== 'boolean')
		throw flow.invalid("'enableErrorDiagnostics' must be a boolean");
	if (body.fileDescription !== undefined && !isPlainObject(body.fileDescription))
		throw flow.invalid("'fileDescription' must be an object");
	return {
		name,
		...(body.description !== undefined ? { description: body.description as string } : {}),
		schemaRef: { id: findSchema(core, schemaId)?.$id ?? schemaId, contentType },
		...(body.tags !== undefined
			? { tags: structuredClone(body.tags) as Record<string, string[]> }
			: {}),
		...(body.enableErrorDiagnostics !== undefined
			? { enableErrorDiagnostics: body.enableErrorDiagnostics as boolean }
			: {}),
		...(body.fileDescription !== undefined
			? { fileDescription: structuredClone(body.fileDescription) }
			: {}),
		...(body.dataSourceId !== undefined ? { dataSourceId: body.dataSourceId as string } : {}),
	};
}

/** Creates a dataset after validating the body as POST /dataSets does; throws FlowError. */
export function createDataset(
	core: EmulatorCore,
	sandboxName: string,
	body: unknown,
): StoredDataset {
	const fields = datasetFields(body, core);
	const now = Date.now();
	const id = newDatasetId();
	return core.datasets.add({
		id,
		...fields,
		created: now,
		updated: now,
		createdClient: core.options.clientId,
		createdUser: `${core.options.clientId}@AdobeID`,
		updatedUser: `${core.options.clientId}@AdobeID`,
		imsOrg: core.options.orgId,
		sandboxName,
		version: '1.0.0',
		files: `@/dataSets/${id}/views/${id}/files`,
	});
}

/** `properties=a,b`: top-level names only; the object keeps just those (Catalog drops the rest). */
function pick(ds: StoredDataset, properties: string | null): Record<string, unknown> {
	const { sandboxName: _s, id: _i, ...visible } = structuredClone(ds);
	void _s;
	void _i;
	if (properties === null) return visible;
	const names = properties.split(',').map((p) => p.trim());
	for (const n of names)
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n))
			throw flow.invalid(`'properties' takes top-level field names only, not '${n}'`);
	return Object.fromEntries(
		names.filter((n) => n in visible).map((n) => [n, (visible as Record<string, unknown>)[n]]),
	);
}

function whole(
	value: string | null,
	field: string,
	min: number,
	max: number,
	fallback: number,
): number {
	if (value === null) return fallback;
	if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
		throw flow.invalid(`'${field}' must be a whole number from ${min} to ${max}`);
	return Number(value);
}

function order(value: string | null): (a: StoredDataset, b: StoredDataset) => number {
	if (value === null) return () => 0;
	const keys = value.split(',').map((part) => {
		const m = /^(?:(asc|desc):)?(created|updated|name)$/.exec(part.trim());
		if (!m) throw flow.invalid(`Unsupported orderBy '${part}'`);
		return { sign: m[1] === 'desc' ? -1 : 1, key: m[2] as 'created' | 'updated' | 'name' };
	});
	return (a, b) => {
		for (const { sign, key } of keys) if (a[key] !== b[key]) return a[key] < b[key] ? -sign : sign;
		return 0;
	};
}

function nameFilter(value: string | null): (ds: StoredDataset) => boolean {
	if (value === null) return () => true;
	const negate = value.startsWith('!');
	const patterns = (negate ? value.slice(1) : value).split(',').map((p) => {
		// `*` is a wildcard, `**` a literal asterisk
		const source = p
			.split('**')
			.map((chunk) =>
				chunk
					.split('*')
					.map((t) => t.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
					.join('.*'),
			)
			.join('\\*');
		return new RegExp(`^${source}$`);
	});
	return (ds) => patterns.some((r) => r.test(ds.name)) !== negate;
}

export function listDatasets(ctx: FlowContext, core: EmulatorCore): Reply {
	const limit = whole(ctx.query.get('limit'), 'limit', 1, CATALOG_MAX_LIMIT, CATALOG_DEFAULT_LIMIT);
	const start = whole(ctx.query.get('start'), 'start', 0, Number.MAX_SAFE_INTEGER, 0);
	const byName = nameFilter(ctx.query.get('name'));
	const all = filterItems(core.datasets.inSandbox(ctx.sandboxName), ctx.query).filter(byName);
	const sorted = all
		.map((d, seq) => ({ d, seq }))
		.sort((a, b) => order(ctx.query.get('orderBy'))(a.d, b.d) || a.seq - b.seq);
	const page = sorted.slice(start, start + limit).map((r) => r.d);
	const properties = ctx.query.get('properties');
	return json(200, Object.fromEntries(page.map((d) => [d.id, pick(d, properties)])));
}

export function getDataset(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	const ds = core.datasets.get(id, ctx.sandboxName);
	if (!ds) throw flow.notFound(`Dataset '${id}'`);
	return json(200, { [ds.id]: pick(ds, ctx.query.get('properties')) });
}

export function postDataset(ctx: FlowContext, core: EmulatorCore): Reply {
	const request = ctx.query.get('requestDataSource');
	if (request !== null && request !== 'true' && request !== 'false')
		throw flow.invalid("'requestDataSource' must be true or false");
	const ds = createDataset(core, ctx.sandboxName, readJsonBody(ctx));
	return json(201, [`@/dataSets/${ds.id}`], { location: `${CATALOG_PREFIX}/dataSets/${ds.id}` });
}

/** `DELETE /dataSets/{id}` → 200 `["@/dataSets/{id}"]` (Catalog "Delete an object"). */
export function deleteDataset(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	if (!core.datasets.get(id, ctx.sandboxName)) throw flow.notFound(`Dataset '${id}'`);
	core.datasets.delete(id);
	return json(200, [`@/dataSets/${id}`]);
}

export const DATASET_ROUTES: Route[] = [
	{ pattern: /^\/dataSets$/, methods: { GET: listDatasets, POST: postDataset } },
	{ pattern: /^\/dataSets\/([^/]+)$/, methods: { GET: getDataset, DELETE: deleteDataset } },
];
