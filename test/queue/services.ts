/**
 * Redis and PostgreSQL from Debian, run as plain processes on loopback ports in a temporary folder,
 * each started detached (its PID leads its own process group) and stopped by that PID.
 */
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { run, startDaemon, tail, type Daemon } from '../e2e/lib/proc';
import { check } from '../e2e/lib/steps';

const IS_ROOT = process.getuid?.() === 0;

/** The newest PostgreSQL server Debian installed (Debian 12: 15), or undefined. */
export function postgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? join(root, versions[0], 'bin') : undefined;
}

/** `apt-get update && apt-get install -y redis-server postgresql`, only when one of them is missing. */
export async function installFromDebian(logPrefix: string): Promise<string> {
	const hasRedis = existsSync('/usr/bin/redis-server');
	if (hasRedis && postgresBin()) return 'already installed';
	check(
		IS_ROOT,
		'redis-server or PostgreSQL is missing and this is not root: run apt-get install -y redis-server postgresql',
	);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const update = await run('apt-get', ['update', '-q'], {
		env,
		timeoutMs: 5 * 60_000,
		outputPrefix: `${logPrefix}-update`,
	});
	check(update.code === 0, `apt-get update failed:\n${tail(update.stdout + update.stderr, 20)}`);
	const install = await run('apt-get', ['install', '-y', '-q', 'redis-server', 'postgresql'], {
		env,
		timeoutMs: 10 * 60_000,
		outputPrefix: `${logPrefix}-install`,
	});
	check(
		install.code === 0,
		`apt-get install failed:\n${tail(install.stdout + install.stderr, 20)}`,
	);
	return 'installed now';
}

async function waitFor(
	what: string,
	daemon: Daemon,
	ready: () => Promise<boolean>,
	timeoutMs: number,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		check(!daemon.exited(), `${what} exited early:\n${tail(daemon.output(), 20)}`);
		if (await ready()) return;
		check(
			Date.now() < deadline,
			`${what} not ready within ${timeoutMs / 1000} s:\n${tail(daemon.output(), 20)}`,
		);
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** Redis without persistence on 127.0.0.1:`port`, in the foreground of its own process group. */
export async function startRedis(dir: string, port: number): Promise<Daemon> {
	const daemon = startDaemon(
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
		process.env,
		join(dir, 'redis.log'),
	);
	await waitFor(
		'redis-server',
		daemon,
		async () => {
			const ping = await run('redis-cli', ['-p', String(port), 'ping'], {
				env: process.env,
				timeoutMs: 5_000,
			});
			return ping.stdout.includes('PONG');
		},
		30_000,
	);
	return daemon;
}

export interface Postgres {
	daemon: Daemon;
	port: number;
	database: string;
	user: string;
	password: string;
	/** Runs one SQL statement as the n8n role; returns psql's unaligned, tuples-only output. */
	query(sql: string): Promise<string>;
}

/** Runs a command as the postgres user when this is root (initdb and postgres refuse root). */
function asPostgres(command: string, args: string[]): [string, string[]] {
	return IS_ROOT ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/**
 * initdb in `dir`, then `postgres` on 127.0.0.1:`port` (socket in `dir`), then the role and
 * database n8n uses (password authentication over TCP, as n8n connects).
 */
export async function startPostgres(
	dir: string,
	port: number,
	password: string,
): Promise<Postgres> {
	const bin = postgresBin();
	check(bin, 'PostgreSQL is not installed (/usr/lib/postgresql/*/bin)');
	const data = join(dir, 'data');
	mkdirSync(dir, { recursive: true, mode: 0o700 });
	if (IS_ROOT) {
		const uid = Number(
			(await run('id', ['-u', 'postgres'], { env: process.env, timeoutMs: 5_000 })).stdout.trim(),
		);
		const gid = Number(
			(await run('id', ['-g', 'postgres'], { env: process.env, timeoutMs: 5_000 })).stdout.trim(),
		);
		chownSync(dir, uid, gid);
	}
	const [initCommand, initArgs] = asPostgres(join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		'postgres',
		'-E',
		'UTF8',
		'--auth-local=trust',
		'--auth-host=scram-sha-256',
		'--no-instructions',
	]);
	const init = await run(initCommand, initArgs, {
		env: process.env,
		timeoutMs: 120_000,
		outputPrefix: join(dir, 'initdb'),
	});
	check(init.code === 0, `initdb failed:\n${tail(init.stdout + init.stderr, 20)}`);

	const [command, args] = asPostgres(join(bin, 'postgres'), [
		'-D',
		data,
		'-p',
		String(port),
		'-k',
		dir,
		'-c',
		'listen_addresses=127.0.0.1',
	]);
	const daemon = startDaemon(command, args, process.env, join(dir, 'server.log'));
	const psql = (user: string, sql: string, host = dir) =>
		run(
			join(bin, 'psql'),
			[
				'-h',
				host,
				'-p',
				String(port),
				'-U',
				user,
				'-d',
				user === 'postgres' ? 'postgres' : 'n8n',
				'-v',
				'ON_ERROR_STOP=1',
				'-qAt',
				'-c',
				sql,
			],
			{
				env: { ...process.env, PGPASSWORD: password },
				timeoutMs: 120_000,
			},
		);
	await waitFor(
		'postgres',
		daemon,
		async () => (await psql('postgres', 'select 1')).code === 0,
		60_000,
	);
	// The password is a test value (the role exists only in this temporary cluster); quoted for SQL.
	for (const sql of [
		`CREATE ROLE n8n LOGIN PASSWORD '${password.replace(/'/g, "''")}'`,
		'CREATE DATABASE n8n OWNER n8n',
	]) {
		const result = await psql('postgres', sql);
		check(
			result.code === 0,
			`psql ${sql.split(' PASSWORD')[0]} failed:\n${tail(result.stderr, 10)}`,
		);
	}
	return {
		daemon,
		port,
		database: 'n8n',
		user: 'n8n',
		password,
		async query(sql) {
			const result = await psql('n8n', sql, '127.0.0.1');
			check(result.code === 0, `psql failed (${sql.slice(0, 80)}…):\n${tail(result.stderr, 10)}`);
			return result.stdout.trim();
		},
	};
}
