/** The read and delete routes every dataflow-chain object kind has alike (source and target connections). */
import type { EmulatorCore } from './emulatorCore';
import { flow } from './errors';
import type { Handler, Route } from './flowService';
import { empty, json } from './http';
import { listItems } from './listing';
import type { Collection } from './store';

/**
 * `POST|GET /<kind>` and `GET|DELETE /<kind>/{id}`: one object is answered as `{items: [..]}` like
 * GET /connections/{id}; a DELETE is refused while a flow uses the object (emulator choice, 1418-400).
 */
export function objectRoutes<T extends { id: string; sandboxName: string }>(
	kind: string,
	label: string,
	collection: (core: EmulatorCore) => Collection<T>,
	create: Handler,
): Route[] {
	const find = (core: EmulatorCore, id: string, sandboxName: string): T => {
		const found = collection(core).get(id, sandboxName);
		if (!found) throw flow.notFound(`${label} '${id}'`);
		return found;
	};
	return [
		{
			pattern: new RegExp(`^/${kind}$`),
			methods: {
				POST: create,
				GET: (ctx, core) =>
					json(
						200,
						listItems(collection(core).inSandbox(ctx.sandboxName), ctx.query, {
							href: `/${kind}`,
							view: (item) => structuredClone(item),
						}),
					),
			},
		},
		{
			pattern: new RegExp(`^/${kind}/([^/]+)$`),
			methods: {
				GET: (ctx, core, id) =>
					json(200, { items: [structuredClone(find(core, id, ctx.sandboxName))] }),
				DELETE: (ctx, core, id) => {
					find(core, id, ctx.sandboxName);
					if (core.usedByFlow(ctx.sandboxName, id)) throw flow.inUse();
					collection(core).delete(id);
					return empty(204);
				},
			},
		},
	];
}
