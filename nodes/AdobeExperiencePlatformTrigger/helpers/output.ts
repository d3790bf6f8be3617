import type { IDataObject } from 'n8n-workflow';

import { summarizeRun, type FlowRunSummary } from '../../shared/resources/flowRun/body';
import { EVENTS, type TriggerEvent } from '../description';

/** Whether a run counts as finished for the cursor: success/failed, or Adobe set a completion time (any other end state). */
export function isFinished(summary: FlowRunSummary): boolean {
	return summary.finished || summary.completedAt !== undefined;
}

/** Whether a finished run is one the event fires for. */
export function matchesEvent(summary: FlowRunSummary, event: TriggerEvent): boolean {
	if (event === 'anyRunFinished') return isFinished(summary);
	return (EVENTS[event].outcomes as readonly string[]).includes(summary.outcome);
}

/** The item one run becomes: times ISO 8601 (UTC), `durationMs` in ms, Adobe's record counts, errors once each. */
export function triggerItem(
	run: unknown,
	flowName: string | undefined,
	sandboxName: string,
): IDataObject {
	const s = summarizeRun(run);
	return {
		runId: s.id,
		status: s.status ?? null,
		dataflowId: s.flowId ?? null,
		dataflowName: flowName ?? null,
		sandboxName,
		records: {
			input: s.records.input ?? null,
			output: s.records.output ?? null,
			failed: s.records.failed ?? null,
		},
		durationMs: s.durationMs ?? null,
		startedAt: s.startedAt ?? null,
		completedAt: s.completedAt ?? null,
		errors: s.errors as IDataObject[],
		batchIds: s.batchIds,
	};
}
