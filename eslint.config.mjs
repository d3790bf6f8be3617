// The official n8n community-node rules (the ones n8n Cloud verification runs), on the shipped
// sources and on package.json; tests and tools are plain TypeScript.
import { configs } from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'eslint.config.mjs', 'jest.config.js', 'gulpfile.js', '.cache/**'] },
	{
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
		...configs.recommended,
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'index.ts'],
		languageOptions: { parser: tseslint.parser, parserOptions: { project: './tsconfig.json' } },
		...configs.recommended,
	},
	{
		files: ['test/**/*.ts', 'scripts/**/*.ts'],
		languageOptions: { parser: tseslint.parser },
		plugins: { '@typescript-eslint': tseslint.plugin },
		linterOptions: { reportUnusedDisableDirectives: 'off' },
		rules: {},
	},
);
