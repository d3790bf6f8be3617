import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from './router';

export type { ItemOperation } from './router';

/** An operation's option in its resource's Operation dropdown (the value is its key in the resource's list). */
export interface OperationOption {
	name: string;
	description: string;
	action: string;
}

/** An operation module that also exports its dropdown option (`export const option`). */
export interface OperationEntry extends OperationModule {
	option: OperationOption;
}

/** What a `<Resource>.resource.ts` exports: the router's handlers and the resource's fields. */
export interface ResourceDefinition<Operation extends string> {
	/** The router's handlers, keyed by operation value. */
	operations: Record<Operation, OperationModule>;
	/** The Operation dropdown, then every operation's fields. */
	description: INodeProperties[];
}

/**
 * Builds a resource from its one list of operation modules (in dropdown order, alphabetical): each
 * module exports its dropdown option next to its fields and handler, so an option without a handler
 * does not compile.
 * @param resource the Resource value the Operation dropdown is shown for
 * @param list operation value -> operation module
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
		options: entries.map(
			([
				value,
				{
					option: { name, description, action },
				},
			]) => ({ name, value, description, action }),
		),
		default: defaultOperation,
	};
	return {
		operations: list,
		description: [operationField, ...entries.flatMap(([, entry]) => entry.description)],
	};
}
