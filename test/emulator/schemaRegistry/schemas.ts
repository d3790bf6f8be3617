/**
 * Schema Registry (`/data/foundation/schemaregistry`): the tenant schemas a dataset and a mapping set
 * point at. Read-only here: the emulator starts with `DEFAULT_SCHEMAS` in every sandbox.
 *
 * Follows Adobe's "Schemas endpoint" guide and appendix (help/xdm/api/schemas.md, appendix.md):
 * - `Accept` is required. Lists take `application/vnd.adobe.xed-id+json` (summaries) or
 *   `application/vnd.adobe.xed+json` (full, unresolved). Lookups need a version:
 *   `application/vnd.adobe.xed-full+json; version=1` resolves `$ref`/`allOf` into `properties`.
 * - Paging: `limit` and `start` only with `orderby`; the next page's `start` is `_page.next`
 *   (`null` on the last page).
 * Emulator choices: a missing or unknown list `Accept` is 400; a lookup without a version or with
 * an unknown format is 406; `_page.next` is an opaque token; errors are typed `XDM-<code>`.
 */
import { FlowError } from '../core/errors';
import { json, type Reply } from '../core/http';
import { filterItems } from '../core/listing';
import type { FlowContext, Route } from '../core/flowService';
import type { EmulatorCore } from '../core/emulatorCore';

export const SCHEMA_REGISTRY_PREFIX = '/data/foundation/schemaregistry';
export const TENANT_ID = 'emulator';

/** A resolved (xed-full) XDM schema. */
export interface XdmSchema {
	$id: string;
	'meta:altId': string;
	title: string;
	description?: string;
	type: 'object';
	version: string;
	'meta:class': string;
	properties: Record<string, unknown>;
}

const str = (extra: Record<string, unknown> = {}) => ({ type: 'string', ...extra });

/** Orders and customers, with tenant fields under `_emulator` named in camelCase (the tables use snake_case). */
export const DEFAULT_SCHEMAS: readonly XdmSchema[] = [
	{
		$id: `https://ns.adobe.com/${TENANT_ID}/schemas/0f1e2d3c4b5a69788796a5b4c3d2e1f0`,
		'meta:altId': `_${TENANT_ID}.schemas.0f1e2d3c4b5a69788796a5b4c3d2e1f0`,
		title: 'Emulator orders',
		type: 'object',
		version: '1.0',
		'meta:class': 'https://ns.adobe.com/xdm/context/experienceevent',
		properties: {
			_id: str(),
			timestamp: str({ format: 'date-time' }),
			[`_${TENANT_ID}`]: {
				type: 'object',
				properties: {
					orderId: str(),
					customerId: str(),
					quantity: { type: 'integer', 'meta:xdmType': 'int' },
					total: { type: 'number' },
					paid: { type: 'boolean' },
					orderedAt: str({ format: 'date-time' }),
				},
			},
		},
	},
	{
		$id: `https://ns.adobe.com/${TENANT_ID}/schemas/1a2b3c4d5e6f708192a3b4c5d6e7f809`,
		'meta:altId': `_${TENANT_ID}.schemas.1a2b3c4d5e6f708192a3b4c5d6e7f809`,
		title: 'Emulator customers',
		type: 'object',
		version: '1.0',
		'meta:class': 'https://ns.adobe.com/xdm/context/profile',
		properties: {
			_id: str(),
			personalEmail: { type: 'object', properties: { address: str({ format: 'email' }) } },
			[`_${TENANT_ID}`]: {
				type: 'object',
				properties: {
					customerId: str(),
					email: str(),
					birthDate: str({ format: 'date' }),
					loyaltyPoints: { type: 'integer', 'meta:xdmType': 'long' },
				},
			},
		},
	},
];

/**
 * A profile schema with auto-mapping's traps (not served unless passed in `options.schemas`):
 * standard field groups whose leaf names match common columns (`personalEmail.address`,
 * `device.type` with an enum), a map (`identityMap`), tenant arrays, a map, an object without
 * fields, a field inside an array of objects, an enum, a date-time, and two same-named tenant fields.
 * The table `MAPPING_TRAPS_TABLE` (explore) has a column for each trap.
 */
