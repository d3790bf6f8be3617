import {
	NodeApiError,
	NodeOperationError,
	deepCopy,
	type INode,
	type INodeParameters,
	type JsonObject,
	type NodeParameterValueType,
} from 'n8n-workflow';

import { scrubSecrets } from './errors';

/** Secret parameter names, masked in the node copy errors carry (n8n stores it and passes it to Error Trigger). */
const SECRET_PARAMETER_NAMES: ReadonlySet<string> = new Set(['password']);

const MASKED_VALUE = '***';

function maskParameters(value: NodeParameterValueType): NodeParameterValueType {
	if (Array.isArray(value))
		return value.map((entry) =>
			maskParameters(entry as NodeParameterValueType),
		) as NodeParameterValueType;
	if (value === null || typeof value !== 'object') return value;
	const masked: INodeParameters = {};
	for (const [key, child] of Object.entries(value as INodeParameters)) {
		masked[key] =
			SECRET_PARAMETER_NAMES.has(key) && child !== '' && child !== undefined
				? MASKED_VALUE
				: maskParameters(child as NodeParameterValueType);
	}
	return masked;
}

/** A copy of the node with secret parameter values replaced by "***"; the node itself is untouched. */
function maskedNode(node: INode): INode {
	const copy = deepCopy(node);
	copy.parameters = maskParameters(copy.parameters) as INodeParameters;
	return copy;
}

interface HasNode {
	getNode(): INode;
}

/** A NodeOperationError that names a copy of the node with its secrets masked (see maskedNode). */
export function safeOperationError(
	context: HasNode,
	message: string,
	options: { itemIndex?: number; description?: string } = {},
): NodeOperationError {
	return new NodeOperationError(maskedNode(context.getNode()), message, options);
}

/** A NodeApiError that names a copy of the node with its secrets masked (see maskedNode). */
export function safeApiError(
	context: HasNode,
	summary: JsonObject,
	options: { message: string; description: string; httpCode?: string; itemIndex?: number },
): NodeApiError {
	return new NodeApiError(maskedNode(context.getNode()), summary, options);
}

function scrubValue(value: unknown, secrets: string[]): unknown {
	if (typeof value === 'string') return scrubSecrets(value, secrets);
	if (Array.isArray(value)) return value.map((entry) => scrubValue(entry, secrets));
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, child]) => [key, scrubValue(child, secrets)]),
		);
	}
	return value;
}

/**
 * Makes an error raised elsewhere (by n8n's own helpers, say) as safe as ours: a masked copy of
 * the node, and message, description and context scrubbed of the secrets. Changes it in place.
 */
export function makeErrorSafe<E extends NodeApiError | NodeOperationError>(
	error: E,
	node: INode,
	secrets: string[],
): E {
	(error as { node: INode }).node = maskedNode(node);
	error.message = scrubSecrets(error.message, secrets);
	if (typeof error.description === 'string')
		error.description = scrubSecrets(error.description, secrets);
	if (error.context) {
		for (const [key, value] of Object.entries(error.context))
			error.context[key] = scrubValue(value, secrets) as never;
	}
	return error;
}
