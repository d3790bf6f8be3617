/**
 * `npm run test:queue`: the packed package in the current n8n 2.x (test/e2e/versions.json) in **queue mode** (one main, two workers,
 * Redis, PostgreSQL), all on loopback ports, driven by webhooks against the in-process emulator.
 *
 *   1. Redis and PostgreSQL from Debian (apt-get, only when missing), that n8n on Node 24
 *      (install-n8n.sh, cached), npm pack.
 *   2. Redis, PostgreSQL (initdb in a temporary folder), the emulator; one user folder per n8n
 *      process, each with the package installed as n8n's installer does; credential + webhook
 *      workflow and the polling trigger workflow (every dataflow, any finished run, every minute)
 *      imported and published; the main and two workers started.
 *   3. Rounds, 10 webhook calls in flight: 100 new names; the same 100 names again (Reuse It:
 *      nothing created); 50 new names with faults (429, 503, reset after create, spread over the
 *      round) and all tokens revoked before the round and again when half of it has answered.
 *   4. The chain round (issue 21): Dataflow › Create From Table for 10 tables, each sent 4 times as
 *      concurrent executions, the creates delayed in the emulator so executions interleave; each
 *      table must end with exactly one chain (test/queue/chain.ts).
 *   5. The trigger: a dataflow gets 3 finished runs; the poller, which n8n runs on the main, must
 *      emit exactly one item per run (checked again after one more poll); its executions (one per
 *      poll that found runs) run on the workers.
 *   6. Pass only if every execution succeeded, both workers ran executions, no name was created
 *      twice, the reuse round created nothing, each revoke led to at most (workers + 1) new tokens,
 *      and no secret is in PostgreSQL's stored executions, the n8n logs or the webhook answers.
 *
 * Everything started is stopped by PID (process group), also on failure, Ctrl-C or the overall
 * time limit (QUEUE_TIMEOUT_MIN, default 25 minutes). Prints what it measured. QUEUE_KEEP=1 keeps
 * the work folder on success (it is kept on failure). QUEUE_ONLY=names,chain,trigger (any of them)
 * runs only those parts: names = rounds 1-3; chain or trigger alone first creates one base connection
 * through the webhook.
 */
import { randomBytes } from 'node:crypto';
import {
	chmodSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DEFAULT_TABLES, startEmulator, type Fault, type StartedEmulator } from '../emulator';
import { decodeStoredRows, type DumpRow, type StoredExecution } from '../e2e/lib/executions';
import {
	createInstance,
	installPackage,
	n8nCli,
	versions,
	warnings,
	type N8nInstance,
} from '../e2e/lib/n8n';
import { run, startDaemon, stopAllDaemons, type Daemon } from '../e2e/lib/proc';
import { emulatorCredential } from '../support/credentials';
import { seedDataflows } from '../support/dataflows';
import { CREDENTIAL_TYPE, NODE_TYPE, chainWorkflow, webhookNode } from '../support/workflow';
import { accessTokensSent } from '../support/emulatorQueries';
import { EMULATOR_TOKEN_PATTERN, findSecrets, findSecretsInText } from '../support/secrets';
import { freePort, startN8n } from '../e2e/lib/server';
import { installN8nStep, packStep } from '../e2e/lib/setup';
import { check, log, printTimings, reportFailure, step } from '../e2e/lib/steps';
import { scanStoredExecutions } from '../e2e/stored-leak-check';
import {
	CHAIN_CREATE_LATENCY_MS,
	CHAIN_SENDS,
	CHAIN_TABLES,
	CHAIN_WORKFLOW_ID,
	chainRound,
	chainRoundWorkflow,
	chainSummary,
	chainTables,
	type ChainFindings,
} from './chain';
import { installFromDebian, startPostgres, startRedis, type Postgres } from './services';
import { ANSWER_TIMEOUT_MS, IN_FLIGHT, fire, type Call } from './webhooks';

const WORKERS = 2;
const WORKER_CONCURRENCY = 10;
const NEW_NAMES = 100;
const FAULT_NAMES = 50;
const MAX_TOKENS_PER_REVOKE = WORKERS + 1;
const CONNECTIONS_PATH = '/data/foundation/flowservice/connections';
const RUNS_PATH = '/data/foundation/flowservice/runs';
const CREDENTIAL = { id: 'queueAepCred0001', name: 'AEP (emulator, queue mode)' };
const WORKFLOW_ID = 'queueAepWebhook1';
const TRIGGER_WORKFLOW_ID = 'queueAepTrigger1';
const TRIGGER_NODE = 'On finished run';
/** Runs the trigger check finishes: two failed, one successful (Any Run Finished fires for each). */
const TRIGGER_RUNS: Array<'failed' | 'success'> = ['failed', 'failed', 'success'];
const WEBHOOK_PATH = 'aep-queue-create';
const REDSHIFT_PASSWORD = `queue-redshift-pw-${randomBytes(12).toString('hex')}`;
const TIMEOUT_MS = Number(process.env.QUEUE_TIMEOUT_MIN || 25) * 60_000;
/** The parts QUEUE_ONLY can name; without it, all run. */
const PARTS = ['names', 'chain', 'trigger'] as const;
const ONLY = (process.env.QUEUE_ONLY ?? '')
	.split(',')
	.map((part) => part.trim())
	.filter(Boolean);
