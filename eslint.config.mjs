// `npm run lint`. Shipped code (package.json, index.ts, nodes/, credentials/) gets exactly what n8n's
// verification scanner applies: its own config (eslint-plugin-n8n-nodes-base community, credentials and
// nodes rulesets, @n8n/eslint-plugin-community-nodes, no-console), with eslint-disable comments ignored.
// Tests and scripts get typescript-eslint's recommended rules plus no-console.
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

import { scanner } from './scripts/n8nScanner.mjs';

export default defineConfig(
	globalIgnores([
		'dist/**',
		'coverage/**',
		'.cache/**',
		'.e2e/**',
		'eslint.config.mjs',
		'jest.config.js',
		'gulpfile.js',
	]),
	{
		files: ['package.json', 'index.ts', 'nodes/**/*.{ts,json}', 'credentials/**/*.{ts,json}'],
		extends: [await scanner.buildScanConfig()],
		// The scanner lints with allowInlineConfig: false.
		linterOptions: { noInlineConfig: true },
	},
	{
		files: ['test/**/*.ts', 'scripts/**/*.{ts,mjs}'],
		extends: [tseslint.configs.recommended],
		rules: { 'no-console': 'error' },
	},
);
