/** What the Dataflow and Flow Run operations output. */
import type { IDataObject } from 'n8n-workflow';

import { summarizeRun } from '../../../shared/pipeline/runSummary';

/** The label of the Dataflow › Create "If It Exists" field (also named in its errors). */
export const DATAFLOW_IF_EXISTS_LABEL = 'If a Dataflow for These Connections Exists';

/**
 * A dataflow as output: Adobe's object (from GET or a listing; as sent, plus `id`, right after a
 * create) with the sandbox, and `reused` for creates.
 */
export function dataflowOutput(
	flow: IDataObject,
	sandboxName: string,
	reused?: boolean,
): IDataObject {
	return { ...flow, sandboxName, ...(reused === undefined ? {} : { reused }) };
}

/**
 * A run as output (runSummary.ts): `status` from `metrics.statusSummary.status`, `records`,
 * `durationMs` (milliseconds), `startedAt`/`completedAt` (ISO 8601), `errors`, `batchIds`.
 */
export function runOutput(run: unknown, sandboxName: string): IDataObject {
	return { ...(summarizeRun(run) as unknown as IDataObject), sandboxName };
}
