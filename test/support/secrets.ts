/**
 * The one secret scanner of the engine tests, the e2e and the queue-mode run: finds secret values in
 * text and reports where, never the values. Engine tests wrap it in `LeakScanner`
 * (test/support/engine/leaks.ts: run data, console, reported errors); the e2e calls `findSecrets` on files
 * and `findSecretsInText` on stored executions.
 */
import { existsSync, readFileSync } from 'node:fs';

/** What our emulator's IMS hands out (`emu.` + 32 random bytes, base64url): any such text is a token. */
export const EMULATOR_TOKEN_PATTERN = /emu\.[A-Za-z0-9_-]{40,}/;

/** Shorter values would match ordinary text and make the scan meaningless. */
export const MIN_SECRET_LENGTH = 8;

/**
 * Secrets by label, e.g. `{ 'client secret': '…' }`, or `[label, value]` pairs when labels repeat;
 * the label is what a report shows.
 */
export type Secrets = Record<string, string> | Array<[label: string, value: string]>;

const entriesOf = (secrets: Secrets): Array<[string, string]> =>
	Array.isArray(secrets) ? secrets : Object.entries(secrets);

export interface SecretHit {
	/** Label of the secret (e.g. "access token #2"), never its value. */
	secret: string;
	/** Label of the scanned text (e.g. "create x200 › runData", a file name). */
	where: string;
	/** 1-based line of the hit in the text. */
	line: number;
	/** Some context around the hit, every known secret and token in it masked. */
	excerpt: string;
}

/** The forms a secret can take in text: as is, JSON-escaped, URL-encoded. */
function variants(secret: string): string[] {
	return [...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])];
}

function mask(text: string, secrets: Secrets): string {
	let out = text;
	// Every secret in the excerpt is masked, not only the one found there.
	for (const [, value] of entriesOf(secrets))
		if (value) for (const form of variants(value)) out = out.split(form).join('«secret»');
	return out
		.replace(new RegExp(EMULATOR_TOKEN_PATTERN.source, 'g'), '«token»')
		.replace(/\s+/g, ' ');
}

function hitAt(
	secret: string,
	where: string,
	text: string,
	at: number,
	length: number,
	secrets: Secrets,
): SecretHit {
	return {
		secret,
		where,
		line: text.slice(0, at).split('\n').length,
		excerpt: mask(text.slice(Math.max(0, at - 60), at + length + 60), secrets),
	};
}

/**
 * Every secret found in `text` (first place only, per secret). With `tokenPattern`, text that looks
 * like an emulator token is reported too (once), even when it is none of `secrets`.
 */
export function scanText(
	where: string,
	text: string,
	secrets: Secrets,
	options: { tokenPattern?: boolean } = {},
): SecretHit[] {
	const hits: SecretHit[] = [];
	for (const [label, value] of entriesOf(secrets)) {
		if (!value) continue;
		for (const form of variants(value)) {
			const at = text.indexOf(form);
			if (at < 0) continue;
			hits.push(hitAt(label, where, text, at, form.length, secrets));
			break;
		}
	}
	if (options.tokenPattern) {
		const known = new Set(entriesOf(secrets).map(([, value]) => value));
		const token = new RegExp(EMULATOR_TOKEN_PATTERN.source, 'g');
		for (let match = token.exec(text); match; match = token.exec(text)) {
			if (known.has(match[0])) continue;
			hits.push(
				hitAt('access token (by pattern)', where, text, match.index, match[0].length, secrets),
			);
			break;
		}
	}
	return hits;
}

/** A hit as one report line: "  <label> in <where>:<line>: …<excerpt>…". */
export function formatHit(hit: SecretHit): string {
	return `  ${hit.secret} in ${hit.where}:${hit.line}: …${hit.excerpt}…`;
}

/** `scanText` as report lines. */
export function findSecretsInText(
	where: string,
	text: string,
	secrets: Secrets,
	options: { tokenPattern?: boolean } = {},
): string[] {
	return scanText(where, text, secrets, options).map(formatHit);
}

/** Report lines for every secret in the files that exist (a missing file is skipped). */
export function findSecrets(files: string[], secrets: Secrets): string[] {
	return files
		.filter(existsSync)
		.flatMap((file) => findSecretsInText(file, readFileSync(file, 'utf8'), secrets));
}

function errorRecord(error: Error): Record<string, unknown> {
	// message, stack and description are non-enumerable on some error classes; take them explicitly.
	const record: Record<string, unknown> = {
		name: error.name,
		message: error.message,
		stack: error.stack,
	};
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
	const replacer = function (
		this: Record<string, unknown>,
		key: string,
		serialised: unknown,
	): unknown {
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
