/** Named, timed steps: a failure names the step that failed and what to look at. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export class StepFailure extends Error {
	constructor(
		readonly step: string,
		message: string,
		/** Files worth reading after the failure (n8n logs, command output). */
		readonly evidence: string[] = [],
	) {
		super(message);
		this.name = 'StepFailure';
	}
}

/** Thrown inside a step for an expected-vs-actual mismatch; the step wrapper adds the step name. */
export class CheckFailure extends Error {
	constructor(
		message: string,
		readonly evidence: string[] = [],
	) {
		super(message);
		this.name = 'CheckFailure';
	}
}

export function check(
	condition: unknown,
	message: string,
	evidence: string[] = [],
): asserts condition {
	if (!condition) throw new CheckFailure(message, evidence);
}

export interface Timing {
	step: string;
	ms: number;
	ok: boolean;
}

export const timings: Timing[] = [];

const stamp = () => new Date().toISOString().slice(11, 19);

export function log(message: string): void {
	process.stdout.write(`[e2e ${stamp()}] ${message}\n`);
}

export async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
	log(`> ${name}`);
	const started = Date.now();
	try {
		const result = await fn();
		const ms = Date.now() - started;
		timings.push({ step: name, ms, ok: true });
		log(`  ok ${name} (${(ms / 1000).toFixed(1)} s)`);
		return result;
	} catch (error) {
		timings.push({ step: name, ms: Date.now() - started, ok: false });
		if (error instanceof StepFailure) throw error;
		const evidence = error instanceof CheckFailure ? error.evidence : [];
		const message = error instanceof Error ? error.message : String(error);
		throw new StepFailure(name, message, evidence);
	}
}

export function printTimings(): void {
	const width = Math.max(...timings.map((t) => t.step.length), 10);
	log('timings:');
	for (const t of timings) {
		process.stdout.write(
			`  ${t.ok ? ' ' : '!'} ${t.step.padEnd(width)}  ${(t.ms / 1000).toFixed(1).padStart(6)} s\n`,
		);
	}
}

/** Prints why a run failed (`label` FAILED at step …), the evidence files and the n8n logs under `work`. */
export function reportFailure(label: string, error: unknown, work: string): void {
	if (error instanceof StepFailure) {
		process.stdout.write(`\n${label} FAILED at step: ${error.step}\n${error.message}\n`);
		if (error.evidence.length)
			process.stdout.write(`evidence:\n${error.evidence.map((e) => `  ${e}`).join('\n')}\n`);
	} else {
		process.stdout.write(
			`\n${label} FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
		);
	}
	const logs = readdirSync(work, { recursive: true, encoding: 'utf8' }).filter((f) =>
		f.endsWith('n8n.log'),
	);
	if (logs.length)
		process.stdout.write(`n8n logs:\n${logs.map((f) => `  ${join(work, f)}`).join('\n')}\n`);
}
