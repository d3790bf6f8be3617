import type { IExecuteFunctions } from 'n8n-workflow';

import type { PlatformContext } from '../../shared/transport';
import { checkConnectionId, checkSandboxName } from '../../shared/validation';
import { FIELDS } from '../helpers/fields';

/**
 * A parameter as the expression produced it. Hidden parameters (schema on Azure) read as
 * undefined, and n8n's own type coercion is skipped so our validators can name the field.
 */
export function readParameter(this: IExecuteFunctions, name: string, itemIndex: number): unknown {
	// n8n throws "Could not get parameter" for an unset or hidden parameter unless a fallback is
	// given, and `undefined` does not count as one.
	const value = this.getNodeParameter(name, itemIndex, null, { skipValidation: true }) as unknown;
	return value === null ? undefined : value;
}

/** The node's sandbox override, else the credential's sandbox. */
export function readSandbox(this: IExecuteFunctions, itemIndex: number, ctx: PlatformContext): string {
	const override = this.getNodeParameter('options.sandboxName', itemIndex, '', { skipValidation: true }) as unknown;
	if (override === undefined || override === null || (typeof override === 'string' && override.trim() === '')) return ctx.defaultSandbox;
	return checkSandboxName(FIELDS.sandboxName, override);
}

/** The connection an ID-based operation acts on: its checked ID and the sandbox it lives in. */
export function readConnectionTarget(this: IExecuteFunctions, itemIndex: number, ctx: PlatformContext): { id: string; sandboxName: string } {
	const id = checkConnectionId(FIELDS.connectionId, readParameter.call(this, 'connectionId', itemIndex));
	return { id, sandboxName: readSandbox.call(this, itemIndex, ctx) };
}