const runs = (part: (typeof PARTS)[number]) => ONLY.length === 0 || ONLY.includes(part);

const THROTTLED = {
	label: '429',
	fault: {
		status: 429,
		headers: { 'retry-after': '0' },
		body: { error_code: '429050', message: 'Too many requests' },
	},
};
const UNAVAILABLE = { label: '503', fault: { status: 503, headers: { 'retry-after': '0' } } };
const RESET_AFTER_CREATE = { label: 'reset after create', fault: { kind: 'reset-after' } as Fault };
/** Faults for POST /connections, one at a time, spread over the fault round (in this order). */
const FAULTS: Array<{ label: string; fault: Fault }> = [
	...[THROTTLED, UNAVAILABLE, RESET_AFTER_CREATE],
	...[THROTTLED, UNAVAILABLE, RESET_AFTER_CREATE],
	THROTTLED,
];

function workflow() {
	return chainWorkflow({
		id: WORKFLOW_ID,
		name: 'Queue: webhook -> create Redshift base connection (Reuse It)',
		nodes: [
			webhookNode(WEBHOOK_PATH, { responseData: 'firstEntryJson' }, 2.1),
			{
				name: 'Create connection',
				type: NODE_TYPE.adobeRedshiftConnection,
				parameters: {
					resource: 'baseConnection',
					operation: 'create',
					hosting: 'azure',
					name: '={{ $json.body.name }}',
					description: 'Created through n8n queue mode',
					server: 'queue.abc123xyz789.us-west-2.redshift.amazonaws.com',
					port: 5439,
					username: 'queue_loader',
					password: REDSHIFT_PASSWORD,
					database: 'dev',
					ifExists: 'reuse',
					options: { maxRetries: 3 },
				},
				credentials: { [CREDENTIAL_TYPE]: { ...CREDENTIAL } },
			},
		],
	});
}

/** The polling trigger: every dataflow of the sandbox, any finished run, polled every minute (published before start). */
function triggerWorkflow() {
	return chainWorkflow({
		id: TRIGGER_WORKFLOW_ID,
		name: 'Queue: Adobe Experience Platform Trigger (any run finished)',
		nodes: [
			{
				name: TRIGGER_NODE,
				type: NODE_TYPE.adobeExperiencePlatformTrigger,
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					event: 'anyRunFinished',
					scope: 'all',
				},
				credentials: { [CREDENTIAL_TYPE]: { ...CREDENTIAL } },
			},
		],
	});
}

interface TriggerFindings {
	runs: number;
	/** Items the trigger emitted: one per run. */
	items: number;
	/** Executions it started: one per poll that found finished runs. */
	executions: number;
	perWorker: number[];
	/** From the last run being marked finished to the last of its executions stored. */
	fireMs: number;
	/** GET /runs the main sent from the runs' end until the check ended (polls after firing included). */
	polls: number;
}

interface Round {
	label: string;
	calls: Call[];
	ms: number;
	/** Executions per worker (from each worker's "Worker started execution <id>" log lines). */
	perWorker: number[];
	tokensIssued: number;
	creates: number;
	/** Token requests per revoke in this round (fault round only). */
	tokensPerRevoke?: number[];
}

/** Execution ids each worker's log says it started (n8n 2.x stores no worker id with an execution). */
function startedByWorker(instance: N8nInstance): Set<number> {
	const text = existsSync(instance.logFile) ? readFileSync(instance.logFile, 'utf8') : '';
	return new Set([...text.matchAll(/Worker started execution (\d+)/g)].map((m) => Number(m[1])));
}

/** Resident memory (MiB) of a daemon's process group. */
async function rssMiB(daemon: Daemon): Promise<number> {
	const result = await run('ps', ['-o', 'rss=', '-g', String(daemon.child.pid)], {
		env: process.env,
		timeoutMs: 10_000,
	});
	return Math.round(
		result.stdout.split('\n').reduce((sum, line) => sum + (Number(line.trim()) || 0), 0) / 1024,
	);
}

