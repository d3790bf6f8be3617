/** The Return All / Limit pair every Get Many operation shows, and the reading of it. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InvalidFieldError } from './InvalidFieldError';

/** Return All (default off) and Limit (default 50, shown while Return All is off). Visibility by operation is the caller's. */
export const returnAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/**
 * How many results the item asks for: undefined with Return All, else Limit, which must be a whole
 * number of 1 or more (an expression may yield anything). Throws InvalidFieldError naming "Limit".
 */
export function readLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter('returnAll', itemIndex, false) === true) return undefined;
	const raw = this.getNodeParameter('limit', itemIndex, null, { skipValidation: true }) as unknown;
	const limit = Number(raw);
	if (raw === null || raw === '' || !Number.isInteger(limit) || limit < 1) {
		throw new InvalidFieldError('limit', `"Limit" must be a whole number of 1 or more; got ${JSON.stringify(raw)}.`);
	}
	return limit;
}
