import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';

import { checkIfExists, ifExistsField, type IfExists } from '../../../shared/flowService/ifExists';
import {
	createOnce,
	existsError,
	oncePerKey,
	removeCreated,
	settleRace,
} from '../../../shared/flowService/createOnce';
import { MAX_PAGES, PAGE_SIZE } from '../../../shared/flowService/paging';
import { raceWinner } from '../../../shared/flowService/race';
import { REDSHIFT_CONNECTION_SPEC } from '../../../shared/kernel/constants';
import {
	nodeTypeVersion,
	labelled,
	readParameter,
	readSandbox,
	NODE_FIELDS,
} from '../../../shared/node/readers';
import { onVersions, updateDisplayOptions } from '../../../shared/node/displayOptions';
import { safeOperationError } from '../../../shared/kernel/nodeErrors';

import { type Failure, type PlatformContext } from '../../../shared/kernel/transport';
import { isConnectionId } from '../../../shared/kernel/validation';
import { connectionOutput } from '../../../shared/resources/baseConnection/output';
import {
	buildCreateConnectionBody,
	type CreateConnectionBody,
} from '../../../shared/resources/baseConnection/body';
import {
	CLOCK_SKEW_MS,
	findCreatedConnection,
} from '../../../shared/resources/baseConnection/recovery';
import {
	CreateLog,
	listedPastOurs,
	listingPageBudget,
	SameNameIndex,
} from '../../../shared/resources/baseConnection/sameName';
import { checkCreateConnection } from '../../../shared/resources/baseConnection/validation';
import { connections, type StoredConnection } from '../../../shared/resources/baseConnection/api';
import { descriptionField, nameField } from '../../../shared/node/commonFields';
import { hostingField, type Hosting } from '../../../shared/resources/baseConnection/hosting';
import type { ItemOperation } from '../../../shared/node/operations';
import type { AfterItems } from '../../../shared/node/router';
import {
	checkSignIn,
	readRedshiftSignIn,
	redshiftAuthFields,
	signInFromFields,
} from '../../../shared/resources/baseConnection/signIn';
import { BASE_CONNECTION_FIELDS } from '../../../shared/resources/baseConnection/fields';

/** The base connection's own wording of If It Exists. */
const IF_EXISTS_WORDING = {
	reuse:
		'Return the existing connection and its current etag instead of creating one; the output says reused: true',
	error: 'Fail the item, naming the existing connection ID',
	field:
		'What to do when a Redshift connection with the same name already exists in the sandbox. Reuse It makes re-runs safe.',
};

/** If It Exists with the default `defaultValue`, for the node versions `versions`. */
function ifExistsFor(
	defaultValue: IfExists,
	versions: NonNullable<IDisplayOptions['show']>['@version'],
): INodeProperties {
	const label = BASE_CONNECTION_FIELDS.ifExists.label;
	return onVersions(
		{ ...ifExistsField(label, 'connection', IF_EXISTS_WORDING), default: defaultValue },
		versions,
	);
}

const properties: INodeProperties[] = [
	hostingField,
	nameField(
		BASE_CONNECTION_FIELDS.name.label,
		BASE_CONNECTION_FIELDS.name.name,
		'Redshift orders warehouse',
		'Name of the base connection in Experience Platform',
	),
	{ ...descriptionField('base connection'), ...labelled(NODE_FIELDS.description) },
	...signInFromFields(),
	...redshiftAuthFields(true),
	// Version 1.1 made "Reuse It" the default, so re-running a workflow never duplicates. n8n saves only
	// values that differ from the default, so version 1 nodes keep their "Create Another" default.
	ifExistsFor('create', [1]),
	ifExistsFor('reuse', [{ _cnd: { gte: 1.1 } }]),
];

