/** Run Now's "Wait for Run to Finish": polls `GET /runs/{id}` with growing waits until done or the deadline ("Monitor dataflows"). */
import { NodeApiError, NodeOperationError, type IDataObject } from 'n8n-workflow';

import { flowRuns, type FlowRun } from '../../../shared/resources/flowRun/api';
import { nextWaitMs } from '../../../shared/kernel/runWait';
import { runOutput, summarizeRun } from '../../../shared/resources/flowRun/body';
import type { PlatformContext, RequestContext } from '../../../shared/kernel/transport';

/** How a wait ended, as output next to the run: `deadlinePassed` true means the run had not finished. */
export interface WaitReport {
	deadlineSeconds: number;
	/** Time from the run's start to the last check, in **milliseconds** (the clock's). */
	waitedMs: number;
	/** `GET /runs/{id}` requests sent. */
	checks: number;
	deadlinePassed: boolean;
}

/**
 * The run once finished or after `deadlineSeconds` (then `finished: false`), with a WaitReport.
 * @throws NodeApiError / NodeOperationError naming the started run
 */
export async function waitForRun(
	this: RequestContext,
	ctx: PlatformContext,
	sandboxName: string,
	runId: string,
	deadlineSeconds: number,
	itemIndex: number,
): Promise<IDataObject> {
	const settings = ctx.policy.runWait;
	const { clock } = settings;
	const startedAt = clock.now();
	const deadline = startedAt + deadlineSeconds * 1000;
	let run: FlowRun | undefined;
	let wait: number | undefined;
	let checks = 0;
	for (;;) {
		const remaining = deadline - clock.now();
		if (remaining <= 0 && checks > 0) break;
		wait = nextWaitMs(settings, wait, Math.max(0, remaining));
		await clock.sleep(wait);
		try {
			run = await flowRuns.get.call(this, ctx, sandboxName, runId, itemIndex);
		} catch (error) {
			throw namingTheRun(error, runId);
		}
		checks++;
		if (summarizeRun(run).finished) break;
	}
	const report: WaitReport = {
		deadlineSeconds,
		waitedMs: clock.now() - startedAt,
		checks,
		deadlinePassed: !summarizeRun(run).finished,
	};
	return { ...runOutput(run, sandboxName), wait: report as unknown as IDataObject };
}

/** A failed check's error, with the started run's ID in its description. */
function namingTheRun(error: unknown, runId: string): unknown {
	if (!(error instanceof NodeApiError || error instanceof NodeOperationError)) return error;
	const text = `The run ${runId} was started; only waiting for it failed. Follow it with Flow Run > Get.`;
	error.description = error.description ? `${text}\n${error.description}` : text;
	return error;
}
