/**
 * Flow specs and the flow operations after create (`/data/foundation/flowservice/flowSpecs`,
 * `/flows`): list with filters, get (with inherited attributes and last run), PATCH with If-Match,
 * enable/disable, delete. Create and its validation stay in dataflow-validation.ts.
 *
 * Follows Adobe's "Update dataflows" (help/sources/tutorials/api/update-dataflows.md), "Delete
 * dataflows", the destinations guide's enable/disable call, and flow-service.yaml. Where the sources
 * disagree (dataflow-chain.md) both forms are accepted:
 * - `GET /flowSpecs?property=name=="CRMToAEP"` with or without the quotes;
 * - `POST /flows/{id}/action?op=enable|disable` in either case, with or without `subOp` and
 *   `If-Match` (when sent, If-Match must match);
 * - flow filters on `inheritedAttributes.sourceConnections[].baseConnection.id`.
 * PATCH paths: /name, /description, /scheduleParams[/startTime|frequency|interval|backfill],
 * /transformations/{i} (replace, remove), /options[/errorDiagnosticsEnabled|partialIngestionPercent]; anything else
 * is 1455-400. After the scheduled start: startTime is fixed (1366), no switch to once (1403-400),
 * backfill is fixed (1404-400). Enabling an enabled flow (or disabling a disabled one) is 1422.
 */
import type { EmulatorCore } from '../core/emulatorCore';
import {
	checkFlowRules,
	FLOW_SPECS,
	validateFlowBody,
	validateFlowOptions,
	validateSchedule,
	validateTransformations,
} from './validation';
import { flow } from '../core/errors';
import { empty, isPlainObject, json, readJsonBody, type Reply } from '../core/http';
import { listItems } from '../core/listing';
import type { FlowContext, Route } from '../core/flowService';
import { lastRun, lastRuns } from '../runs/runs';
import { createIn, touch } from '../core/store';
import type { FlowTransformation, StoredFlow, StoredRun } from '../core/types';
import { requireString } from '../core/fields';

/** Fixed audit times for the built-in flow specs (epoch ms). */
const SPEC_TIME = 1_600_000_000_000;

/** The flow spec document GET /flowSpecs returns, shaped like Adobe's CRMToAEP. */
export function flowSpecDocument(spec: (typeof FLOW_SPECS)[number]) {
	return {
		id: spec.id,
		name: spec.name,
		providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a',
		version: spec.version,
		attributes: { isSourceFlow: true, flacValidationSupported: true, frequency: 'batch' },
		sourceConnectionSpecIds: [...spec.sourceConnectionSpecIds],
		targetConnectionSpecIds: [...spec.targetConnectionSpecIds],
		transformationSpecs: spec.transformations.map((name) =>
			name === 'Copy'
				? {
						name,
						spec: {
							$schema: 'http://json-schema.org/draft-07/schema#',
							type: 'object',
							properties: {
								deltaColumn: {
									type: 'object',
									properties: {
										name: { type: 'string' },
										dateFormat: { type: 'string' },
										timezone: { type: 'string' },
									},
									required: ['name'],
								},
							},
							required: ['deltaColumn'],
						},
					}
				: {
						name,
						spec: {
							$schema: 'http://json-schema.org/draft-07/schema#',
							type: 'object',
							properties: { mappingId: { type: 'string' }, mappingVersion: { type: 'string' } },
						},
					},
		),
		scheduleSpec: {
			name: 'PeriodicSchedule',
			type: 'Periodic',
			spec: {
				$schema: 'http://json-schema.org/draft-07/schema#',
				type: 'object',
				properties: {
					startTime: { description: 'epoch time', type: 'integer' },
					frequency: { type: 'string', enum: [...spec.frequencies] },
					interval: { type: 'integer' },
					backfill: { type: 'boolean', default: true },
				},
				required: ['startTime', 'frequency'],
			},
		},
		runSpec: {
			name: 'ProviderParams',
			spec: {
				$schema: 'http://json-schema.org/draft-07/schema#',
				type: 'object',
				properties: {
					startTime: { description: 'Unix epoch time', type: 'integer' },
					windowStartTime: { description: 'Unix epoch time', type: 'integer' },
					windowEndTime: { description: 'Unix epoch time', type: 'integer' },
					deltaColumn: { type: 'object', properties: { name: { type: 'string' } } },
				},
				required: ['startTime', 'windowStartTime', 'windowEndTime', 'deltaColumn'],
			},
		},
		optionSpec: {
			name: 'OptionSpec',
			spec: {
				type: 'object',
				properties: {
					errorDiagnosticsEnabled: { type: 'boolean', default: false },
					partialIngestionPercent: { type: 'number', exclusiveMinimum: 0 },
				},
			},
		},
		createdAt: SPEC_TIME,
		updatedAt: SPEC_TIME,
	};
}

export function listFlowSpecs(ctx: FlowContext): Reply {
	return json(
		200,
		listItems([...FLOW_SPECS], ctx.query, { href: '/flowSpecs', view: flowSpecDocument }),
	);
}

