/**
 * `npm run emulator -- [--port N] [--hosting aws|azure|any] [--latency MS] [--rate-limit PER_SECOND[:BURST]]`
 * Runs the emulator until SIGINT/SIGTERM and prints what to put in an n8n credential.
 * The printed secret is the emulator's fake client secret, never a real one.
 */
import { startEmulator } from './index';
import { controlRoutes } from './core/control';
import type { EmulatorOptions, Hosting } from './core/types';

export function parseArgs(argv: string[]): EmulatorOptions {
	const options: EmulatorOptions = {};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = argv[i + 1];
		const need = () => {
			if (value === undefined) throw new Error(`${flag} needs a value`);
			i++;
			return value;
		};
		if (flag === '--port') {
			const port = Number(need());
			if (!Number.isInteger(port) || port < 0 || port > 65535)
				throw new Error('--port must be 0..65535');
			options.port = port;
		} else if (flag === '--hosting') {
			const hosting = need();
			if (!['aws', 'azure', 'any'].includes(hosting))
				throw new Error('--hosting must be aws, azure or any');
			options.hosting = hosting as Hosting;
		} else if (flag === '--latency') {
			const ms = Number(need());
			if (!Number.isFinite(ms) || ms < 0)
				throw new Error('--latency must be a non-negative number');
			options.latencyMs = ms;
		} else if (flag === '--rate-limit') {
			const [perSecond, burst] = need().split(':').map(Number);
			if (!(perSecond > 0) || (burst !== undefined && !(burst >= 1)))
				throw new Error('--rate-limit must be PER_SECOND (> 0) or PER_SECOND:BURST (burst >= 1)');
			options.rateLimit = { perSecond, burst };
		} else {
			throw new Error(`Unknown argument '${flag}'`);
		}
	}
	return options;
}

async function main(): Promise<void> {
	const emulator = await startEmulator(parseArgs(process.argv.slice(2)));
	const o = emulator.options;
	process.stdout.write(
		[
			`Adobe Flow Service + IMS emulator listening on ${emulator.baseUrl}`,
			`  IMS URL / Platform URL: ${emulator.baseUrl}`,
			`  Client ID:     ${o.clientId}`,
			`  Client secret: ${o.clientSecret}  (emulator value)`,
			`  Org ID:        ${o.orgId}`,
			`  Scopes:        ${o.scopes}`,
			`  Sandboxes:     ${o.sandboxes.map((s) => s.name).join(', ')}`,
			`  Hosting:       ${o.hosting}`,
			`  Rate limit:    ${o.rateLimit ? `${o.rateLimit.perSecond} requests/s, burst ${o.rateLimit.burst} (429 + Retry-After above it)` : 'none'}`,
			`  Controls:      ${emulator.baseUrl}/__emulator/<name> (see test/emulator/README.md)`,
			`    GET:  ${controlRoutes().get.join(', ')}`,
			`    POST: ${controlRoutes().post.join(', ')}`,
			'Press Ctrl+C to stop.',
			'',
		].join('\n'),
	);
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`Received ${signal}, stopping.\n`);
		emulator.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
	main().catch((err: unknown) => {
		process.stderr.write(`emulator: ${(err as Error)?.message ?? String(err)}\n`);
		process.exit(1);
	});
}
