/**
 * Child process of `npm run bench` (child.ts): Create From Table over the job's tables in n8n-core's
 * engine, a warm-up run first, then the measured first run and, with `rerun`, the same items again.
 * Reports wall and CPU time per run and when the re-run started (epoch ms), so that the bench splits
 * the emulator's request log between the two runs. With `profile`, the first run's CPU is split
 * into ours and the rest (cpuProfile.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../../test/support/engine/harness';
import { emulatorCredential, type EmulatorAccess } from '../../test/support/credentials';
import { fromTableItems, fromTableParameters } from '../../test/support/fromTableWorkload';
import { itemsWorkflow, NODE_TYPE } from '../../test/support/workflow';
import { finishWorker, jobOf } from './child';
import { profiled, type CpuSplit } from './cpuProfile';

const NODE = 'Create From Table';

/** A sandbox prepared for the worker: where to send, and what the items point at. */
export interface FromTableTarget {
	access: EmulatorAccess;
	baseConnectionId: string;
	datasetIds: string[];
	tables: number;
}

export interface FromTableJob {
	run: FromTableTarget;
	warmup: FromTableTarget;
	concurrency: number;
	adaptToThrottling: boolean;
	rerun: boolean;
	profile: boolean;
}

/** One run's figures. */
export interface FromTableRun {
	wallMs: number;
	/** Worker CPU (user + system), ms. */
	cpuMs: number;
	failedItems: number;
	/** Items whose output lists something created. */
	itemsCreating: number;
	firstError?: string;
}

export interface FromTableResult {
	first: FromTableRun;
	rerun?: FromTableRun;
	/** Epoch ms just before the re-run's first request. */
	rerunStartedAt?: number;
	split?: CpuSplit;
}

async function runOnce(
	target: FromTableTarget,
	concurrency: number,
	adaptToThrottling: boolean,
): Promise<FromTableRun> {
	const workflow = itemsWorkflow({
		name: `Bench: Create From Table, concurrency ${concurrency}`,
		items: fromTableItems(target.tables, target.datasetIds),
		nodes: [
			{
				name: NODE,
				type: NODE_TYPE.adobeExperiencePlatform,
				// A failed item (e.g. still throttled after its retries) is counted, not the end of the run.
				settings: { onError: 'continueRegularOutput' },
				parameters: fromTableParameters(target.baseConnectionId, {
					concurrency,
					adaptToThrottling,
				}),
			},
		],
	});
	const cpu = process.cpuUsage();
	const started = performance.now();
	const result = await runWorkflow(workflow, { credentials: [emulatorCredential(target.access)] });
	const wallMs = performance.now() - started;
	const { user, system } = process.cpuUsage(cpu);
	const output = result.outputOf(NODE).map((item) => item.json);
	const failed = output.filter((json) => json.error !== undefined);
	return {
		wallMs,
		cpuMs: (user + system) / 1000,
		failedItems: failed.length + (target.tables - output.length),
		itemsCreating: output.filter((json) => ((json.created as IDataObject[]) ?? []).length > 0)
			.length,
		firstError: result.error?.message ?? (failed[0]?.error as string | undefined),
	};
}

finishWorker(async (): Promise<FromTableResult> => {
	const job = jobOf<FromTableJob>();
	await runOnce(job.warmup, job.concurrency, job.adaptToThrottling);
	const once = () => runOnce(job.run, job.concurrency, job.adaptToThrottling);
	const { value: first, split } = job.profile
		? await profiled(once)
		: { value: await once(), split: undefined };
	if (!job.rerun) return { first, split };
	const rerunStartedAt = Date.now();
	return { first, split, rerunStartedAt, rerun: await once() };
});
