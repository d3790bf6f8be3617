import { type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { createOnce } from '../../../shared/api/ensure';
import { MAX_PAGES, PAGE_SIZE } from '../../../shared/api/listing';
import { KeyedSerializer } from '../../../shared/concurrency';
import { REDSHIFT_CONNECTION_SPEC } from '../../../shared/constants';
import { nodeTypeVersion } from '../../../shared/runParameters';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { InvalidFieldError } from '../../../shared/InvalidFieldError';
import { safeOperationError } from '../../../shared/nodeErrors';

import { type Failure, type PlatformContext } from '../../../shared/transport';
import { isConnectionId } from '../../../shared/validation';
import { connectionOutput } from '../../helpers/output';
import { buildCreateConnectionBody, type CreateConnectionBody } from '../../helpers/payload';
import { findCreatedConnection } from '../../helpers/recovery';
import { listingPageBudget, SameNameIndex } from '../../helpers/sameName';
import { checkCreateConnection } from '../../helpers/validation';
import { connections, type StoredConnection } from '../../../shared/api/connections';
import { descriptionField, nameField } from '../../../shared/fields';
import { FIELDS, labelled } from '../../helpers/fields';
import { hostingField } from '../../helpers/hosting';
import { redshiftAuthFields, signInFromFields } from '../common.fields';
import { checkSignIn, readRedshiftSignIn, readSandbox, readParameter } from '../parameters';
import type { ItemOperation } from '../../../shared/operations';

type IfExists = 'create' | 'reuse' | 'error';

/** The field for the node versions `version` selects (a displayOptions `@version` condition). */
function ifExistsField(
	defaultValue: IfExists,
	version: NonNullable<INodeProperties['displayOptions']>['show'],
): INodeProperties {
	return {
		...labelled('ifExists'),
		type: 'options',
		options: [
			{
				name: 'Create Another',
				value: 'create',
				description: 'Always create a new connection (Adobe allows duplicate names)',
			},
			{
				name: 'Reuse It',
				value: 'reuse',
				description:
					'Return the existing connection and its current etag instead of creating one; the output says reused: true',
			},
			{
				name: 'Stop With an Error',
				value: 'error',
				description: 'Fail the item, naming the existing connection ID',
			},
		],
		default: defaultValue,
		description:
			'What to do when a Redshift connection with the same name already exists in the sandbox. Reuse It makes re-runs safe.',
		displayOptions: { show: version },
	};
}

const properties: INodeProperties[] = [
	hostingField,
	nameField(
		FIELDS.name.label,
		FIELDS.name.name,
		'Redshift orders warehouse',
		'Name of the base connection in Experience Platform',
	),
	{ ...descriptionField('base connection'), ...labelled('description') },
	...signInFromFields(),
	...redshiftAuthFields(true),
	// Version 1.1 made "Reuse It" the default, so re-running a workflow never duplicates. n8n saves only
	// values that differ from the default, so version 1 nodes keep their "Create Another" default.
	ifExistsField('create', { '@version': [1] }),
	ifExistsField('reuse', { '@version': [{ _cnd: { gte: 1.1 } }] }),
];

const displayOptions = { show: { resource: ['baseConnection'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

function checkIfExists(value: unknown, fallback: IfExists): IfExists {
	if (value === undefined) return fallback;
	if (value === 'create' || value === 'reuse' || value === 'error') return value;
	throw new InvalidFieldError(
		FIELDS.ifExists.field,
		`"${FIELDS.ifExists.label}" must be "create", "reuse" or "error"; got ${JSON.stringify(value)}.`,
	);
}

interface CreateResult {
	id: string;
	etag: string;
}

/** Adobe's 201 for a create: proof only with a UUID id and an etag. */
function isCreated(body: unknown): body is CreateResult {
	const answer = body as Partial<CreateResult> | undefined;
	return isConnectionId(answer?.id) && typeof answer?.etag === 'string' && answer.etag !== '';
}

/** A 2xx answer without the id and etag a create must return: Adobe may or may not have acted. */
function unexpectedAnswer(status: number, body: unknown): Failure {
	const shown =
		body === undefined || body === '' ? '(empty body)' : JSON.stringify(body).slice(0, 200);
	const facts = { malformedBody: true };
	return {
		facts,
		reached: 'yes',
		decoded: {
			source: 'http',
			status,
			title: `Adobe answered the create with HTTP ${status} but without a connection ID and etag`,
			detail: `Answer: ${shown}. No connection with this name and these settings, created by this attempt, was found.`,
			hint: 'Check the connections in the sandbox (Get Many with a Name filter) before running the item again.',
		},
	};
}

/**
 * POST /connections without ever creating the same connection twice (the shared createOnce): after
 * an ambiguous failure the connection is looked up first, and a retry follows only if it is
 * absent. The lookup ignores `knownBefore`, the IDs of same-name connections that existed before
 * this attempt, so it never returns a connection another run made. A create must answer with the
 * connection's ID and etag; the etag of a connection found by the lookup is its current one.
 */
async function createConnectionOnce(
	this: IExecuteFunctions,
	ctx: PlatformContext,
	body: CreateConnectionBody,
	sandboxName: string,
	itemIndex: number,
	knownBefore: ReadonlySet<string>,
): Promise<CreateResult> {
	const sentAt = Date.now();
	const secrets = [body.auth.params.password];
	let etag = '';
	const request = {
		method: 'POST' as const,
		path: connections.pathOf(),
		body: body as unknown as IDataObject,
		sandboxName,
		secrets,
	};
	const { id } = await createOnce.call(this, ctx, request, {
		thing: 'connection',
		createdId: (_status, answer: unknown) => {
			if (!isCreated(answer)) return undefined;
			etag = answer.etag;
			return answer.id;
		},
		unproven: unexpectedAnswer,
		findCreated: async () => {
			const listed = await connections.list.call(
				this,
				ctx,
				sandboxName,
				{ name: body.name, secrets },
				itemIndex,
			);
			const existing = findCreatedConnection(listed, body, sentAt, knownBefore);
			if (existing) etag = existing.etag;
			return existing?.id;
		},
		itemIndex,
	});
	return { id, etag };
}

/** One sandbox as this run sees it: its one listing (lazy) and the connections this run created. */
interface SandboxView {
	/** Null when the sandbox holds more connections than the run's page budget: look up per name. */
	listing?: Promise<SameNameIndex<StoredConnection> | null>;
	createdHere: SameNameIndex<StoredConnection>;
}

/** What the creates of one node run share; keyed by the run's PlatformContext, so it ends with the run. */
interface CreateRun {
	sandboxes: Map<string, SandboxView>;
	/** Same sandbox and name: one item at a time, so the second sees the first one's connection. */
	sameName: KeyedSerializer;
}

const runs = new WeakMap<PlatformContext, CreateRun>();

function runOf(ctx: PlatformContext): CreateRun {
	let run = runs.get(ctx);
	if (!run) {
		run = { sandboxes: new Map(), sameName: new KeyedSerializer() };
		runs.set(ctx, run);
	}
	return run;
}

function viewOf(run: CreateRun, sandboxName: string): SandboxView {
	let view = run.sandboxes.get(sandboxName);
	if (!view) {
		view = { createdHere: new SameNameIndex(REDSHIFT_CONNECTION_SPEC.id) };
		run.sandboxes.set(sandboxName, view);
	}
	return view;
}

/**
 * The sandbox's Redshift connections, listed once for the whole run (all pages, within the run's
 * page budget), or null when there are more (or the run has one item: its name lookup is cheaper). A failed listing is not kept: the next item lists again.
 */
async function sandboxListing(
	this: IExecuteFunctions,
	ctx: PlatformContext,
	view: SandboxView,
	sandboxName: string,
	itemIndex: number,
): Promise<SameNameIndex<StoredConnection> | null> {
	if (!view.listing) {
		const pages = listingPageBudget(this.getInputData().length, MAX_PAGES);
		if (pages === 0) return null;
		view.listing = connections.readPages
			.call(this, ctx, sandboxName, { limit: pages * PAGE_SIZE }, undefined, itemIndex)
			.then(({ found, next }) =>
				next === undefined ? new SameNameIndex(REDSHIFT_CONNECTION_SPEC.id, found) : null,
			);
		view.listing.catch(() => (view.listing = undefined));
	}
	return await view.listing;
}

/**
 * Same-name connections in the sandbox, newest first: those this run created, then those listed.
 * "Reuse It" and "Stop With an Error" read the run's one listing (their "before" snapshot for the
 * duplicate guard); "Create Another" lists the name right before its POST, so that a same-name
 * connection another run makes meanwhile is never taken for the one this item creates.
 */
async function sameNameConnections(
	this: IExecuteFunctions,
	ctx: PlatformContext,
	view: SandboxView,
	sandboxName: string,
	name: string,
	ifExists: IfExists,
	itemIndex: number,
	secrets: string[],
): Promise<StoredConnection[]> {
	const index =
		ifExists === 'create'
			? null
			: await sandboxListing.call(this, ctx, view, sandboxName, itemIndex);
	const listed = index
		? index.named(name)
		: await connections.list.call(
				this,
				ctx,
				sandboxName,
				{ name, limit: ifExists === 'create' ? undefined : 1, secrets },
				itemIndex,
			);
	const createdHere = view.createdHere.named(name);
	return [
		...createdHere,
		...listed.filter((connection) => !createdHere.some((own) => own.id === connection.id)),
	];
}

export const execute: ItemOperation = async function (itemIndex, ctx) {
	const signIn = await readRedshiftSignIn.call(this, itemIndex, (name) =>
		readParameter.call(this, name, itemIndex),
	);
	const input = checkSignIn(signIn.from, () =>
		checkCreateConnection({
			hosting: readParameter.call(this, 'hosting', itemIndex),
			name: readParameter.call(this, 'name', itemIndex),
			description: readParameter.call(this, 'description', itemIndex),
			...signIn.input,
			schema: readParameter.call(this, 'schema', itemIndex),
		}),
	);
	const ifExists = checkIfExists(
		readParameter.call(this, 'ifExists', itemIndex),
		nodeTypeVersion.call(this) >= 1.1 ? 'reuse' : 'create',
	);
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	const body = buildCreateConnectionBody(input);
	const run = runOf(ctx);
	const view = viewOf(run, sandboxName);
	return await run.sameName.run(JSON.stringify([sandboxName, input.name]), async () => {
		// Same-name connections that exist before the POST: never mistaken for the one it creates.
		const sameName = await sameNameConnections.call(
			this,
			ctx,
			view,
			sandboxName,
			input.name,
			ifExists,
			itemIndex,
			[body.auth.params.password],
		);
		const [existing] = sameName;
		if (existing && ifExists === 'reuse') {
			return {
				...connectionOutput(
					existing.id,
					existing.etag,
					input.name,
					input.auth.hosting,
					sandboxName,
				),
				reused: true,
			};
		}
		if (existing && ifExists === 'error') {
			throw safeOperationError(
				this,
				`A Redshift connection named "${input.name}" already exists in sandbox "${sandboxName}" (ID ${existing.id}).`,
				{
					itemIndex,
					description:
						'Choose "Reuse It" to return the existing connection, or give this one another name.',
				},
			);
		}
		const created = await createConnectionOnce.call(
			this,
			ctx,
			body,
			sandboxName,
			itemIndex,
			new Set(sameName.map((connection) => connection.id)),
		);
		view.createdHere.add({ id: created.id, etag: created.etag, name: input.name }, true);
		const output = connectionOutput(
			created.id,
			created.etag,
			input.name,
			input.auth.hosting,
			sandboxName,
		);
		return ifExists === 'reuse' ? { ...output, reused: false } : output;
	});
};
