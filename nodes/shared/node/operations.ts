import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from './router';

export type { ItemOperation } from './router';

/**
 * One operation of a resource, as its `<Resource>.resource.ts` declares it: the operation module
 * (its fields and handler) and its option in the Operation dropdown (the value is its key).
 */
export interface OperationEntry {
	/** The `<op>.operation.ts` module: `description` (its fields) and `execute`. */
	module: OperationModule;
	name: string;
	description: string;
	action: string;
}

/** What a `<Resource>.resource.ts` exports: the router's handlers and the resource's fields. */
export interface ResourceDefinition<Operation extends string> {
	/** The router's handlers, keyed by operation value. */
	operations: Record<Operation, OperationModule>;
	/** The Operation dropdown, then every operation's fields. */
	description: INodeProperties[];
}

/**
 * A resource from its one operation map (dropdown order): option and module side by side, so an
 * option without a handler, or a handler without an option, does not compile.
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
		options: entries.map(([value, { name, description, action }]) => ({
			name,
			value,
			description,
			action,
		})),
		default: defaultOperation,
	};
	return {
		operations: Object.fromEntries(entries.map(([value, { module }]) => [value, module])) as Record<
			Operation,
			OperationModule
		>,
		description: [operationField, ...entries.flatMap(([, { module }]) => module.description)],
	};
}
