/** The read and delete routes every dataflow-chain object kind has alike (source and target connections). */
import type { EmulatorCore } from './emulatorCore';
import { flow } from './errors';
import type { Route } from './flowService';
import { empty, json, readJsonBody } from './http';
import { listItems } from './listing';
import type { DataflowLookups } from './lookups';
import { createIn, type Collection } from './store';
import type { StoredMeta, StoredSourceConnection, StoredTargetConnection } from './types';

/** A POST body's check: the object's own fields, or a Flow Service error. */
export type Validate<T extends StoredMeta> = (
	body: unknown,
	lookups: DataflowLookups,
) => Omit<T, keyof StoredMeta>;

/** Validates `body` as the POST does and stores the object in `sandboxName` (also used to seed). */
export function createValidated<T extends StoredMeta>(
	core: EmulatorCore,
	collection: Collection<T>,
	validate: Validate<T>,
	sandboxName: string,
	body: unknown,
): T {
	return createIn(collection, validate(body, core.lookups(sandboxName)), core.caller(sandboxName));
}

/** The dataflow-chain object kinds served by `objectRoutes`: path and store in the core, by what they store. */
interface ObjectKinds {
	sourceConnections: StoredSourceConnection;
	targetConnections: StoredTargetConnection;
}

/**
 * `POST|GET /<kind>` and `GET|DELETE /<kind>/{id}`: a POST body is validated and stored by `create`
 * and answered 201 `{id, etag}`; one object is answered as `{items: [..]}` like
 * GET /connections/{id}; a DELETE is refused while a flow uses the object (emulator choice, 1418-400).
 */
export function objectRoutes<K extends keyof ObjectKinds>(
	kind: K,
	label: string,
	validate: Validate<ObjectKinds[K]>,
): Route[] {
	type T = ObjectKinds[K];
	const collection = (core: EmulatorCore): Collection<T> => {
		const stores: { [P in keyof ObjectKinds]: Collection<ObjectKinds[P]> } = core;
		return stores[kind];
	};
	const find = (core: EmulatorCore, id: string, sandboxName: string): T => {
		const found = collection(core).get(id, sandboxName);
		if (!found) throw flow.notFound(`${label} '${id}'`);
		return found;
	};
	return [
		{
			pattern: new RegExp(`^/${kind}$`),
			methods: {
				POST: (ctx, core) => {
					const created = createValidated(
						core,
						collection(core),
						validate,
						ctx.sandboxName,
						readJsonBody(ctx),
					);
					return json(201, { id: created.id, etag: created.etag });
				},
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