export function getFlowSpec(_ctx: FlowContext, _core: EmulatorCore, id: string): Reply {
	const spec = FLOW_SPECS.find((s) => s.id === id);
	if (!spec) throw flow.notFound(`Flow spec '${id}'`);
	return json(200, { items: [flowSpecDocument(spec)] });
}

/** What GET and list show: the stored flow plus what Adobe derives (inherited attributes, runs link, last run). */
export function flowView(
	core: EmulatorCore,
	f: StoredFlow,
	latest?: Map<string, StoredRun>,
): Record<string, unknown> {
	const sources = f.sourceConnectionIds.map((id) => core.sourceConnections.get(id, f.sandboxName));
	const targets = f.targetConnectionIds.map((id) => core.targetConnections.get(id, f.sandboxName));
	const last = latest ? latest.get(f.id) : lastRun(core, f.id);
	return {
		...structuredClone(f),
		inheritedAttributes: {
			sourceConnections: sources.flatMap((s) =>
				s
					? [
							{
								id: s.id,
								connectionSpec: s.connectionSpec,
								baseConnection: {
									id: s.baseConnectionId,
									connectionSpec: core.connections.get(s.baseConnectionId, f.sandboxName)
										?.connectionSpec,
								},
							},
						]
					: [],
			),
			targetConnections: targets.flatMap((t) =>
				t ? [{ id: t.id, connectionSpec: t.connectionSpec }] : [],
			),
			properties: { isSourceFlow: true, isDestinationFlow: false },
		},
		runs: `/runs?property=flowId==${f.id}`,
		...(last
			? {
					lastRunDetails: {
						id: last.id,
						state: last.state,
						startedAtUTC: last.metrics.durationSummary.startedAtUTC,
						...(last.metrics.durationSummary.completedAtUTC !== undefined
							? { completedAtUTC: last.metrics.durationSummary.completedAtUTC }
							: {}),
					},
				}
			: {}),
	};
}

function findFlow(ctx: FlowContext, core: EmulatorCore, id: string): StoredFlow {
	const found = core.flows.get(id, ctx.sandboxName);
	if (!found) throw flow.notFound(`Flow '${id}'`);
	return found;
}

export function getFlow(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	return json(200, { items: [flowView(core, findFlow(ctx, core, id))] });
}

export function listFlows(ctx: FlowContext, core: EmulatorCore): Reply {
	// The latest runs once per listing, not once per flow (a sandbox of 1,000 flows and 10,000 runs).
	const latest = lastRuns(core);
	return json(
		200,
		listItems(core.flows.inSandbox(ctx.sandboxName), ctx.query, {
			href: '/flows',
			view: (f) => flowView(core, f, latest),
		}),
	);
}

function checkEtag(ctx: FlowContext, f: StoredFlow, required: boolean): void {
	const ifMatch = ctx.headers['if-match'];
	if (!ifMatch) {
		if (required) throw flow.ifMatchMissing();
		return;
	}
	if (ifMatch !== f.etag) throw flow.etagMismatch();
}

interface Draft {
	name: string;
	description?: string;
	scheduleParams: Record<string, unknown>;
	transformations: unknown[];
	options?: Record<string, unknown>;
}

const SCHEDULE_KEYS = ['startTime', 'frequency', 'interval', 'backfill'];
const OPTION_KEYS = ['errorDiagnosticsEnabled', 'partialIngestionPercent'];

/** Applies one JSON Patch operation to the draft; unknown paths are FLOW-1455-400. */
function applyOp(draft: Draft, value: unknown, index: number): void {
	if (!isPlainObject(value)) throw flow.invalid(`Patch operation ${index} must be an object`);
	const op = requireString(value.op, `[${index}].op`);
	const path = requireString(value.path, `[${index}].path`);
	if (!['add', 'replace', 'remove'].includes(op))
		throw flow.invalid(`Patch operation ${index}: 'op' must be add, replace or remove`);
	const remove = op === 'remove';
	if (!remove && !('value' in value)) throw flow.mandatory(`[${index}].value`);
	const set = (target: Record<string, unknown>, key: string) => {
		if (remove) delete target[key];
		else target[key] = structuredClone(value.value);
	};
	const parts = path.split('/').slice(1);
	if (path === '/name' && op === 'replace') {
		draft.name = requireString(value.value, 'name');
	} else if (path === '/description') {
		if (remove) delete draft.description;
		else if (typeof value.value !== 'string') throw flow.invalid("'description' must be a string");
		else draft.description = value.value;
	} else if (path === '/scheduleParams' && op === 'replace') {
		draft.scheduleParams = structuredClone(value.value) as Record<string, unknown>;
	} else if (
		parts[0] === 'scheduleParams' &&
		parts.length === 2 &&
		SCHEDULE_KEYS.includes(parts[1])
	) {
		set(draft.scheduleParams, parts[1]);
	} else if (
		parts[0] === 'transformations' &&
		parts.length === 2 &&
		/^\d+$/.test(parts[1]) &&
		op !== 'add' &&
		Number(parts[1]) < draft.transformations.length
	) {
		if (remove) draft.transformations.splice(Number(parts[1]), 1);
		else draft.transformations[Number(parts[1])] = structuredClone(value.value);
	} else if (path === '/options') {
		if (remove) delete draft.options;
		else draft.options = structuredClone(value.value) as Record<string, unknown>;
	} else if (parts[0] === 'options' && parts.length === 2 && OPTION_KEYS.includes(parts[1])) {
		draft.options ??= {};
		set(draft.options, parts[1]);
	} else {
		throw flow.patchPathInvalid(path);
	}
}

