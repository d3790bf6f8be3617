/**
 * JSON Patch for PATCH /connections/{id}: `replace` on name, description and auth params, and
 * `add` on /description (Adobe's own update example adds a description).
 * The result is re-validated as a whole, so a patch can never store what a create would refuse.
 */
import { flow } from '../core/errors';
import { isPlainObject } from '../core/http';
import { type ConnectionFields, validateConnectionBody } from './validation';
import type { Hosting } from '../core/types';

export function applyPatch(
	current: ConnectionFields,
	ops: unknown,
	hosting: Hosting,
): ConnectionFields {
	if (!Array.isArray(ops) || ops.length === 0) {
		throw flow.invalid('The request body must be a non-empty JSON Patch array');
	}
	const next: Record<string, unknown> & {
		auth: { specName: string; params: Record<string, unknown> };
	} = {
		...structuredClone(current),
	};
	for (const [i, op] of ops.entries()) {
		if (!isPlainObject(op)) throw flow.invalid(`Patch operation ${i} must be an object`);
		const path = op.path;
		if (typeof path !== 'string') throw flow.mandatory(`[${i}].path`);
		if (path === '/connectionSpec' || path.startsWith('/connectionSpec/'))
			throw flow.specImmutable();
		const isAddDescription = op.op === 'add' && path === '/description';
		if (op.op !== 'replace' && !isAddDescription)
			throw flow.invalid(
				`Patch operation ${i}: only 'replace' (and 'add' on /description) is supported`,
			);
		if (!('value' in op)) throw flow.mandatory(`[${i}].value`);
		const unknownKeys = Object.keys(op).filter((k) => !['op', 'path', 'value'].includes(k));
		if (unknownKeys.length > 0)
			throw flow.invalid(`Patch operation ${i}: unknown field(s) ${unknownKeys.join(', ')}`);

		// RFC 6902: the target of a `replace` must already exist.
		const missing = () => flow.invalid(`Patch operation ${i}: path '${path}' does not exist`);
		if (path === '/name' || path === '/description') {
			if (next[path.slice(1)] === undefined && !isAddDescription) throw missing();
			next[path.slice(1)] = op.value;
		} else if (path === '/auth/params') {
			next.auth.params = op.value as Record<string, unknown>;
		} else if (/^\/auth\/params\/[A-Za-z]+$/.test(path)) {
			const field = path.slice('/auth/params/'.length);
			if (!isPlainObject(next.auth.params) || !(field in next.auth.params)) throw missing();
			next.auth.params[field] = op.value;
		} else {
			throw flow.invalid(`Patch operation ${i}: path '${path}' cannot be replaced`);
		}
	}
	return validateConnectionBody(next, hosting);
}
