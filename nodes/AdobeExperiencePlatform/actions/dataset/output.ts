import type { IDataObject } from 'n8n-workflow';

import type { Dataset } from '../../../shared/api/datasets';

/** A dataset for output: Catalog's fields (name, description, schemaRef, created, updated, tags), its ID and sandbox. */
export function datasetOutput(dataset: Dataset, sandboxName: string): IDataObject {
	return { ...dataset, sandboxName };
}
