import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { adaptToThrottlingOption, pacingFor } from '../kernel/pacing';
import { DEFAULT_POLICY, type RequestPolicy } from '../kernel/transport';

const MAX_CONCURRENCY = 20;
// Named constants, not expressions, as defaults: n8n's linter accepts a literal or a name only.
const DEFAULT_MAX_RETRIES = DEFAULT_POLICY.maxRetries;
const DEFAULT_TIMEOUT_SECONDS = DEFAULT_POLICY.timeoutMs / 1000;

/**
 * The Sandbox option (list method getSandboxes): overrides the credential's sandbox for one node.
 * Every node registers `getSandboxes` (shared/methods/loadOptions.ts) under loadOptions.
 */
export function sandboxOption(): INodeProperties {
	return {
		displayName: 'Sandbox Name or ID',
		name: 'sandboxName',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSandboxes' },
		default: '',
		description:
			'Sandbox for this node, overriding the credential\'s; its ID is the technical (lower-case) name. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	};
}

/** Node-wide options, shown for every operation. */
export const optionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		adaptToThrottlingOption,
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY, numberPrecision: 0 },
			default: 1,
			description: `How many items are sent to Adobe at the same time (1-${MAX_CONCURRENCY}). Output order always matches input order.`,
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
			default: DEFAULT_MAX_RETRIES,
			description:
				'How often a throttled (429), failed (5xx) or interrupted request is retried. Creates are never retried in a way that could duplicate what they create.',
		},
		sandboxOption(),
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 600 },
			default: DEFAULT_TIMEOUT_SECONDS,
			description:
				'Deadline for each request to Adobe, the whole answer included; after it the request is retried or the item fails',
		},
	],
};

function clampInteger(value: unknown, min: number, max: number, fallback: number): number {
	const number = typeof value === 'number' ? value : Number(value);
	if (!Number.isFinite(number)) return fallback;
	return Math.min(max, Math.max(min, Math.round(number)));
}

/**
 * Node-wide Options, read from the first item.
 * @param base the policy they override (Timeout in whole seconds 1-600)
 */
export function readRunSettings(
	this: IExecuteFunctions,
	base: RequestPolicy = DEFAULT_POLICY,
): { concurrency: number; policy: RequestPolicy } {
	const options = this.getNodeParameter('options', 0, {}) as Record<string, unknown>;
	const timeoutSeconds = clampInteger(options.timeoutSeconds, 1, 600, Number.NaN);
	const concurrency = clampInteger(options.concurrency, 1, MAX_CONCURRENCY, 1);
	return {
		concurrency,
		policy: {
			...base,
			pacing: pacingFor(options.adaptToThrottling, concurrency, base.pacingTuning),
			maxRetries: clampInteger(options.maxRetries, 0, 10, base.maxRetries),
			timeoutMs: Number.isNaN(timeoutSeconds) ? base.timeoutMs : timeoutSeconds * 1000,
		},
	};
}