const displayOptions = { show: { resource: ['baseConnection'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

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
 * POST /connections, never twice (createOnce): after an ambiguous failure, looks for it (ignoring
 * `knownBefore`) before retrying. The answer must carry an ID and etag.
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
	/** createLog's position when the listing was sent: later creates of other runs are not in it. */
	listedAt: number;
	createdHere: SameNameIndex<StoredConnection>;
}

/** A connection a Reuse It item of this run output: created by it, or by an earlier item of the run. */
interface RunOutput {
	itemIndex: number;
	id: string;
	/** The item made it (a race to settle); false for a later item of the run that reused it. */
	created: boolean;
	name: string;
	hosting: Hosting;
	sandboxName: string;
}

/** What the creates of one node run share; keyed by the run's PlatformContext, so it ends with the run. */
interface CreateRun {
	/** A number of its own (createLog tells runs apart by it). */
	id: number;
	/** When the run began (epoch ms, this host's clock). */
	startedAt: number;
	sandboxes: Map<string, SandboxView>;
	/** Reuse It outputs of connections this run made, settled after its items (settleRun). */
	outputs: RunOutput[];
}

const runs = new WeakMap<PlatformContext, CreateRun>();
let runCount = 0;

/** Every create of this process (any run, any execution), for SandboxView.listedAt. */
const createLog = new CreateLog();

function runOf(ctx: PlatformContext): CreateRun {
	let run = runs.get(ctx);
	if (!run) {
		run = { id: ++runCount, startedAt: Date.now(), sandboxes: new Map(), outputs: [] };
		runs.set(ctx, run);
	}
	return run;
}

function viewOf(run: CreateRun, sandboxName: string): SandboxView {
	let view = run.sandboxes.get(sandboxName);
	if (!view) {
		view = {
			createdHere: new SameNameIndex(REDSHIFT_CONNECTION_SPEC.id),
			listedAt: createLog.now(),
		};
		run.sandboxes.set(sandboxName, view);
	}
	return view;
}

/** The lock (oncePerKey) key of a connection name in a sandbox. */
const keyOf = (sandboxName: string, name: string) => [sandboxName, 'Redshift connection', name];

/** The same key for createLog. */
const logKey = (sandboxName: string, name: string) => JSON.stringify(keyOf(sandboxName, name));

/** The sandbox's Redshift connections listed once per run, or null when over budget or one item; failures are not kept. */
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
		view.listedAt = createLog.now();
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
 * Same-name connections: this run's, then those listed. Uses the run's listing unless another run
 * of this process created the name since, then looks the name up.
 */
async function sameNameConnections(
	this: IExecuteFunctions,
	ctx: PlatformContext,
	run: CreateRun,
	sandboxName: string,
	name: string,
	ifExists: IfExists,
	itemIndex: number,
	secrets: string[],
): Promise<StoredConnection[]> {
	const view = viewOf(run, sandboxName);
	const index =
		ifExists === 'create'
			? null
			: await sandboxListing.call(this, ctx, view, sandboxName, itemIndex);
	const fresh = index && !createLog.createdSince(logKey(sandboxName, name), view.listedAt, run.id);
	const listed = fresh
		? index.named(name)
		: await connections.list.call(
				this,
				ctx,
				sandboxName,
				{ name, limit: ifExists === 'error' ? 1 : undefined, secrets },
				itemIndex,
			);
	const createdHere = view.createdHere.named(name);
	return [
		...createdHere,
		...listed.filter((connection) => !createdHere.some((own) => own.id === connection.id)),
	];
}

/** Where a user deletes a Redshift connection with this package (settleRace's error). */
const DELETE_WITH = 'Adobe Redshift Connection › Base Connection › Delete';

/** The sandbox's connections of `names` made since shortly before the run, for settleRun; per-name lookups when cheaper. */
async function listForSettling(
	this: IExecuteFunctions,
	ctx: PlatformContext,
	run: CreateRun,
	sandboxName: string,
	ours: ReadonlySet<string>,
	names: ReadonlySet<string>,
): Promise<SameNameIndex<StoredConnection>> {
	const index = new SameNameIndex<StoredConnection>(REDSHIFT_CONNECTION_SPEC.id);
	if (ours.size > 1) {
		const windowMs = Date.now() - run.startedAt + CLOCK_SKEW_MS;
		const listed: StoredConnection[] = [];
		let next: string | undefined;
		for (let page = 0; page < Math.min(MAX_PAGES, ours.size); page++) {
			const read = await connections.readPages.call(
				this,
				ctx,
				sandboxName,
				{ limit: PAGE_SIZE },
				next,
			);
			listed.push(...read.found);
			next = read.next;
			if (next === undefined || listedPastOurs(listed, ours, windowMs)) {
				for (const connection of listed) index.add(connection);
				return index;
			}
		}
	}
	for (const name of names)
		for (const connection of await connections.list.call(this, ctx, sandboxName, { name }))
			index.add(connection);
	return index;
}

/** The error of an item whose connection was made but whose race could not be checked (the listing failed). */
function unsettled(
	context: IExecuteFunctions,
	id: string,
	sandboxName: string,
	cause: Error,
	itemIndex: number,
) {
	return safeOperationError(
		context,
		`Redshift connection ${id} was created in sandbox "${sandboxName}", but the check for a same-name connection created at the same time by another execution failed: ${cause.message}`,
		{
			itemIndex,
			description:
				'Run the item again with "Reuse It": it returns this connection (or an older one of the same name) and creates nothing.',
		},
	);
}

/**
 * After the items: settles races of connections Reuse It created. Where another execution's is older,
 * ours is deleted and its items output the winner (`reused: true`); a failed delete fails them naming both.
 */
const settleRun: AfterItems = async function (ctx) {
	const changed = new Map<number, IDataObject | Error>();
	const run = runs.get(ctx);
	if (!run) return changed;
	runs.delete(ctx);
	for (const sandboxName of run.sandboxes.keys()) {
		const outputs = run.outputs.filter((output) => output.sandboxName === sandboxName);
		const made = outputs.filter((output) => output.created);
		if (!made.length) continue;
		const ours = new Set(made.map((output) => output.id));
		let index: SameNameIndex<StoredConnection> | undefined;
		let listingError: Error | undefined;
		try {
			const names = new Set(made.map((output) => output.name));
			index = await listForSettling.call(this, ctx, run, sandboxName, ours, names);
		} catch (error) {
			listingError = error as Error;
		}
		for (const { id, name, itemIndex } of made) {
			let winner: StoredConnection | Error | undefined;
			try {
				if (!index) throw unsettled(this, id, sandboxName, listingError as Error, itemIndex);
				const same = index.named(name);
				const remove = async (loser: string) =>
					await removeCreated.call(this, ctx, sandboxName, connections.pathOf(loser), itemIndex);
				const rules = { thing: 'Redshift connection', sandboxName, deleteWith: DELETE_WITH };
				winner = (
					await (settleRace<StoredConnection>).call(
						this,
						{ ...rules, itemIndex, findSame: async () => same, remove },
						id,
					)
				).winner;
			} catch (error) {
				winner = error as Error;
			}
			if (winner === undefined || (!(winner instanceof Error) && winner.id === id)) continue;
			for (const output of outputs.filter((o) => o.id === id)) {
				changed.set(
					output.itemIndex,
					winner instanceof Error
						? winner
						: {
								...connectionOutput(winner.id, winner.etag, name, output.hosting, sandboxName),
								reused: true,
							},
				);
			}
		}
	}
	return changed;
};

export const afterItems = settleRun;

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
		BASE_CONNECTION_FIELDS.ifExists.label,
		readParameter.call(this, BASE_CONNECTION_FIELDS.ifExists.field, itemIndex),
		nodeTypeVersion.call(this) >= 1.1 ? 'reuse' : 'create',
	);
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	const body = buildCreateConnectionBody(input);
	const run = runOf(ctx);
	const key = keyOf(sandboxName, input.name);
	const hosting = input.auth.hosting;
	// One item at a time per sandbox and name in this process (all runs, all executions), so the
	// second sees what the first made; Create Another too, for its lookup before the POST.
	return await oncePerKey(key, async () => {
		// Same-name connections that exist before the POST: never mistaken for the one it creates.
		const sameName = await sameNameConnections.call(
			this,
			ctx,
			run,
			sandboxName,
			input.name,
			ifExists,
			itemIndex,
			[body.auth.params.password],
		);
		// Reuse It keeps the race winner (the oldest), as every racing execution does.
		const existing = ifExists === 'reuse' ? raceWinner(sameName) : sameName[0];
		if (existing && ifExists === 'reuse') {
			const own = viewOf(run, sandboxName).createdHere.named(input.name);
			if (own.some((connection) => connection.id === existing.id))
				run.outputs.push({
					itemIndex,
					id: existing.id,
					created: false,
					name: input.name,
					hosting,
					sandboxName,
				});
			return {
				...connectionOutput(existing.id, existing.etag, input.name, hosting, sandboxName),
				reused: true,
			};
		}
		if (existing && ifExists === 'error') {
			const spec = { thing: 'Redshift connection', name: input.name, sandboxName, itemIndex };
			throw existsError(this, spec, existing.id);
		}
		const created = await createConnectionOnce.call(
			this,
			ctx,
			body,
			sandboxName,
			itemIndex,
			new Set(sameName.map((connection) => connection.id)),
		);
		createLog.record(logKey(sandboxName, input.name), run.id);
		viewOf(run, sandboxName).createdHere.add(
			{ id: created.id, etag: created.etag, name: input.name },
			true,
		);
		const output = connectionOutput(created.id, created.etag, input.name, hosting, sandboxName);
		if (ifExists !== 'reuse') return output;
		run.outputs.push({
			itemIndex,
			id: created.id,
			created: true,
			name: input.name,
			hosting,
			sandboxName,
		});
		return { ...output, reused: false };
	});
};