export const MAPPING_TRAPS_SCHEMA: XdmSchema = {
	$id: `https://ns.adobe.com/${TENANT_ID}/schemas/7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a`,
	'meta:altId': `_${TENANT_ID}.schemas.7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a`,
	title: 'Emulator mapping traps',
	type: 'object',
	version: '1.0',
	'meta:class': 'https://ns.adobe.com/xdm/context/profile',
	properties: {
		_id: str(),
		personalEmail: {
			type: 'object',
			properties: { address: str({ format: 'email' }), primary: { type: 'boolean' } },
		},
		device: {
			type: 'object',
			properties: { type: str({ enum: ['mobile', 'tablet', 'desktop'] }), model: str() },
		},
		identityMap: {
			type: 'object',
			'meta:xdmType': 'map',
			additionalProperties: { type: 'array', items: { type: 'object', properties: { id: str() } } },
		},
		[`_${TENANT_ID}`]: {
			type: 'object',
			properties: {
				customerId: str(),
				email: str({ format: 'email' }),
				signupDate: str({ format: 'date-time' }),
				tier: str({ enum: ['gold', 'silver'] }),
				tags: { type: 'array', items: str() },
				attributes: { type: 'object', 'meta:xdmType': 'map', additionalProperties: str() },
				preferences: { type: 'object' },
				lines: {
					type: 'array',
					items: {
						type: 'object',
						properties: { sku: str(), quantity: { type: 'integer', 'meta:xdmType': 'int' } },
					},
				},
				billing: { type: 'object', properties: { phone: str() } },
				shipping: { type: 'object', properties: { phone: str() } },
			},
		},
	},
};

/**
 * An XDM Individual Profile schema with standard field groups only (not served unless passed in
 * `options.schemas`): no `_<tenant>` object yet, but the class's `_repo` (repository dates), which
 * is Adobe's namespace, not the tenant's.
 */
export const PROFILE_NO_TENANT_SCHEMA: XdmSchema = {
	$id: `https://ns.adobe.com/${TENANT_ID}/schemas/0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f`,
	'meta:altId': `_${TENANT_ID}.schemas.0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f`,
	title: 'Emulator profile without tenant fields',
	type: 'object',
	version: '1.0',
	'meta:class': 'https://ns.adobe.com/xdm/context/profile',
	properties: {
		_id: str(),
		_repo: {
			type: 'object',
			properties: {
				createDate: str({ format: 'date-time' }),
				modifyDate: str({ format: 'date-time' }),
			},
		},
		person: {
			type: 'object',
			properties: { name: { type: 'object', properties: { firstName: str() } } },
		},
	},
};

const MEDIA =
	/^application\/vnd\.adobe\.(xed(?:-id|-full|-notext|-full-notext|-full-desc|-deprecatefield)?)\+json$/;

function xdmError(code: string, title: string, detail: string): FlowError {
	const err = new FlowError(code, title, detail);
	err.service = 'XDM';
	return err;
}

/** `{format, version?}` of an Accept header such as `application/vnd.adobe.xed-full+json; version=1`. */
function parseAccept(header: string | undefined): { format: string; version?: string } | undefined {
	if (!header) return undefined;
	const [media, ...params] = header.split(';').map((p) => p.trim());
	const m = MEDIA.exec(media.toLowerCase());
	if (!m) return { format: '' };
	const version = params.map((p) => /^version=(.+)$/.exec(p)?.[1]).find((v) => v !== undefined);
	return { format: m[1], ...(version !== undefined ? { version } : {}) };
}

export function schemasOf(core: EmulatorCore): readonly XdmSchema[] {
	return core.options.schemas;
}

/** A schema by `$id` or `meta:altId` (the sandbox is checked by the router; schemas exist in every sandbox). */
export function findSchema(core: EmulatorCore, id: string): XdmSchema | undefined {
	return schemasOf(core).find((s) => s.$id === id || s['meta:altId'] === id);
}

function summary(s: XdmSchema) {
	return { $id: s.$id, 'meta:altId': s['meta:altId'], version: s.version, title: s.title };
}

/** The unresolved form: class and field group by reference, no `properties`. */
function unresolved(s: XdmSchema) {
	const { properties: _omit, ...rest } = s;
	void _omit;
	return {
		...rest,
		allOf: [{ $ref: s['meta:class'] }, { $ref: `${s.$id.replace('/schemas/', '/mixins/')}` }],
	};
}

