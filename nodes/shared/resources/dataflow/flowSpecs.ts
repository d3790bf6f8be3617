/**
 * Flow specs (`GET /flowSpecs`): CRMToAEP, looked up by name once per run and checked to list the
 * Redshift source and Data Lake target. Adobe: "Create a dataflow for database sources".
 */
import { DATA_LAKE_CONNECTION_SPEC, REDSHIFT_CONNECTION_SPEC } from '../../kernel/constants';
import { safeOperationError } from '../../kernel/nodeErrors';
import type { SpecRef } from './body';
import {
	flowServicePath,
	platformRequest,
	type PlatformContext,
	type RequestContext,
} from '../../kernel/transport';

/** The flow spec for database and CRM sources into the Data Lake (ID 14518937-270c-4525-bdec-c2ba7cce3860 at Adobe). */
const CRM_TO_AEP_FLOW_SPEC_NAME = 'CRMToAEP';

/** The fields of a flow spec this package reads. */
export interface FlowSpec {
	id: string;
	name: string;
	version?: string;
	sourceConnectionSpecIds?: string[];
	targetConnectionSpecIds?: string[];
}

interface FlowSpecPage {
	items?: FlowSpec[];
}

/**
 * One lookup per node run (a run has one PlatformContext) and sandbox; concurrent items share the
 * pending request. A failed lookup is forgotten, so a later item asks again.
 */
const cache = new WeakMap<PlatformContext, Map<string, Promise<SpecRef>>>();

/**
 * The flow spec named `name`, checked to list Redshift as a source and the Data Lake as a target.
 * @returns `{id, version}` (version "1.0" when Adobe omits it)
 * @throws NodeOperationError when missing or not listing those specs; NodeApiError
 */
async function lookUpFlowSpec(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	name: string,
	itemIndex?: number,
): Promise<SpecRef> {
	const page = (await platformRequest.call(
		this,
		ctx,
		{
			method: 'GET',
			path: flowServicePath('/flowSpecs'),
			qs: { property: [`name=="${name}"`] },
			sandboxName,
		},
		itemIndex,
	)) as FlowSpecPage;
	const items = Array.isArray(page?.items) ? page.items : [];
	// The filter is Adobe's; compare the name too, in case a proxy or version ignores it.
	const spec = items.find((item) => item?.name === name);
	if (!spec || typeof spec.id !== 'string') {
		throw safeOperationError(
			this,
			`Adobe lists no flow spec named "${name}" in sandbox "${sandboxName}".`,
			{
				itemIndex,
				description:
					'The Redshift source needs the CRMToAEP flow spec. Check that the sandbox has Sources enabled and that the API project has the Sources permissions.',
			},
		);
	}
	const missing = [
		...(spec.sourceConnectionSpecIds?.includes(REDSHIFT_CONNECTION_SPEC.id)
			? []
			: [`the Redshift source (${REDSHIFT_CONNECTION_SPEC.id})`]),
		...(spec.targetConnectionSpecIds?.includes(DATA_LAKE_CONNECTION_SPEC.id)
			? []
			: [`the Data Lake target (${DATA_LAKE_CONNECTION_SPEC.id})`]),
	];
	if (missing.length) {
		throw safeOperationError(
			this,
			`Flow spec "${name}" (${spec.id}) does not list ${missing.join(' or ')}.`,
			{
				itemIndex,
				description:
					'A dataflow from Redshift into a dataset cannot use this flow spec. Contact Adobe support: the CRMToAEP spec of this sandbox differs from the documented one.',
			},
		);
	}
	return {
		id: spec.id,
		version: typeof spec.version === 'string' && spec.version !== '' ? spec.version : '1.0',
	};
}

/**
 * The CRMToAEP flow spec for `sandboxName`, looked up once per node run (see lookUpFlowSpec).
 * @throws as lookUpFlowSpec
 */
export async function crmToAepFlowSpec(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	itemIndex?: number,
): Promise<SpecRef> {
	let bySandbox = cache.get(ctx);
	if (!bySandbox) cache.set(ctx, (bySandbox = new Map()));
	let pending = bySandbox.get(sandboxName);
	if (!pending) {
		pending = lookUpFlowSpec.call(this, ctx, sandboxName, CRM_TO_AEP_FLOW_SPEC_NAME, itemIndex);
		bySandbox.set(sandboxName, pending);
		pending.catch(() => bySandbox?.delete(sandboxName));
	}
	return await pending;
}
