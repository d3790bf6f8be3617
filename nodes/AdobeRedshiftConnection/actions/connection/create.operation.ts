import { sleep, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { InvalidFieldError } from '../../../shared/InvalidFieldError';
import { safeOperationError } from '../../../shared/nodeErrors';

import { DEFAULT_BACKOFF, isRetryableCreate, isRetryableIdempotent, retryDelayMs } from '../../../shared/retryPolicy';
import { flowServicePath, sendOnce, toNodeApiError, type Failure, type PlatformContext } from '../../../shared/transport';
import { connectionOutput, isConnectionFromAttempt } from '../../helpers/output';
import { buildCreateConnectionBody, type CreateConnectionBody } from '../../helpers/payload';
import { checkCreateConnection } from '../../helpers/validation';
import { listRedshiftConnections } from '../../transport/flowService';
import { platformField, redshiftAuthFields, signInFromFields, type Shown } from '../common.fields';
import { checkSignIn, readRedshiftSignIn, readSandbox, readParameter } from '../parameters';

const where: Shown = { resource: ['connection'], operation: ['create'] };

export const description: INodeProperties[] = [
	platformField(where),
	{
		displayName: 'Connection Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Redshift orders warehouse',
		description: 'Name of the base connection in Experience Platform',
		displayOptions: { show: where },
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		typeOptions: { rows: 2 },
		description: 'Optional description of the base connection',
		displayOptions: { show: where },
	},
	...signInFromFields(where),
	...redshiftAuthFields(where, true),
	{
		displayName: 'If a Connection With This Name Exists',
		name: 'ifExists',
		type: 'options',
		options: [
			{ name: 'Create Another', value: 'create', description: 'Always create a new connection (Adobe allows duplicate names)' },
			{ name: 'Reuse It', value: 'reuse', description: 'Return the existing connection and its current etag instead of creating one; the output says reused: true' },
			{ name: 'Stop With an Error', value: 'error', description: 'Fail the item, naming the existing connection ID' },
		],
		default: 'create',
		description: 'What to do when a Redshift connection with the same name already exists in the sandbox. Choose Reuse It to make re-runs safe.',
		displayOptions: { show: where },
	},
];

type IfExists = 'create' | 'reuse' | 'error';

function checkIfExists(value: unknown): IfExists {
	if (value === undefined || value === 'create' || value === 'reuse' || value === 'error') return (value ?? 'create') as IfExists;
	throw new InvalidFieldError('ifExists', `"If a Connection With This Name Exists" must be "create", "reuse" or "error"; got ${JSON.stringify(value)}.`);
}

interface CreateResult {
	id: string;
	etag: string;
}

/**
 * POST /connections without ever creating the same connection twice: blind retries only when
 * Adobe certainly did not act (429, connection refused); after an ambiguous failure (timeout,
 * reset, 5xx, unreadable answer) look for the connection first and retry only if it is absent.
 */
async function createOnce(this: IExecuteFunctions, ctx: PlatformContext, body: CreateConnectionBody, sandboxName: string, itemIndex: number): Promise<CreateResult> {
	const sentAt = Date.now();
	const request = {
		method: 'POST' as const,
		path: flowServicePath('/connections'),
		body: body as unknown as IDataObject,
		sandboxName,
		secrets: [body.auth.params.password],
	};
	let lastFailure: Failure | undefined;
	for (let attempt = 0; attempt <= ctx.policy.maxRetries; attempt++) {
		if (attempt > 0) {
			const delay = retryDelayMs(attempt - 1, lastFailure?.retryAfterMs, Math.random(), DEFAULT_BACKOFF);
			if (Date.now() - sentAt + delay > ctx.policy.budgetMs) break;
			await sleep(delay);
		}
		const outcome = await sendOnce.call(this, ctx, request);
		if (outcome.ok) return outcome.body as CreateResult;
		lastFailure = outcome.failure;
		if (lastFailure.reached === 'no') {
			if (isRetryableCreate(lastFailure.facts, lastFailure.reached)) continue;
			break;
		}
		const existing = (await listRedshiftConnections.call(this, ctx, sandboxName, { name: body.name }, itemIndex)).find((stored) =>
			isConnectionFromAttempt(stored, body, sentAt),
		);
		if (existing) return { id: existing.id, etag: existing.etag };
		if (!isRetryableIdempotent(lastFailure.facts)) break;
	}
	throw toNodeApiError.call(this, lastFailure as Failure, itemIndex);
}

export async function execute(this: IExecuteFunctions, itemIndex: number, ctx: PlatformContext): Promise<IDataObject> {
	const signIn = await readRedshiftSignIn.call(this, itemIndex, (name) => readParameter.call(this, name, itemIndex));
	const input = checkSignIn(signIn.from, () =>
		checkCreateConnection({
			platform: readParameter.call(this, 'platform', itemIndex),
			name: readParameter.call(this, 'name', itemIndex),
			description: readParameter.call(this, 'description', itemIndex),
			...signIn.input,
			schema: readParameter.call(this, 'schema', itemIndex),
		}),
	);
	const ifExists = checkIfExists(readParameter.call(this, 'ifExists', itemIndex));
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	const body = buildCreateConnectionBody(input);
	if (ifExists !== 'create') {
		const [existing] = await listRedshiftConnections.call(this, ctx, sandboxName, { name: input.name, limit: 1 }, itemIndex);
		if (existing && ifExists === 'reuse') {
			return { ...connectionOutput(existing.id, existing.etag, input.name, input.auth.platform, sandboxName), reused: true };
		}
		if (existing) {
			throw safeOperationError(this, `A Redshift connection named "${input.name}" already exists in sandbox "${sandboxName}" (ID ${existing.id}).`, {
				itemIndex,
				description: 'Choose "Reuse It" to return the existing connection, or give this one another name.',
			});
		}
	}
	const created = await createOnce.call(this, ctx, body, sandboxName, itemIndex);
	const output = connectionOutput(created.id, created.etag, input.name, input.auth.platform, sandboxName);
	return ifExists === 'reuse' ? { ...output, reused: false } : output;
}
