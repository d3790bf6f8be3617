/**
 * Runs one bench worker (a TypeScript file) in a child process of its own, so that the emulators'
 * event loop (in the bench's process) does not share its CPU: the job goes in as env BENCH_JOB
 * (JSON), the result comes back as the stdout line `BENCH_RESULT <json>`.
 */
import { spawn } from 'node:child_process';

import { RESULT_PREFIX } from './workload';

const WORKER_TIMEOUT_MS = 15 * 60_000;

export interface ChildOutcome<R> {
	/** The worker's result; undefined when it broke (then `problem` says how). */
	result?: R;
	problem?: string;
}

export async function runChild<R>(workerFile: string, job: unknown): Promise<ChildOutcome<R>> {
	// Asynchronously: the emulators answer the worker from this process's event loop.
	const child = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
		(resolve) => {
			const proc = spawn(process.execPath, ['--import', 'tsx', workerFile], {
				env: { ...process.env, BENCH_JOB: JSON.stringify(job) },
				timeout: WORKER_TIMEOUT_MS,
			});
			let stdout = '';
			let stderr = '';
			proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
			proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
			proc.on('close', (code) => resolve({ code, stdout, stderr }));
		},
	);
	const line = child.stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
	if (child.code !== 0 || !line)
		return {
			problem: `worker exited with ${child.code}: ${child.stderr.trim().split('\n').slice(-5).join(' | ')}`,
		};
	return { result: JSON.parse(line.slice(RESULT_PREFIX.length)) as R };
}

/** Writes the worker's result line and exits (keep-alive sockets of n8n's HTTP client would hold the process open). */
export function finishWorker(work: () => Promise<unknown>): void {
	work().then(
		(result) => {
			process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
			process.exit(0);
		},
		(error: unknown) => {
			process.stderr.write(
				`bench worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
			);
			process.exit(1);
		},
	);
}

/** The job a worker was started with. */
export const jobOf = <J>(): J => JSON.parse(process.env.BENCH_JOB ?? '') as J;