export function patchFlow(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	const f = findFlow(ctx, core, id);
	checkEtag(ctx, f, true);
	const ops = readJsonBody(ctx);
	if (!Array.isArray(ops) || ops.length === 0)
		throw flow.invalid('The request body must be a non-empty JSON Patch array');
	const draft: Draft = {
		name: f.name,
		...(f.description !== undefined ? { description: f.description } : {}),
		scheduleParams: structuredClone(f.scheduleParams),
		transformations: structuredClone(f.transformations),
		...(f.options !== undefined ? { options: structuredClone(f.options) } : {}),
	};
	ops.forEach((op, i) => applyOp(draft, op, i));

	const spec = FLOW_SPECS.find((s) => s.id === f.flowSpec.id);
	if (!spec) throw flow.notFound('Flow spec');
	const lookups = core.lookups(ctx.sandboxName);
	const startChanged =
		Number(draft.scheduleParams.startTime) !== Number(f.scheduleParams.startTime);
	const scheduleParams = validateSchedule(draft.scheduleParams, spec.frequencies, {
		...lookups,
		rejectPastStartTime: lookups.rejectPastStartTime && startChanged,
	});
	const columns = new Set(
		f.sourceConnectionIds.flatMap(
			(sid) =>
				core.sourceConnections.get(sid, ctx.sandboxName)?.params.columns.map((c) => c.name) ?? [],
		),
	);
	const transformations: FlowTransformation[] = validateTransformations(
		draft.transformations,
		spec.transformations,
		columns,
	);
	const options = validateFlowOptions(draft.options);

	if (Number(f.scheduleParams.startTime) * 1000 <= Date.now()) {
		if (startChanged) throw flow.startTimeLocked();
		if (scheduleParams.frequency === 'once' && f.scheduleParams.frequency !== 'once')
			throw flow.onceAfterStart();
		if (String(scheduleParams.backfill) !== String(f.scheduleParams.backfill))
			throw flow.backfillAfterStart();
	}
	checkFlowRules(
		{ scheduleParams, transformations, targetConnectionIds: f.targetConnectionIds },
		spec,
		lookups,
	);

	f.name = draft.name;
	if (draft.description !== undefined) f.description = draft.description;
	else delete f.description;
	f.scheduleParams = scheduleParams;
	f.transformations = transformations;
	if (options !== undefined) f.options = options;
	else delete f.options;
	touch(f, core.options.clientId);
	return json(200, { id: f.id, etag: f.etag });
}

export function flowAction(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	const op = ctx.query.get('op');
	if (!op) throw flow.mandatory('op');
	const subOp = ctx.query.get('subOp');
	if (subOp !== null && !['apply', 'rollback', 'progress'].includes(subOp.toLowerCase()))
		throw flow.invalid("'subOp' must be APPLY, ROLLBACK or PROGRESS");
	const f = findFlow(ctx, core, id);
	checkEtag(ctx, f, false);
	const wanted =
		op.toLowerCase() === 'enable'
			? 'enabled'
			: op.toLowerCase() === 'disable'
				? 'disabled'
				: undefined;
	if (!wanted) {
		if (['finalize_update', 'finalize', 'publish'].includes(op.toLowerCase()))
			throw flow.actionNotApplicable(op, f.state);
		throw flow.invalid("'op' must be enable or disable");
	}
	if (f.state === wanted) throw flow.actionNotApplicable(op, f.state);
	f.state = wanted;
	touch(f, core.options.clientId);
	return json(200, { id: f.id, etag: f.etag });
}

export function deleteFlow(ctx: FlowContext, core: EmulatorCore, id: string): Reply {
	findFlow(ctx, core, id);
	core.flows.delete(id);
	return empty(204);
}

export function createFlow(ctx: FlowContext, core: EmulatorCore): Reply {
	const fields = validateFlowBody(readJsonBody(ctx), core.lookups(ctx.sandboxName));
	const created = createIn(core.flows, fields, core.caller(ctx.sandboxName));
	return json(201, { id: created.id, etag: created.etag });
}

export const FLOW_ROUTES: Route[] = [
	{ pattern: /^\/flowSpecs$/, methods: { GET: listFlowSpecs } },
	{ pattern: /^\/flowSpecs\/([^/]+)$/, methods: { GET: getFlowSpec } },
	{ pattern: /^\/flows$/, methods: { POST: createFlow, GET: listFlows } },
	{
		pattern: /^\/flows\/([^/]+)$/,
		methods: { GET: getFlow, PATCH: patchFlow, DELETE: deleteFlow },
	},
	{ pattern: /^\/flows\/([^/]+)\/action$/, methods: { POST: flowAction } },
];
