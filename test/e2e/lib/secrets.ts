/** Searches files for secret values; reports where, never the values themselves. */
import { existsSync, readFileSync } from 'node:fs';

export function findSecrets(files: string[], secrets: Record<string, string>): string[] {
	const leaks: string[] = [];
	for (const file of files) {
		if (!existsSync(file)) continue;
		const text = readFileSync(file, 'utf8');
		for (const [label, value] of Object.entries(secrets)) {
			if (!value) continue;
			const at = text.indexOf(value);
			if (at < 0) continue;
			const line = text.slice(0, at).split('\n').length;
			let context = text.slice(Math.max(0, at - 80), at + value.length + 40);
			// Mask every secret in the excerpt, not only the one found here.
			for (const other of Object.values(secrets)) if (other) context = context.split(other).join('<SECRET>');
			context = context.replace(/\s+/g, ' ');
			leaks.push(`  ${label} in ${file}:${line}: …${context}…`);
		}
	}
	return leaks;
}
