import type { IExecuteFunctions } from 'n8n-workflow';

import { InvalidFieldError } from '../kernel/InvalidFieldError';
import { readNodeParameter } from './runParameters';
import type { PlatformContext } from '../kernel/transport';
import { checkSandboxName, type FieldRef } from '../kernel/validation';

/** The Options > Sandbox override, as every node names it. */
export const SANDBOX_FIELD = {
	field: 'options.sandboxName',
	label: 'Sandbox Name or ID',
} as const satisfies FieldRef;

/**
 * A parameter as the expression produced it. Hidden parameters read as undefined, and n8n's own
 * type coercion is skipped so our validators can name the field.
 */
export function readParameter(this: IExecuteFunctions, name: string, itemIndex: number): unknown {
	// n8n throws "Could not get parameter" for an unset or hidden parameter unless a fallback is
	// given, and `undefined` does not count as one.
	const value = readNodeParameter.call(this, name, itemIndex, null, { skipValidation: true });
	return value === null ? undefined : value;
}

/** The sandbox an override names (checked), else the credential's sandbox when the override is empty. */
export function chooseSandbox(override: unknown, ctx: PlatformContext): string {
	if (
		override === undefined ||
		override === null ||
		(typeof override === 'string' && override.trim() === '')
	)
		return ctx.defaultSandbox;
	return checkSandboxName(SANDBOX_FIELD, override);
}

/** The node's sandbox override, else the credential's sandbox. */
export function readSandbox(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: PlatformContext,
): string {
	return chooseSandbox(
		readNodeParameter.call(this, SANDBOX_FIELD.field, itemIndex, '', { skipValidation: true }),
		ctx,
	);
}

/**
 * The value of a picker parameter as stored: a resource locator `{ __rl: true, mode, value }`
 * (mode checked against the field's `modes`), or a plain value from a workflow saved before the
 * field was a picker (or typed by an expression), returned as is. Anything else is refused,
 * naming the field.
 */
export function locatorValue(ref: FieldRef, stored: unknown, modes: readonly string[]): unknown {
	if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return stored;
	const { mode, value } = stored as { mode?: unknown; value?: unknown };
	if (typeof mode !== 'string' || !modes.includes(mode)) {
		throw new InvalidFieldError(
			ref.field,
			`"${ref.label}" has mode ${JSON.stringify(mode)}; allowed: ${modes.map((m) => `"${m}"`).join(', ')}.`,
		);
	}
	return value;
}

/** Reads a whole-number Limit parameter (Return All off): 1 or more, else InvalidFieldError naming "Limit". */
export function readLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	if (returnAll) return undefined;
	const raw = readParameter.call(this, 'limit', itemIndex);
	const limit = Number(raw);
	if (raw === '' || raw === undefined || !Number.isInteger(limit) || limit < 1) {
		throw new InvalidFieldError(
			'limit',
			`"Limit" must be a whole number of 1 or more; got ${JSON.stringify(raw)}.`,
		);
	}
	return limit;
}