export function listSchemas(ctx: FlowContext, core: EmulatorCore): Reply {
	const accept = parseAccept(ctx.headers.accept);
	if (!accept || (accept.format !== 'xed-id' && accept.format !== 'xed')) {
		throw xdmError(
			'1010-400',
			'Invalid Accept header',
			'Accept must be application/vnd.adobe.xed-id+json or application/vnd.adobe.xed+json',
		);
	}
	const orderby = ctx.query.get('orderby');
	if ((ctx.query.has('start') || ctx.query.has('limit')) && !orderby) {
		throw xdmError(
			'1011-400',
			'Invalid query',
			"'start' and 'limit' only work together with 'orderby'",
		);
	}
	let items = filterItems([...schemasOf(core)], ctx.query);
	if (orderby) {
		const m = /^([+-]?)(title|version|\$id)$/.exec(orderby);
		if (!m) throw xdmError('1011-400', 'Invalid query', `Unsupported orderby '${orderby}'`);
		const sign = m[1] === '-' ? -1 : 1;
		const key = m[2] as 'title' | 'version' | '$id';
		items = [...items].sort((a, b) => (a[key] < b[key] ? -sign : a[key] > b[key] ? sign : 0));
	}
	const limitText = ctx.query.get('limit');
	if (limitText !== null && (!/^\d+$/.test(limitText) || Number(limitText) > 500)) {
		throw xdmError('1011-400', 'Invalid query', "'limit' must be a whole number from 0 to 500");
	}
	const limit = limitText === null ? 300 : Math.min(Number(limitText) || 300, 300);
	const startText = ctx.query.get('start');
	const start = startText === null ? 0 : decodeStart(startText);
	const page = items.slice(start, start + limit);
	const next =
		start + limit < items.length ? Buffer.from(String(start + limit)).toString('base64url') : null;
	const query = new URLSearchParams(ctx.query);
	if (next) query.set('start', next);
	return json(200, {
		results: page.map((s) => (accept.format === 'xed-id' ? summary(s) : unresolved(s))),
		_page: { orderby: orderby ?? 'title', next, count: page.length },
		_links: {
			...(next
				? { next: { href: `${SCHEMA_REGISTRY_PREFIX}/tenant/schemas?${query.toString()}` } }
				: {}),
			global_schemas: { href: `${SCHEMA_REGISTRY_PREFIX}/global/schemas` },
		},
	});
}

function decodeStart(token: string): number {
	const n = Number(Buffer.from(token, 'base64url').toString('utf8'));
	if (!Number.isSafeInteger(n) || n < 0)
		throw xdmError('1011-400', 'Invalid query', "'start' must be a value from _page.next");
	return n;
}

export function getSchema(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	const accept = parseAccept(ctx.headers.accept);
	if (!accept) throw xdmError('1010-400', 'Invalid Accept header', 'Accept is required');
	if (!accept.format || accept.version === undefined || !/^1(\.\d+)?$/.test(accept.version)) {
		throw xdmError(
			'1012-406',
			'Not acceptable',
			'Accept must name an XDM format and a version, e.g. application/vnd.adobe.xed-full+json; version=1',
		);
	}
	const schema = findSchema(core, id);
	if (!schema) throw xdmError('1013-404', 'Schema not found', `Schema '${id}' was not found`);
	if (accept.format === 'xed-id')
		throw xdmError('1012-406', 'Not acceptable', 'xed-id is for lists only');
	return json(
		200,
		accept.format.startsWith('xed-full') ? structuredClone(schema) : unresolved(schema),
	);
}

/** GET /stats: where a caller finds its tenant ID. */
export function getStats(_ctx: FlowContext, core: EmulatorCore): Reply {
	return json(200, {
		imsOrg: core.options.orgId,
		tenantId: TENANT_ID,
		counts: { schemas: schemasOf(core).length },
	});
}

export const SCHEMA_ROUTES: Route[] = [
	{ pattern: /^\/tenant\/schemas$/, methods: { GET: listSchemas } },
	{ pattern: /^\/tenant\/schemas\/([^/]+)$/, methods: { GET: getSchema } },
	{ pattern: /^\/stats$/, methods: { GET: getStats } },
];
