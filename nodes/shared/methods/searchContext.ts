import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { InvalidFieldError } from '../kernel/validation';
import { NODE_FIELDS, chooseSandbox } from '../node/readers';
import type { PlatformContext } from '../kernel/transport';

/** The text typed into a picker's search box, trimmed; empty means no filter. */
export function searchText(filter?: string): string | undefined {
	const text = filter?.trim();
	return text ? text : undefined;
}

/** A list entry's text from its parts: those that are set, joined with " · " (e.g. "ID · state"). */
export function joinParts(...parts: unknown[]): string {
	return parts.filter(Boolean).join(' · ');
}

/** A parameter as the editor holds it now; an expression (`=...`) cannot be resolved while editing. */
export function currentParameter(this: ILoadOptionsFunctions, name: string): unknown {
	return this.getCurrentNodeParameter(name) as unknown;
}

/** Is this stored value (plain or a resource locator's value) an expression? */
export function isExpression(value: unknown): boolean {
	const inner =
		value !== null && typeof value === 'object' ? (value as { value?: unknown }).value : value;
	return typeof inner === 'string' && inner.startsWith('=');
}

/** The sandbox a picker lists from: the node's Options > Sandbox, else the credential's. */
export function pickerSandbox(this: ILoadOptionsFunctions, ctx: PlatformContext): string {
	const override = currentParameter.call(this, NODE_FIELDS.sandboxName.field);
	if (isExpression(override)) {
		throw new InvalidFieldError(
			NODE_FIELDS.sandboxName.field,
			`"${NODE_FIELDS.sandboxName.label}" is an expression, which a list cannot resolve while editing: choose a sandbox, or use By ID.`,
		);
	}
	return chooseSandbox(override, ctx);
}
