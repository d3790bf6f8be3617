/** Variant A: our node inside n8n's engine (test/engine/harness.ts), with memory sampling. */
import { runWorkflow, type WorkflowDefinition } from '../../test/engine/harness';
import { credentialData, type EmulatorAccess } from './config';
import { OUR_NODE, ourNodeWorkflow } from './workflows';

export interface MemoryFigures {
	/** Before the measured runs (after warm-up). */
	baselineRssMb: number;
	baselineHeapMb: number;
	/** Highest values sampled every 10 ms during the measured runs. */
	peakRssMb: number;
	peakHeapUsedMb: number;
	/** process.resourceUsage().maxRSS: the process's peak RSS over its whole life. */
	maxRssMb: number;
}

export interface EngineRunResult {
	wallMs: number;
	/** executionTime n8n recorded for our node. */
	nodeMs: number;
	items: number;
	failedItems: number;
	firstError?: string;
}

const MB = 1024 * 1024;

export async function runOurNodeInEngine(access: EmulatorAccess, count: number, concurrency: number, prefix: string): Promise<EngineRunResult> {
	const credential = { id: 'bench-cred', name: 'AEP (bench emulator)' };
	// The same JSON real n8n imports; its loose parameter typing is what n8n's INode expects.
	const definition = ourNodeWorkflow('benchEngine00001', count, concurrency, prefix, credential) as unknown as WorkflowDefinition;
	const started = performance.now();
	const result = await runWorkflow(definition, {
		credentials: [{ ...credential, type: 'adobeExperiencePlatformApi', data: credentialData(access) }],
	});
	const wallMs = performance.now() - started;
	const output = result.outputOf(OUR_NODE).map((item) => item.json);
	const failed = output.filter((json) => json.error !== undefined);
	const runs = result.runData[OUR_NODE] ?? [];
	const firstError = result.error?.message ?? (failed[0]?.error as string | undefined);
	return {
		wallMs,
		nodeMs: runs[runs.length - 1]?.executionTime ?? NaN,
		items: output.length,
		failedItems: failed.length + (result.error ? count - output.length : 0),
		firstError,
	};
}

/** Runs `fn` while sampling process.memoryUsage() every 10 ms. */
export async function withMemorySampling<T>(fn: () => Promise<T>): Promise<{ value: T; memory: MemoryFigures }> {
	const before = process.memoryUsage();
	let peakRss = before.rss;
	let peakHeap = before.heapUsed;
	const sample = () => {
		const now = process.memoryUsage();
		if (now.rss > peakRss) peakRss = now.rss;
		if (now.heapUsed > peakHeap) peakHeap = now.heapUsed;
	};
	const timer = setInterval(sample, 10);
	try {
		const value = await fn();
		sample();
		return {
			value,
			memory: {
				baselineRssMb: before.rss / MB,
				baselineHeapMb: before.heapUsed / MB,
				peakRssMb: peakRss / MB,
				peakHeapUsedMb: peakHeap / MB,
				maxRssMb: process.resourceUsage().maxRSS / 1024,
			},
		};
	} finally {
		clearInterval(timer);
	}
}
