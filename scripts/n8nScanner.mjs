/**
 * n8n's verification scanner (`@n8n/scan-community-package`), loaded for `npm run lint` and
 * `npm run scan` so both use its own lint config and analyzer rather than a copy of its rules.
 * Its module makes a temp folder on import; graceful cleanup removes it when the process exits.
 */
import { createRequire } from 'node:module';

const scannerPath = createRequire(import.meta.url).resolve(
	'@n8n/scan-community-package/scanner/scanner.mjs',
);
createRequire(scannerPath)('tmp').setGracefulCleanup();

/** @type {{ analyzePackage: (dir: string, patterns?: string[]) => Promise<{ passed: boolean, message?: string, details?: string }>, buildScanConfig: () => Promise<object[]>, SOURCE_FILE_PATTERNS: string[] }} */
export const scanner = await import(scannerPath);

/** The files the scanner lints in the published tarball (its "dist" leg). */
export const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];
