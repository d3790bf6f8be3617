/** Two depths run by `npm test`: pure/unit (incl. the emulator's own tests) and the n8n engine runs (incl. the example workflows). */
// Type errors are caught by `npm run typecheck`; transpiling only keeps the suites fast on 2 cores.
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }];
const common = { preset: undefined, testEnvironment: 'node', transform: { '^.+\\.ts$': tsJest } };
module.exports = {
	projects: [
		{
			...common,
			displayName: 'unit',
			testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/emulator/**/*.test.ts'],
		},
		{
			...common,
			displayName: 'engine',
			setupFiles: ['<rootDir>/test/support/nativeRegexEngine.ts'],
			testMatch: ['<rootDir>/test/engine/**/*.test.ts', '<rootDir>/test/examples/**/*.test.ts'],
		},
	],
};
