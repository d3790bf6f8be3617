/** Child processes with time limits, output captured to files, and group kill on cleanup. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';

export interface RunResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	ms: number;
	timedOut: boolean;
}

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	timeoutMs: number;
	/** stdout and stderr are also written to `<outputPrefix>.stdout` / `.stderr`. */
	outputPrefix?: string;
	/** Called with each chunk of stdout as it arrives (progress output). */
	onStdout?: (chunk: string) => void;
}

/** Kills the whole process group (the child was started detached, so it leads its own group). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// Already gone.
	}
}

const runningCommands = new Set<ChildProcess>();

export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		runningCommands.add(child);
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		child.stdout!.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			options.onStdout?.(chunk.toString());
		});
		child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child, 'SIGKILL');
		}, options.timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			runningCommands.delete(child);
			if (options.outputPrefix) {
				writeFileSync(`${options.outputPrefix}.stdout`, stdout);
				writeFileSync(`${options.outputPrefix}.stderr`, stderr);
			}
			resolve({ code, signal, stdout, stderr, ms: Date.now() - started, timedOut });
		});
	});
}

export interface Daemon {
	child: ChildProcess;
	/** Everything the process printed so far (stdout and stderr interleaved). */
	output(): string;
	exited(): boolean;
	stop(): Promise<void>;
}

/** Daemons still running, so that an interrupted run can stop them (see stopAllDaemons). */
const live = new Set<Daemon>();

export async function stopAllDaemons(): Promise<void> {
	for (const child of runningCommands) killGroup(child, 'SIGKILL');
	await Promise.all([...live].map((d) => d.stop()));
}

/** Starts a long-running process whose output goes to `logFile` (and is kept in memory). */
export function startDaemon(
	command: string,
	args: string[],
	env: NodeJS.ProcessEnv,
	logFile: string,
): Daemon {
	const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	const file = createWriteStream(logFile);
	let output = '';
	let exited = false;
	const onData = (chunk: Buffer) => {
		output += chunk.toString();
		file.write(chunk);
	};
	child.stdout!.on('data', onData);
	child.stderr!.on('data', onData);
	const closed = new Promise<void>((resolve) =>
		child.on('close', () => {
			exited = true;
			live.delete(daemon);
			file.end();
			resolve();
		}),
	);
	const daemon: Daemon = {
		child,
		output: () => output,
		exited: () => exited,
		async stop() {
			if (exited) return;
			killGroup(child, 'SIGTERM');
			const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 15_000);
			await closed;
			clearTimeout(timer);
		},
	};
	live.add(daemon);
	return daemon;
}

export function tail(text: string, lines = 40): string {
	return text.split('\n').slice(-lines).join('\n');
}
