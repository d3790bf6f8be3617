import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { adaptToThrottlingOption, pacingFor } from '../../shared/pacing';
import { DEFAULT_POLICY, type RequestPolicy } from '../../shared/transport';
import { labelled } from '../helpers/fields';
import { collection, sandboxOption } from './common.fields';

export const MAX_CONCURRENCY = 20;
// Named constants, not expressions, as defaults: n8n's linter accepts a literal or a name only.
const DEFAULT_MAX_RETRIES = DEFAULT_POLICY.maxRetries;
const DEFAULT_TIMEOUT_SECONDS = DEFAULT_POLICY.timeoutMs / 1000;

/** Node-wide options, shown for every operation. */
export const optionsField: INodeProperties = collection('options', 'Add Option', [
	{ ...adaptToThrottlingOption, ...labelled('adaptToThrottling') },
	{
		...labelled('concurrency'),
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY, numberPrecision: 0 },
		default: 1,
		description: `How many items are sent to Adobe at the same time (1-${MAX_CONCURRENCY}). Output order always matches input order.`,
	},
	{
		...labelled('maxRetries'),
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
		default: DEFAULT_MAX_RETRIES,
		description: 'How often a throttled (429), failed (5xx) or interrupted request is retried. Creates are never retried in a way that could duplicate a connection.',
	},
	sandboxOption(),
	{
		...labelled('timeoutSeconds'),
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 600 },
		default: DEFAULT_TIMEOUT_SECONDS,
		description: 'Deadline for each request to Adobe, the whole answer included; after it the request is retried or the item fails',
	},
]);

function clampInteger(value: unknown, min: number, max: number, fallback: number): number {
	const number = typeof value === 'number' ? value : Number(value);
	if (!Number.isFinite(number)) return fallback;
	return Math.min(max, Math.max(min, Math.round(number)));
}

/** Node-wide settings are read from the first item: they shape the run, not one request. */
export function readRunSettings(this: IExecuteFunctions): { concurrency: number; policy: RequestPolicy } {
	const options = this.getNodeParameter('options', 0, {}) as Record<string, unknown>;
	const concurrency = clampInteger(options.concurrency, 1, MAX_CONCURRENCY, 1);
	return {
		concurrency,
		policy: {
			...DEFAULT_POLICY,
			pacing: pacingFor(options.adaptToThrottling, concurrency),
			maxRetries: clampInteger(options.maxRetries, 0, 10, DEFAULT_MAX_RETRIES),
			timeoutMs: clampInteger(options.timeoutSeconds, 1, 600, DEFAULT_TIMEOUT_SECONDS) * 1000,
		},
	};
}
