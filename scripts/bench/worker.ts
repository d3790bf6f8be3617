/**
 * Child process for variants A and B, so that each measurement has a process of its own (clean
 * memory figures, no CPU shared with the emulator's event loop, which stays in the parent).
 * Input: env BENCH_JOB (JSON WorkerJob). Output: one line `BENCH_RESULT <json>` on stdout.
 */
import { RESULT_PREFIX, type WorkerJob, type WorkerResult } from './config';
import { runOurNodeInEngine, withMemorySampling } from './engine';
import { runRawClient } from './raw';

async function main(): Promise<void> {
	const job = JSON.parse(process.env.BENCH_JOB ?? '') as WorkerJob;
	const once = job.mode === 'engine' ? runOurNodeInEngine : runRawClient;
	await once(job.warmup, job.warmupCount, job.concurrency, `${job.prefix} warm-up`);
	const { value: runs, memory } = await withMemorySampling(async () => {
		const results: unknown[] = [];
		for (const [i, access] of job.accesses.entries()) results.push(await once(access, job.count, job.concurrency, `${job.prefix} r${i + 1}`));
		return results;
	});
	const result: WorkerResult = { runs, memory: job.mode === 'engine' ? memory : undefined };
	process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

main().then(
	// Exit explicitly: keep-alive sockets of n8n's HTTP client would hold the process open.
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`bench worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	},
);