/** Every stored execution, read from PostgreSQL as the sqlite reader returns them, decoded. */
async function storedExecutions(pg: Postgres, instance: N8nInstance): Promise<StoredExecution[]> {
	const json = await pg.query(
		`select coalesce(json_agg(json_build_object('entity', row_to_json(e), 'data', d.data, 'workflowData', d."workflowData"::text, ` +
			`'metadata', coalesce((select json_agg(json_build_object('key', m.key, 'value', m.value)) from execution_metadata m where m."executionId" = e.id), '[]'::json)) order by e.id), '[]'::json) ` +
			'from execution_entity e left join execution_data d on d."executionId" = e.id',
	);
	return decodeStoredRows(instance, JSON.parse(json) as DumpRow[]);
}

async function main(): Promise<void> {
	const n8n = versions()[0];
	const work = mkdtempSync(join(tmpdir(), 'n8n-aep-queue-'));
	// PostgreSQL runs as the postgres user, which must reach its folder inside this one.
	chmodSync(work, 0o755);
	log(`work folder: ${work}`);
	const daemons: Daemon[] = [];
	let emulator: StartedEmulator | undefined;
	let failed = true;
	const started = Date.now();
	const overall = setTimeout(() => {
		process.stdout.write(
			`\nQUEUE FAILED: over the time limit (${TIMEOUT_MS / 60_000} min); stopping everything\n`,
		);
		void stopAllDaemons().finally(() => process.exit(1));
	}, TIMEOUT_MS);
	const rounds: Round[] = [];
	/** Names whose webhook call got no answer (see `measure`). */
	const lostAnswers: string[] = [];
	const memory: string[] = [];
	let totals = { tokens: 0, connections: 0, duplicates: 0, executions: 0 };
	let trigger: TriggerFindings | undefined;
	let chain: ChainFindings | undefined;
	try {
		const unknownParts = ONLY.filter((part) => !(PARTS as readonly string[]).includes(part));
		check(
			unknownParts.length === 0,
			`QUEUE_ONLY names ${unknownParts.join(', ')}; allowed: ${PARTS.join(', ')}`,
		);
		const debian = await step('Redis and PostgreSQL from Debian (apt-get, when missing)', () =>
			installFromDebian(join(work, 'apt')),
		);
		log(`  ${debian}`);
		await installN8nStep(work);
		const tarball = await packStep(work);

		const ports = { redis: await freePort(), postgres: await freePort(), main: await freePort() };
		const redis = await step(`start Redis on 127.0.0.1:${ports.redis}`, () =>
			startRedis(mkdirIn(work, 'redis'), ports.redis),
		);
		daemons.push(redis);
		const pg = await step(
			`start PostgreSQL on 127.0.0.1:${ports.postgres} (initdb in the work folder)`,
			() =>
				startPostgres(
					join(work, 'pg'),
					ports.postgres,
					`queue-db-${randomBytes(8).toString('hex')}`,
				),
		);
		daemons.push(pg.daemon);
		emulator = await startEmulator({
			tables: [...DEFAULT_TABLES, ...chainTables()],
			clientId: `queue-client-${randomBytes(6).toString('hex')}`,
			clientSecret: `queue-secret-${randomBytes(12).toString('hex')}`,
		});
		const emu = emulator;
		log(`emulator on ${emu.baseUrl}`);

		// One n8n instance per process: its own user folder (with the package), log, broker port.
		const queueEnv = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(ports.redis),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(ports.postgres),
			DB_POSTGRESDB_DATABASE: pg.database,
			DB_POSTGRESDB_USER: pg.user,
			DB_POSTGRESDB_PASSWORD: pg.password,
			N8N_WEBHOOK_URL: `http://127.0.0.1:${ports.main}/`,
		};
		const instance = async (name: string, extra: Record<string, string> = {}) => {
			const created = createInstance(n8n, join(work, name), {
				port: ports.main,
				brokerPort: await freePort(),
			});
			Object.assign(created.env, queueEnv, extra);
			return created;
		};
		const main = await instance('main');
		const workers: N8nInstance[] = [];
		const healthPorts: number[] = [];
		for (let i = 1; i <= WORKERS; i++) {
			healthPorts.push(await freePort());
			workers.push(
				await instance(`worker${i}`, {
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPorts[i - 1]),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				}),
			);
		}
		await step(`install the package for every process (main + ${WORKERS} workers)`, async () => {
			await Promise.all(
				[main, ...workers].map(async (each) => await installPackage(each, tarball)),
			);
		});

		await step(
			'import the credential and the webhook workflow, publish it (runs the migrations)',
			async () => {
				writeFileSync(
					join(work, 'credentials.json'),
					JSON.stringify([emulatorCredential(emu, {}, CREDENTIAL)]),
				);
				writeFileSync(join(work, 'workflow.json'), JSON.stringify(workflow()));
				writeFileSync(join(work, 'trigger-workflow.json'), JSON.stringify(triggerWorkflow()));
				writeFileSync(
					join(work, 'chain-workflow.json'),
					JSON.stringify(chainRoundWorkflow(CREDENTIAL)),
				);
				await n8nCli(main, ['import:credentials', `--input=${join(work, 'credentials.json')}`], {
					timeoutMs: 300_000,
				});
				rmSync(join(work, 'credentials.json'));
				await n8nCli(main, ['import:workflow', `--input=${join(work, 'workflow.json')}`]);
				await n8nCli(main, ['publish:workflow', `--id=${WORKFLOW_ID}`]);
				await n8nCli(main, ['import:workflow', `--input=${join(work, 'trigger-workflow.json')}`]);
				await n8nCli(main, ['publish:workflow', `--id=${TRIGGER_WORKFLOW_ID}`]);
				await n8nCli(main, ['import:workflow', `--input=${join(work, 'chain-workflow.json')}`]);
				await n8nCli(main, ['publish:workflow', `--id=${CHAIN_WORKFLOW_ID}`]);
			},
		);

		const mainProcess = await step('start the main (n8n start)', async () => {
			const running = await startN8n(main, 240_000);
			daemons.push(running.daemon);
			// The published workflow's webhook is registered when its row appears (logged at debug only).
			const deadline = Date.now() + 60_000;
			while (
				(await pg.query(
					`select count(*) from webhook_entity where "workflowId" = '${WORKFLOW_ID}'`,
				)) === '0'
			) {
				check(Date.now() < deadline, 'the webhook was not registered within 60 s of start-up', [
					main.logFile,
				]);
				await new Promise((r) => setTimeout(r, 250));
			}
			return running;
		});
		const workerDaemons = await step(
			`start ${WORKERS} workers (n8n worker --concurrency=${WORKER_CONCURRENCY})`,
			async () => {
				const started = workers.map((w) => {
					const daemon = startDaemon(
						join(n8n.nodeBin, 'node'),
						[n8n.cli, 'worker', `--concurrency=${WORKER_CONCURRENCY}`],
						w.env,
						join(w.outputDir, 'n8n-worker.output'),
					);
					daemons.push(daemon);
					return daemon;
				});
				for (const [i, daemon] of started.entries()) {
					const deadline = Date.now() + 240_000;
					for (;;) {
						check(!daemon.exited(), `worker ${i + 1} exited early`, [
							workers[i].logFile,
							join(workers[i].outputDir, 'n8n-worker.output'),
						]);
						const ready = await fetch(`http://127.0.0.1:${healthPorts[i]}/healthz/readiness`, {
							signal: AbortSignal.timeout(2_000),
						}).then(
							(r) => r.ok,
							() => false,
						);
						if (ready) break;
						check(Date.now() < deadline, `worker ${i + 1} not ready within 240 s`, [
							workers[i].logFile,
						]);
						await new Promise((r) => setTimeout(r, 500));
					}
				}
				return started;
			},
		);

		const url = `${mainProcess.baseUrl}/webhook/${WEBHOOK_PATH}`;
		const tag = randomBytes(3).toString('hex');
		const names = (prefix: string, count: number) =>
			Array.from(
				{ length: count },
				(_, i) => `Queue ${tag} ${prefix} ${String(i + 1).padStart(3, '0')}`,
			);
		/** A step of one QUEUE_ONLY part: skipped, and said so, when that part is not selected. */
		const partStep = async (
			part: (typeof PARTS)[number],
			name: string,
			fn: () => Promise<void>,
		) => {
			if (runs(part)) await step(name, fn);
			else log(`- skipped (QUEUE_ONLY=${ONLY.join(',')}): ${name}`);
		};
		const measure = async (
			label: string,
			roundNames: string[],
			options: {
				beforeRound?: () => void;
				onAnswer?: (answered: number) => Promise<void> | void;
			} = {},
		) => {
			const seen = workers.map(startedByWorker);
			const tokensBefore = emu.tokensIssued();
			const requestsBefore = emu.requests().length;
			options.beforeRound?.();
			const t0 = Date.now();
			const calls = await fire(
				url,
				roundNames.map((name) => ({ name })),
				options.onAnswer,
			);
			const ms = Date.now() - t0;
			const requests = emu.requests().slice(requestsBefore);
			const round: Round = {
				label,
				calls,
				ms,
				perWorker: workers.map(
					(w, i) => [...startedByWorker(w)].filter((id) => !seen[i].has(id)).length,
				),
				tokensIssued: emu.tokensIssued() - tokensBefore,
				creates: requests.filter(
					(r) => r.method === 'POST' && r.path === CONNECTIONS_PATH && r.status === 201,
				).length,
			};
			rounds.push(round);
			// Measured: under load, n8n 2.40.7's main now and then never answers a webhook whose job a
			// worker finished ("Execution N (job N) finished" logged, never finalized). The execution
			// itself is judged from PostgreSQL at the end (it must be stored, successful).
			const lost = calls.filter((c) => c.status === 0);
			lostAnswers.push(...lost.map((c) => c.name));
			if (lost.length)
				log(
					`  ${lost.length} webhook calls got no answer from n8n's main within ${ANSWER_TIMEOUT_MS / 1000} s; their executions are checked in PostgreSQL`,
				);
			const failedCalls = calls.filter(
				(c) => c.status !== 0 && (c.status !== 200 || typeof c.body.id !== 'string'),
			);
			check(
				failedCalls.length === 0,
				`${label}: ${failedCalls.length} of ${calls.length} executions failed, e.g. ${failedCalls
					.slice(0, 3)
					.map((c) => `${c.name}: HTTP ${c.status} ${JSON.stringify(c.body).slice(0, 300)}`)
					.join('; ')}`,
				[...workers.map((w) => w.logFile), main.logFile],
			);
			log(
				`  ${calls.length} executions ok in ${(ms / 1000).toFixed(1)} s; per worker ${round.perWorker.join(' / ')}; tokens issued ${round.tokensIssued}; connections created ${round.creates}`,
			);
			return round;
		};

		const firstNames = names('new', NEW_NAMES);
		await partStep(
			'names',
			`round 1: ${NEW_NAMES} webhook executions, new names (${IN_FLIGHT} in flight)`,
			async () => {
				const round = await measure('new names', firstNames);
				check(
					round.creates === NEW_NAMES,
					`round 1 created ${round.creates} connections for ${NEW_NAMES} new names`,
				);
			},
		);
		if (runs('names'))
			for (const [i, daemon] of [mainProcess.daemon, ...workerDaemons].entries())
				memory.push(`${i === 0 ? 'main' : `worker ${i}`} ${await rssMiB(daemon)} MiB`);

		await partStep(
			'names',
			`round 2: the same ${NEW_NAMES} names again (Reuse It: creates nothing)`,
			async () => {
				const round = await measure('same names again', firstNames);
				check(round.creates === 0, `the reuse round created ${round.creates} connections`);
				const notReused = round.calls.filter((c) => c.status !== 0 && c.body.reused !== true);
				check(
					notReused.length === 0,
					`${notReused.length} executions of the reuse round did not answer reused: true, e.g. ${JSON.stringify(notReused[0]?.body ?? {}).slice(0, 200)}`,
				);
			},
		);

		await partStep(
			'names',
			`round 3: ${FAULT_NAMES} new names; 429, 503, reset after create; all tokens revoked before and halfway`,
			async () => {
				const step = Math.floor(FAULT_NAMES / (FAULTS.length + 1));
				let injected = 0;
				let revokedHalfway = false;
				let tokensAtSecondRevoke = 0;
				let tokensAtFirstRevoke = 0;
				const events: string[] = [];
				const round = await measure('faults + 2 revokes', names('fault', FAULT_NAMES), {
					beforeRound: () => {
						tokensAtFirstRevoke = emu.tokensIssued();
						emu.revokeAllTokens();
						events.push('0 answered: revoke', `0 answered: ${FAULTS[injected].label}`);
						emu.failNext({ method: 'POST', path: CONNECTIONS_PATH }, 1, FAULTS[injected++].fault);
					},
					onAnswer: (answered) => {
						if (!revokedHalfway && answered >= FAULT_NAMES / 2) {
							revokedHalfway = true;
							tokensAtSecondRevoke = emu.tokensIssued();
							emu.revokeAllTokens();
							events.push(`${answered} answered: revoke`);
						}
						if (injected < FAULTS.length && answered >= injected * step) {
							events.push(`${answered} answered: ${FAULTS[injected].label}`);
							emu.failNext({ method: 'POST', path: CONNECTIONS_PATH }, 1, FAULTS[injected++].fault);
						}
					},
				});
				round.tokensPerRevoke = [
					tokensAtSecondRevoke - tokensAtFirstRevoke,
					emu.tokensIssued() - tokensAtSecondRevoke,
				];
				log(`  events: ${events.join('; ')}`);
				log(
					`  tokens issued after revoke 1: ${round.tokensPerRevoke[0]}, after revoke 2: ${round.tokensPerRevoke[1]}`,
				);
				check(
					revokedHalfway && injected === FAULTS.length,
					`only ${injected} of ${FAULTS.length} faults were injected`,
				);
				const hit = emu.requests().filter((r) => r.fault).length;
				check(hit === FAULTS.length, `${hit} of ${FAULTS.length} injected faults were met`);
				check(
					round.creates === FAULT_NAMES,
					`the fault round created ${round.creates} connections for ${FAULT_NAMES} new names`,
				);
				for (const [i, count] of round.tokensPerRevoke.entries()) {
					check(
						count >= 1 && count <= MAX_TOKENS_PER_REVOKE,
						`revoke ${i + 1} was followed by ${count} new tokens; expected 1 to ${MAX_TOKENS_PER_REVOKE} (workers + 1)`,
					);
				}
			},
		);

		// The chain round and the trigger need a base connection that some output names (the leak scans' control).
		const baseConnectionId = async () => {
			if (emu.connections().length === 0)
				await step(
					'one base connection through the webhook (for the parts that need one)',
					async () => {
						await measure('base connection', names('base', 1));
					},
				);
			return emu.connections()[0].id;
		};

		await partStep(
			'chain',
			`chain: Create From Table, ${CHAIN_TABLES} tables x ${CHAIN_SENDS} concurrent executions (${IN_FLIGHT} in flight, creates delayed ${CHAIN_CREATE_LATENCY_MS} ms): one chain per table`,
			async () => {
				const base = await baseConnectionId();
				await chainRound(
					{
						emu,
						baseUrl: mainProcess.baseUrl,
						baseConnectionId: base,
						tag,
						workerStarts: () => workers.map(startedByWorker),
						storedExecutions: () => storedExecutions(pg, main),
						evidence: [...workers.map((w) => w.logFile), main.logFile],
					},
					(findings) => (chain = findings),
				);
			},
		);

		await partStep(
			'trigger',
			`trigger: the poller (on the main) emits each finished run once (${TRIGGER_RUNS.length}), its executions run on the workers`,
			async () => {
				const isTrigger = (e: StoredExecution) => e.workflowId === TRIGGER_WORKFLOW_ID;
				const triggerExecutions = async () => (await storedExecutions(pg, main)).filter(isTrigger);
				// One execution per poll that found runs; one item per run.
				const firedRunIds = async () =>
					(await triggerExecutions()).flatMap((e) =>
						(e.data.resultData?.runData?.[TRIGGER_NODE]?.[0]?.data?.main?.[0] ?? []).map((item) =>
							String(item.json.runId),
						),
					);
				check(
					(await firedRunIds()).length === 0,
					'the trigger fired before any run existed (activation must not replay history)',
				);
				// A dataflow on a connection the rounds created (the leak scans expect every connection in some output).
				const [flowId] = await seedDataflows(emu, ['queue orders hourly'], {
					baseConnectionId: await baseConnectionId(),
				});
				const seen = workers.map(startedByWorker);
				const pollsBefore = emu
					.requests()
					.filter((r) => r.method === 'GET' && r.path === RUNS_PATH).length;
				const runIds = TRIGGER_RUNS.map((status) => {
					const { id } = emu.startRun(flowId);
					emu.finishRun(id, { status });
					return id;
				});
				const finishedAt = Date.now();
				let fired: string[] = [];
				for (
					const deadline = Date.now() + 150_000;
					(fired = await firedRunIds()).length < runIds.length;

				) {
					check(
						Date.now() < deadline,
						`150 s after ${runIds.length} runs finished the trigger had started ${fired.length} executions`,
						[main.logFile],
					);
					await new Promise((r) => setTimeout(r, 2_000));
				}
				const fireMs = Date.now() - finishedAt;
				// One more poll after firing: it must start nothing.
				const pollsAtFire = emu
					.requests()
					.filter((r) => r.method === 'GET' && r.path === RUNS_PATH).length;
				for (
					const deadline = Date.now() + 90_000;
					emu.requests().filter((r) => r.method === 'GET' && r.path === RUNS_PATH).length ===
					pollsAtFire;

				) {
					check(Date.now() < deadline, 'the main did not poll again within 90 s of firing', [
						main.logFile,
					]);
					await new Promise((r) => setTimeout(r, 1_000));
				}
				await new Promise((r) => setTimeout(r, 10_000));
				fired = await firedRunIds();
				check(
					fired.length === runIds.length && [...fired].sort().join() === [...runIds].sort().join(),
					`the trigger fired for [${fired.join(', ')}], expected each of [${runIds.join(', ')}] once`,
				);
				const executions = (await triggerExecutions()).length;
				const perWorker = workers.map(
					(w, i) => [...startedByWorker(w)].filter((id) => !seen[i].has(id)).length,
				);
				check(
					perWorker.reduce((a, b) => a + b, 0) === executions,
					`workers started ${perWorker.join(' / ')} executions; the trigger's stored executions: ${executions}`,
					workers.map((w) => w.logFile),
				);
				const polls =
					emu.requests().filter((r) => r.method === 'GET' && r.path === RUNS_PATH).length -
					pollsBefore;
				trigger = {
					runs: runIds.length,
					items: fired.length,
					executions,
					perWorker,
					fireMs,
					polls,
				};
				log(
					`  ${fired.length} items (one per run) in ${executions} executions, ${(fireMs / 1000).toFixed(1)} s after the runs finished; on workers ${perWorker.join(' / ')}; ${polls} GET /runs by the main`,
				);
			},
		);

		await step('both workers ran executions, the main none; no duplicate connection', async () => {
			const perWorker = workers.map(
				(_, i) => rounds.reduce((sum, r) => sum + r.perWorker[i], 0) + (chain?.perWorker[i] ?? 0),
			);
			check(
				perWorker.every((n) => n > 0),
				`executions per worker: ${perWorker.join(' / ')}; a worker ran none`,
				workers.map((w) => w.logFile),
			);
			check(
				startedByWorker(main).size === 0,
				'the main ran executions itself; queue mode is not in effect',
				[main.logFile],
			);
			const connectionNames = emu.connections().map((c) => c.name);
			const expectedConnections = runs('names')
				? NEW_NAMES + FAULT_NAMES
				: rounds.reduce((sum, r) => sum + r.creates, 0);
			const duplicates = connectionNames.length - new Set(connectionNames).size;
			totals = {
				tokens: emu.tokensIssued(),
				connections: connectionNames.length,
				duplicates,
				executions: rounds.reduce((sum, r) => sum + r.calls.length, 0),
			};
			check(duplicates === 0, `${duplicates} duplicate connections (same name created twice)`);
			check(
				connectionNames.length === expectedConnections,
				`the emulator holds ${connectionNames.length} connections, expected ${expectedConnections}`,
			);
		});

		// Stop n8n first, so that every log is complete and every execution stored.
		for (const daemon of [...workerDaemons, mainProcess.daemon]) await daemon.stop();

		await step("no secret in PostgreSQL's stored executions", async () => {
			const executions = await storedExecutions(pg, main);
			const webhookRuns = executions.filter((e) => e.workflowId === WORKFLOW_ID);
			check(
				webhookRuns.length === totals.executions &&
					executions.length ===
						totals.executions + (trigger?.executions ?? 0) + (chain?.calls.length ?? 0),
				`PostgreSQL holds ${executions.length} executions (${webhookRuns.length} of the webhook), the webhooks ran ${totals.executions}, the trigger ${trigger?.executions ?? 0} and the chain round ${chain?.calls.length ?? 0}`,
			);
			const notOk = executions.filter((e) => e.status !== 'success');
			check(
				notOk.length === 0,
				`${notOk.length} stored executions did not succeed (e.g. ${notOk[0]?.id}: ${notOk[0]?.status})`,
			);
			// Every call without an answer has its execution stored, successful, with its connection.
			const storedName = (e: StoredExecution) =>
				(
					e.data.resultData?.runData?.Webhook?.[0]?.data?.main?.[0]?.[0]?.json?.body as
						| { name?: unknown }
						| undefined
				)?.name;
			for (const name of lostAnswers) {
				const stored = executions.filter((e) => storedName(e) === name);
				check(
					stored.length >= 1,
					`no stored execution for "${name}", whose webhook call got no answer`,
				);
				check(
					stored.some(
						(e) =>
							typeof e.data.resultData?.runData?.['Create connection']?.[0]?.data?.main?.[0]?.[0]
								?.json?.id === 'string',
					),
					`the stored execution for "${name}" has no connection id`,
				);
			}
			const everywhere: Record<string, string> = { 'client secret': emu.options.clientSecret };
			const tokens = accessTokensSent(emu);
			if (tokens.length !== totals.tokens)
				warnings.push(
					`IMS issued ${totals.tokens} tokens, ${tokens.length} reached a request; the scan finds the others by pattern only`,
				);
			for (const token of tokens)
				check(
					EMULATOR_TOKEN_PATTERN.test(token),
					'an access token does not match EMULATOR_TOKEN_PATTERN',
				);
			tokens.forEach((t, i) => (everywhere[`access token #${i + 1}`] = t));
			const hits = scanStoredExecutions(
				executions,
				everywhere,
				{ 'Redshift password': REDSHIFT_PASSWORD },
				emu,
			);
			// Control: the search does find the password where n8n stores it by design (the workflow snapshot).
			const control = findSecretsInText('workflow snapshot', executions[0].text.workflowData, {
				'Redshift password': REDSHIFT_PASSWORD,
			});
			check(
				control.length === 1,
				'control: the search did not find the Redshift password in the stored workflow snapshot; it cannot be trusted',
			);
			check(hits.length === 0, `secrets in PostgreSQL's stored executions:\n${hits.join('\n')}`);
			log(
				`  scanned ${executions.length} stored executions for ${Object.keys(everywhere).length + 1} secrets (and token-shaped text)`,
			);
		});

		await step('no secret in the n8n logs or the webhook answers', async () => {
			const answers = join(work, 'webhook-answers.json');
			writeFileSync(answers, JSON.stringify([...rounds.map((r) => r.calls), chain?.calls ?? []]));
			const files = [
				answers,
				...[main, ...workers].flatMap((i) => [
					i.logFile,
					...readdirSync(i.outputDir).map((f) => join(i.outputDir, f)),
				]),
			];
			const secrets: Record<string, string> = {
				'client secret': emu.options.clientSecret,
				'Redshift password': REDSHIFT_PASSWORD,
			};
			accessTokensSent(emu).forEach((t, i) => (secrets[`access token #${i + 1}`] = t));
			// Control: the searched text holds every execution's answer and every worker's log.
			const searched = files
				.filter(existsSync)
				.map((f) => readFileSync(f, 'utf8'))
				.join('\n');
			for (const connection of emu.connections())
				check(
					searched.includes(connection.id),
					`connection id ${connection.id} is in none of the searched files`,
				);
			const leaks = findSecrets(files, secrets);
			check(leaks.length === 0, `secrets found:\n${leaks.join('\n')}`, files);
			log(`  searched ${files.length} files for ${Object.keys(secrets).length} secrets`);
		});
		failed = false;
	} catch (error) {
		reportFailure('QUEUE', error, work);
		process.stdout.write(`work folder kept: ${work}\n`);
	} finally {
		clearTimeout(overall);
		// Everything this run started, by PID (process group), last started first.
		for (const daemon of daemons.reverse()) await daemon.stop();
		await emulator?.close();
		printTimings();
		for (const warning of warnings) log(`warning: ${warning}`);
		log('measured:');
		for (const r of rounds) {
			const slowest = Math.max(...r.calls.map((c) => c.ms));
			process.stdout.write(
				`  ${r.label.padEnd(18)} ${String(r.calls.length).padStart(3)} executions in ${(r.ms / 1000).toFixed(1).padStart(5)} s (slowest ${(slowest / 1000).toFixed(1)} s); ` +
					`per worker ${r.perWorker.join(' / ')}; connections created ${r.creates}; tokens issued ${r.tokensIssued}` +
					(r.tokensPerRevoke
						? ` (after revoke 1: ${r.tokensPerRevoke[0]}, after revoke 2: ${r.tokensPerRevoke[1]})`
						: '') +
					'\n',
			);
		}
		if (totals.executions)
			process.stdout.write(
				`  totals: ${totals.executions} executions, ${totals.connections} connections, ${totals.duplicates} duplicates, ${totals.tokens} tokens\n`,
			);
		if (chain) process.stdout.write(`  ${chainSummary(chain)}\n`);
		if (trigger)
			process.stdout.write(
				`  trigger: ${trigger.items} items for ${trigger.runs} finished runs (each once) in ${trigger.executions} executions, ${(trigger.fireMs / 1000).toFixed(1)} s after they finished, on workers ${trigger.perWorker.join(' / ')}; ${trigger.polls} GET /runs by the main\n`,
			);
		process.stdout.write(
			`  webhook answers n8n's main lost (executions checked in PostgreSQL): ${lostAnswers.length}\n`,
		);
		if (memory.length)
			process.stdout.write(
				`  memory after round 1 (RSS of each process group): ${memory.join(', ')}\n`,
			);
		process.stdout.write(`  wall time: ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
		if (!failed && process.env.QUEUE_KEEP !== '1') rmSync(work, { recursive: true, force: true });
	}
	if (failed) {
		process.exitCode = 1;
		return;
	}
	log('QUEUE PASSED');
}

function mkdirIn(parent: string, name: string): string {
	const dir = join(parent, name);
	mkdirSync(dir, { recursive: true });
	return dir;
}

// Ctrl-C or a CI timeout: stop everything before leaving (each daemon leads its own process group).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		process.stdout.write(`\nQUEUE interrupted (${signal}); stopping everything it started\n`);
		void stopAllDaemons().finally(() => process.exit(130));
	});
}

main().catch((error) => {
	process.stdout.write(
		`QUEUE FAILED (runner): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
	);
	process.exit(1);
});
