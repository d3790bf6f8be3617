/** Searches files and texts for secret values; reports where, never the values themselves. */
import { existsSync, readFileSync } from 'node:fs';

/** What our emulator's IMS hands out (`emu.` + 32 random bytes, base64url): any such text is a token. */
export const EMULATOR_TOKEN_PATTERN = /emu\.[A-Za-z0-9_-]{40,}/;

/** The forms a secret can take in text: as is, JSON-escaped, URL-encoded. */
function variants(secret: string): string[] {
	return [...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])];
}

function masked(text: string, secrets: Record<string, string>): string {
	let out = text;
	// Every secret in the excerpt is masked, not only the one found there.
	for (const value of Object.values(secrets)) if (value) for (const form of variants(value)) out = out.split(form).join('<SECRET>');
	return out.replace(new RegExp(EMULATOR_TOKEN_PATTERN.source, 'g'), '<TOKEN>').replace(/\s+/g, ' ');
}

/**
 * One line per secret found in `text` (label, where, masked excerpt). With `tokenPattern`, text that
 * looks like an emulator token is reported too, even when it is none of `secrets`.
 */
export function findSecretsInText(where: string, text: string, secrets: Record<string, string>, options: { tokenPattern?: boolean } = {}): string[] {
	const hits: string[] = [];
	const known = new Set(Object.values(secrets));
	for (const [label, value] of Object.entries(secrets)) {
		if (!value) continue;
		for (const form of variants(value)) {
			const at = text.indexOf(form);
			if (at < 0) continue;
			const line = text.slice(0, at).split('\n').length;
			hits.push(`  ${label} in ${where}:${line}: …${masked(text.slice(Math.max(0, at - 80), at + form.length + 40), secrets)}…`);
			break;
		}
	}
	if (options.tokenPattern) {
		const token = new RegExp(EMULATOR_TOKEN_PATTERN.source, 'g');
		for (let match = token.exec(text); match; match = token.exec(text)) {
			if (known.has(match[0])) continue;
			hits.push(`  an access token (by pattern) in ${where}: …${masked(text.slice(Math.max(0, match.index - 80), match.index + match[0].length + 40), secrets)}…`);
			break;
		}
	}
	return hits;
}

export function findSecrets(files: string[], secrets: Record<string, string>): string[] {
	return files.filter(existsSync).flatMap((file) => findSecretsInText(file, readFileSync(file, 'utf8'), secrets));
}

/** The distinct access tokens that requests carried (Authorization: Bearer …), in first-use order. */
export function accessTokensSent(requests: Array<{ headers: Record<string, string | undefined> }>): string[] {
	const tokens = requests.map((r) => /^Bearer (\S+)$/.exec(r.headers.authorization ?? '')?.[1]).filter((t): t is string => !!t);
	return [...new Set(tokens)];
}
