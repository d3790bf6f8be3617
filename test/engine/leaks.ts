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
import type { RunResult } from './harness';
import { reportedErrors } from './harness';

/** What our emulator's IMS hands out (`emu.` + 32 random bytes, base64url): any such text is a token. */
export const EMULATOR_TOKEN_PATTERN = /emu\.[A-Za-z0-9_-]{40,}/;

/** Shorter values would match ordinary text and make the scan meaningless. */
const MIN_SECRET_LENGTH = 8;

export interface LeakHit {
	/** Label of the secret (e.g. "access token #2"), never its value. */
	secret: string;
	/** Label of the scanned text (e.g. "create x200 › runData"). */
	where: string;
	/** Some context around the hit with the secret itself masked. */
	excerpt: string;
}

interface EmulatorLike {
	options: { clientSecret: string };
	requests(): Array<{ path: string; headers: Record<string, string>; body: string }>;
	connections(): Array<{ auth: { params: Record<string, string> } }>;
}

function errorRecord(error: Error): Record<string, unknown> {
	// message, stack and description are non-enumerable on some error classes; take them explicitly.
	const record: Record<string, unknown> = { name: error.name, message: error.message, stack: error.stack };
	for (const key of Object.getOwnPropertyNames(error)) {
		if (!(key in record)) record[key] = (error as unknown as Record<string, unknown>)[key];
	}
	if ('cause' in error) record.cause = (error as { cause?: unknown }).cause;
	return record;
}

/** JSON-like text of any value: errors with all own properties, Maps, Sets, Buffers, cycles cut. */
export function serialiseForScan(value: unknown): string {
	const seen = new WeakSet<object>();
	// `this[key]` is the value before its toJSON() ran: n8n's errors drop stack and cause in toJSON.
	const replacer = function (this: Record<string, unknown>, key: string, serialised: unknown): unknown {
		const original = this[key];
		const current = original instanceof Error ? original : serialised;
		if (typeof current === 'bigint') return current.toString();
		if (typeof current === 'function') return `[function ${current.name}]`;
		if (current === null || typeof current !== 'object') return current;
		if (seen.has(current)) return '[cycle]';
		seen.add(current);
		if (current instanceof Error) return errorRecord(current);
		if (Buffer.isBuffer(current)) return current.toString('utf8');
		if (current instanceof Map) return Object.fromEntries(current);
		if (current instanceof Set) return [...current];
		return current;
	};
	try {
		return JSON.stringify(value, replacer) ?? String(value);
	} catch (error) {
		return `[unserialisable: ${(error as Error).message}]`;
	}
}

/** The forms a secret can take in text: as is, URL-encoded, JSON-escaped. */
function variants(secret: string): string[] {
	const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
	return [...forms];
}

function mask(text: string, secrets: string[]): string {
	let out = text;
	for (const secret of secrets) out = out.split(secret).join('«secret»');
	return out.replace(new RegExp(EMULATOR_TOKEN_PATTERN.source, 'g'), '«token»');
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
			throw new Error(`LeakScanner: secret "${label}" is shorter than ${MIN_SECRET_LENGTH} characters; use a distinctive test value`);
		}
		if (!this.secrets.has(value)) this.secrets.set(value, label);
	}

	/**
	 * The emulator's client secret, every bearer token it received, and every Redshift password it
	 * stored or was sent (create bodies, password patches). Call before the emulator is reset.
	 */
	addEmulatorSecrets(emu: EmulatorLike): void {
		this.addSecret('client secret', emu.options.clientSecret);
		for (const entry of emu.requests()) {
			const bearer = /^Bearer\s+(\S+)/i.exec(entry.headers.authorization ?? '')?.[1];
			if (bearer) this.addSecret(`access token #${this.countLabels('access token') + 1}`, bearer);
			for (const password of passwordsIn(entry.body)) this.addSecret('Redshift password (request)', password);
		}
		for (const connection of emu.connections()) this.addSecret('Redshift password (stored)', connection.auth.params.password);
	}

	/** A run's data (outputs and errors of `nodes`, default all), its execution error and the token n8n stored. */
	addRun(label: string, result: RunResult, options: { nodes?: string[]; credentialIds?: string[] } = {}): void {
		const names = options.nodes ?? Object.keys(result.runData);
		for (const name of names) this.addText(`${label} › ${name}`, result.runData[name] ?? []);
		if (result.error) this.addText(`${label} › execution error`, result.error);
		for (const id of options.credentialIds ?? []) {
			this.addSecret('access token (stored in credential)', result.credentialsHelper.stored(id).data.accessToken);
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
				this.addText(`console.${method}`, args.map((arg) => (typeof arg === 'string' ? arg : serialiseForScan(arg))).join(' '));
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
		const known = [...this.secrets.keys()];
		const hits: LeakHit[] = [];
		for (const { where, text } of this.texts) {
			for (const [secret, label] of this.secrets) {
				for (const form of variants(secret)) {
					const at = text.indexOf(form);
					if (at >= 0) {
						hits.push({ secret: label, where, excerpt: mask(text.slice(Math.max(0, at - 60), at + form.length + 60), known) });
						break;
					}
				}
			}
			// Tokens we never saw in a request are still tokens.
			const token = EMULATOR_TOKEN_PATTERN.exec(text);
			if (token && !this.secrets.has(token[0])) {
				hits.push({ secret: 'access token (by pattern)', where, excerpt: mask(text.slice(Math.max(0, token.index - 60), token.index + token[0].length + 60), known) });
			}
		}
		return hits;
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
			const lines = hits.slice(0, 20).map((hit) => `- ${hit.secret} in ${hit.where}: …${hit.excerpt}…`);
			throw new Error(`Secrets leaked into ${hits.length} place(s):\n${lines.join('\n')}`);
		}
	}

	private countLabels(prefix: string): number {
		return [...this.secrets.values()].filter((label) => label.startsWith(prefix)).length;
	}
}

/** Passwords in a create body (auth.params.password) or a JSON Patch (…/password or /auth/params). */
function passwordsIn(body: string): string[] {
	if (!body || !body.includes('password')) return [];
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		return [];
	}
	const found: string[] = [];
	const visit = (value: unknown, path: string): void => {
		if (Array.isArray(value)) {
			for (const entry of value) {
				const op = entry as { path?: unknown; value?: unknown };
				if (typeof op?.path === 'string' && /\/password$/.test(op.path) && typeof op.value === 'string') found.push(op.value);
				else visit(entry, path);
			}
		} else if (value && typeof value === 'object') {
			for (const [key, child] of Object.entries(value)) {
				if (key === 'password' && typeof child === 'string') found.push(child);
				else visit(child, `${path}.${key}`);
			}
		}
	};
	visit(parsed, '');
	return found;
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
