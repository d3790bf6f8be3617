/**
 * Schema Registry: the tenant's XDM schemas; paged by `start` = previous `_page.next`.
 * Adobe: Schema Registry getting-started.md, schemas.md, appendix.md.
 */
import type { IDataObject } from 'n8n-workflow';

import { SCHEMA_REGISTRY_PATH, XED_FULL_ACCEPT } from '../../kernel/constants';
import { safeOperationError } from '../../kernel/nodeErrors';
import { platformRequest, type PlatformContext, type RequestContext } from '../../kernel/transport';

/** A schema as a list returns it with `Accept: application/vnd.adobe.xed-id+json`. */
export interface SchemaSummary {
	$id: string;
	'meta:altId'?: string;
	title?: string;
	version?: string;
}

/** A schema `$id` (https://ns.adobe.com/…) or `meta:altId` (_tenant.schemas.…), as a regex source for the By ID mode. */
export const SCHEMA_ID_PATTERN =
	'^(https://ns\\.adobe\\.com/[A-Za-z0-9_.~-]+(/[A-Za-z0-9_.~-]+)+|_[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)+)$';

const LIST_ACCEPT = 'application/vnd.adobe.xed-id+json';
/** A lookup without the resolved fields: enough to learn a schema's `$id` and title. */
const SUMMARY_ACCEPT = 'application/vnd.adobe.xed+json; version=1';

function schemaPath(id?: string): string {
	return `${SCHEMA_REGISTRY_PATH}/tenant/schemas${id === undefined ? '' : `/${encodeURIComponent(id)}`}`;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface SchemaListAnswer {
	results?: SchemaSummary[];
	_page?: { next?: string | null };
}

/** One page of the tenant's schemas by title (`property=title~…`); returns the next `start` or undefined. */
export async function readSchemaPage(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	options: { titleContains?: string; start?: string } = {},
): Promise<{ schemas: SchemaSummary[]; next?: string }> {
	const qs: IDataObject = { orderby: 'title' };
	if (options.start) qs.start = options.start;
	if (options.titleContains) qs.property = `title~${escapeRegExp(options.titleContains)}`;
	const answer = (await platformRequest.call(this, ctx, {
		method: 'GET',
		path: schemaPath(),
		qs,
		headers: { Accept: LIST_ACCEPT },
		sandboxName,
	})) as SchemaListAnswer;
	const schemas = (Array.isArray(answer?.results) ? answer.results : []).filter(
		(schema) => typeof schema?.$id === 'string',
	);
	const next = answer?._page?.next;
	return {
		schemas,
		next: typeof next === 'string' && next !== '' && next !== options.start ? next : undefined,
	};
}

/**
 * A schema's `$id` and title, from its `$id` or `meta:altId` (a lookup; 404 when it does not exist).
 * @throws NodeApiError (e.g. not found), NodeOperationError when the answer has no `$id`
 */
export async function getSchemaSummary(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	id: string,
	itemIndex?: number,
): Promise<SchemaSummary> {
	const answer = (await platformRequest.call(
		this,
		ctx,
		{ method: 'GET', path: schemaPath(id), headers: { Accept: SUMMARY_ACCEPT }, sandboxName },
		itemIndex,
	)) as SchemaSummary;
	if (typeof answer?.$id !== 'string')
		throw safeOperationError(this, `The Schema Registry's answer for schema ${id} has no $id.`, {
			itemIndex,
		});
	return {
		$id: answer.$id,
		'meta:altId': answer['meta:altId'],
		title: answer.title,
		version: answer.version,
	};
}

/**
 * The resolved schema (`Accept: application/vnd.adobe.xed-full+json; version=1`): `$ref` and
 * `allOf` expanded into `properties`, as auto-mapping needs (resources/mappingSet/body.ts).
 */
export async function getFullSchema(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	id: string,
	itemIndex?: number,
): Promise<IDataObject> {
	return (await platformRequest.call(
		this,
		ctx,
		{ method: 'GET', path: schemaPath(id), headers: { Accept: XED_FULL_ACCEPT }, sandboxName },
		itemIndex,
	)) as IDataObject;
}
