import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { listRuns } from '../resources/flowRun/api';
import { summarizeRun } from '../resources/flowRun/body';
import { loadPlatformContext } from '../kernel/transport';
import { joinParts, pickerSandbox, searchText } from './searchContext';

/** Runs in the Flow Run list: the newest this many. */
const RUN_SEARCH_LIMIT = 50;

/** The Flow Run list: the sandbox's newest runs as "status · start time", searchable on status, time and IDs. */
export async function searchFlowRuns(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const ctx = await loadPlatformContext.call(this);
	const sandboxName = pickerSandbox.call(this, ctx);
	const runs = await listRuns.call(this, ctx, sandboxName, { limit: RUN_SEARCH_LIMIT });
	const text = searchText(filter)?.toLowerCase();
	const results: INodeListSearchItems[] = runs
		.map((run) => {
			const summary = summarizeRun(run);
			return {
				name: joinParts(summary.status ?? 'unknown', summary.startedAt),
				value: summary.id,
				description: joinParts(summary.id, summary.flowId),
			};
		})
		.filter(
			(entry) =>
				text === undefined || `${entry.name}\n${entry.description}`.toLowerCase().includes(text),
		);
	return { results };
}
