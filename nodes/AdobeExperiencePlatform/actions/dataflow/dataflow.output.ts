/** What the Flow Run operations output. */
import type { IDataObject } from 'n8n-workflow';

import { summarizeRun } from '../../../shared/resources/flowRun/body';

/**
 * A run as output (runSummary.ts): `status` from `metrics.statusSummary.status`, `records`,
 * `durationMs` (milliseconds), `startedAt`/`completedAt` (ISO 8601), `errors`, `batchIds`.
 */
export function runOutput(run: unknown, sandboxName: string): IDataObject {
	return { ...(summarizeRun(run) as unknown as IDataObject), sandboxName };
}
