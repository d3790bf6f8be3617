/** The From List searches of the paged pickers, on pagedSearch.ts: by name in the node's sandbox, value = ID. */
import type { INodeListSearchItems } from 'n8n-workflow';

import { connections } from '../resources/baseConnection/api';
import { datasets } from '../resources/dataset/api';
import { flows } from '../resources/dataflow/api';
import { mappingSets } from '../resources/mappingSet/api';
import { readSchemaPage } from '../resources/schema/api';
import { sourceConnections } from '../resources/sourceConnection/api';
import { targetConnections } from '../resources/targetConnection/api';
import { flowServiceSearch, listSearchMethod, startPagedSearch } from './pagedSearch';
import { joinParts } from './searchContext';

/** A list entry: `name` shown, `value` stored, the parts that are set as description ("a · b"). */
function entry(name: string, value: string, ...parts: unknown[]): INodeListSearchItems {
	return { name, value, description: joinParts(...parts) };
}

/** Redshift base connections, newest first: "ID · state". */
export const searchConnections = flowServiceSearch(connections.readPages, (connection) =>
	entry(connection.name, connection.id, connection.id, connection.state),
);

/** Dataflows, newest first: "ID · state". */
export const searchDataflows = flowServiceSearch(flows.readPages, (flow) =>
	entry(flow.name || flow.id, flow.id, flow.id, flow.state),
);

/** Redshift source connections, newest first: "table · ID". */
export const searchSourceConnections = flowServiceSearch(sourceConnections.readPages, (source) =>
	entry(source.name ?? source.id, source.id, source.params?.tableName, source.id),
);

/** Data Lake target connections, newest first: "ID · dataset <ID>". */
export const searchTargetConnections = flowServiceSearch(targetConnections.readPages, (target) =>
	entry(
		target.name,
		target.id,
		target.id,
		target.params?.dataSetId && `dataset ${target.params.dataSetId}`,
	),
);

/** Catalog datasets, newest first (the search is sent as Catalog's `name=*text*`): "ID · schema". */
export const searchDatasets = startPagedSearch(datasets.readPage, (dataset) =>
	entry(dataset.name ?? dataset.id, dataset.id, dataset.id, dataset.schemaRef?.id),
);

/** Data Prep mapping sets, newest first (the search is checked here): "ID · version · schema". */
export const searchMappingSets = startPagedSearch(mappingSets.readPage, (set) =>
	entry(
		set.name ?? set.id,
		set.id,
		set.id,
		`version ${set.version}`,
		set.outputSchema?.schemaRef?.id,
	),
);

/**
 * The tenant's XDM schemas by title (Schema Registry `property=title~…`, paged by its `_page.next`):
 * the value is the schema's `$id`; "$id · version".
 */
export const searchSchemas = listSearchMethod(
	async function (ctx, sandboxName, titleContains, start) {
		const { schemas, next } = await readSchemaPage.call(this, ctx, sandboxName, {
			titleContains,
			start,
		});
		return { found: schemas, next };
	},
	(schema) =>
		entry(
			schema.title ?? schema.$id,
			schema.$id,
			schema.$id,
			schema.version && `version ${schema.version}`,
		),
);
