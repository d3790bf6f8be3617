import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from './router';

/** One entry of a resource's operation list: its dropdown option and its module. */
export interface OperationEntry {
	name: string;
	description: string;
	action: string;
	module: OperationModule;
}

/** What a `<Resource>.resource.ts` exports: the router's handlers and the resource's fields. */
export interface ResourceDefinition<Operation extends string> {
	/** The router's handlers, keyed by operation value. */
	operations: Record<Operation, OperationModule>;
	/** The Operation dropdown, then every operation's fields. */
	description: INodeProperties[];
}

/**
 * Builds a resource from its one list of operations (in dropdown order, alphabetical): each
 * entry is its dropdown option and its module, so an option without a handler does not compile.
 * @param resource the Resource value the Operation dropdown is shown for
 * @param list operation value -> entry
 * @param defaultOperation the operation selected first
 */
export function defineResource<Operation extends string>(
	resource: string,
	list: Record<Operation, OperationEntry>,
	defaultOperation: NoInfer<Operation>,
): ResourceDefinition<Operation> {
	const entries = Object.entries(list) as Array<[Operation, OperationEntry]>;
	const operationField: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: entries.map(([value, { name, description, action }]) => ({ name, value, description, action })),
		default: defaultOperation,
	};
	return {
		operations: Object.fromEntries(entries.map(([value, entry]) => [value, entry.module])) as Record<Operation, OperationModule>,
		description: [operationField, ...entries.flatMap(([, entry]) => entry.module.description)],
	};
}
