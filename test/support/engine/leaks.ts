/**
 * Secret-leak scan for engine tests: after a suite runs workflows, search everything a user or a
 * log could see (node outputs, error messages, descriptions, stacks, reported errors, console
 * output) for the secrets involved: Redshift passwords, the client secret and every access token
 * the emulator issued. Hits name the secret's label and where it was found, never the secret.
 *
 *   const leaks = new LeakScanner();
 *   leaks.addSecret('client secret', emu.options.clientSecret);
 *   const result = await runWorkflow(...);
 *   leaks.addRun('create x200', result);          // outputs + errors of every node (or `nodes`)
 *   leaks.addEmulatorSecrets(emu);                // before emu.reset()/close(): tokens + passwords seen
 *   afterEach(() => leaks.expectNoLeaks());        // throws listing the hits, then forgets them
 */
import {
	accessTokensSent,
	passwordsSent,
	passwordsStored,
	type SeenByEmulator,
} from '../emulatorQueries';
import { MIN_SECRET_LENGTH, scanText, serialiseForScan, type SecretHit } from '../secrets';
import type { RunResult } from './harness';
import { reportedErrors } from './harness';

export { serialiseForScan };
export type LeakHit = SecretHit;

interface EmulatorLike extends SeenByEmulator {
	options: { clientSecret: string };
}

export class LeakScanner {
	private readonly secrets = new Map<string, string>(); // value -> label
	private readonly texts: Array<{ where: string; text: string }> = [];
	// Only errors reported while this scanner exists are its business.
	private reportedScanned = reportedErrors.length;

	/** Registers a secret; empty values are ignored, short ones refused (they would match anything). */
	addSecret(label: string, value: unknown): void {
		if (typeof value !== 'string' || value === '') return;
		if (value.length < MIN_SECRET_LENGTH) {
			throw new Error(
				`LeakScanner: secret "${label}" is shorter than ${MIN_SECRET_LENGTH} characters; use a distinctive test value`,
			);
		}
		if (!this.secrets.has(value)) this.secrets.set(value, label);
	}

	/**
	 * The emulator's client secret, every bearer token it received, and every Redshift password it
	 * stored or was sent (create bodies, password patches). Call before the emulator is reset.
	 */
	addEmulatorSecrets(emu: EmulatorLike): void {
		this.addSecret('client secret', emu.options.clientSecret);
		for (const token of accessTokensSent(emu))
			this.addSecret(`access token #${this.countLabels('access token') + 1}`, token);
		for (const password of passwordsSent(emu))
			this.addSecret('Redshift password (request)', password);
		for (const password of passwordsStored(emu))
			this.addSecret('Redshift password (stored)', password);
	}

	/** A run's data (outputs and errors of `nodes`, default all), its execution error and the token n8n stored. */
	addRun(
		label: string,
		result: RunResult,
		options: { nodes?: string[]; credentialIds?: string[] } = {},
	): void {
		const names = options.nodes ?? Object.keys(result.runData);
		for (const name of names) this.addText(`${label} › ${name}`, result.runData[name] ?? []);
		if (result.error) this.addText(`${label} › execution error`, result.error);
		for (const id of options.credentialIds ?? []) {
			this.addSecret(
				'access token (stored in credential)',
				result.credentialsHelper.stored(id).data.accessToken,
			);
		}
	}

	/** Any other value to scan (console output, a thrown error, an HTTP answer...). */
	addText(where: string, value: unknown): void {
		this.texts.push({ where, text: typeof value === 'string' ? value : serialiseForScan(value) });
	}

	/** Copies console output into the scan while the returned function has not been called. */
	watchConsole(): () => void {
		const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
		const target = globalThis.console; // patched to listen, never written to here
		const originals = methods.map((method) => target[method]);
		methods.forEach((method, index) => {
			target[method] = (...args: unknown[]) => {
				this.addText(
					`console.${method}`,
					args.map((arg) => (typeof arg === 'string' ? arg : serialiseForScan(arg))).join(' '),
				);
				originals[index].apply(target, args);
			};
		});
		return () => methods.forEach((method, index) => (target[method] = originals[index]));
	}

	findLeaks(): LeakHit[] {
		// Errors n8n-core would send to Sentry belong to the scan too.
		if (reportedErrors.length > this.reportedScanned) {
			this.addText('reported errors', reportedErrors.slice(this.reportedScanned));
			this.reportedScanned = reportedErrors.length;
		}
		const secrets = [...this.secrets].map(([value, label]): [string, string] => [label, value]);
		// Tokens we never saw in a request are still tokens (tokenPattern).
		return this.texts.flatMap(({ where, text }) =>
			scanText(where, text, secrets, { tokenPattern: true }),
		);
	}

	/** How many texts and secrets are registered (so a test can check the scan had something to do). */
	size(): { texts: number; secrets: number } {
		return { texts: this.texts.length, secrets: this.secrets.size };
	}

	/** Throws when any secret was found; forgets scanned texts either way (secrets are kept). */
	expectNoLeaks(): void {
		const hits = this.findLeaks();
		this.texts.length = 0;
		if (hits.length > 0) {
			const lines = hits
				.slice(0, 20)
				.map((hit) => `- ${hit.secret} in ${hit.where}: …${hit.excerpt}…`);
			throw new Error(`Secrets leaked into ${hits.length} place(s):\n${lines.join('\n')}`);
		}
	}

	private countLabels(prefix: string): number {
		return [...this.secrets.values()].filter((label) => label.startsWith(prefix)).length;
	}
}

/**
 * A scanner for a whole test file: it knows the given secrets, watches the console while the file
 * runs, and fails the file at the end if anything leaked.
 */
export function scanTestFileForLeaks(secrets: Record<string, string>): LeakScanner {
	const scanner = new LeakScanner();
	for (const [label, value] of Object.entries(secrets)) scanner.addSecret(label, value);
	let stopWatchingConsole: () => void = () => undefined;
	beforeAll(() => {
		stopWatchingConsole = scanner.watchConsole();
	});
	afterAll(() => {
		stopWatchingConsole();
		scanner.expectNoLeaks();
	});
	return scanner;
}

/**
 * An emulator under the file's leak scan, as `start` makes it. `per: 'file'`: one for the whole
 * file, reset before each test, closed at the end. `per: 'test'`: a fresh one for each test (a new
 * base URL also keeps the node's per-IMS-URL token cache apart), closed after it. Either way, after
 * each test the scanner learns the emulator's tokens and passwords and must find no leak. `use`
 * receives each emulator once it runs (the test file keeps it in its own variable).
 */
export function scanEmulator<E extends EmulatorLike & { reset(): void; close(): Promise<void> }>(
	per: 'file' | 'test',
	start: () => Promise<E>,
	leaks: LeakScanner,
	use: (emulator: E) => void,
): void {
	let emulator: E | undefined;
	(per === 'file' ? beforeAll : beforeEach)(async () => {
		emulator = await start();
		use(emulator);
	});
	if (per === 'file') beforeEach(() => emulator?.reset());
	afterEach(async () => {
		if (!emulator) return;
		leaks.addEmulatorSecrets(emulator);
		if (per === 'test') await emulator.close();
		leaks.expectNoLeaks();
	});
	if (per === 'file') afterAll(async () => await emulator?.close());
}
