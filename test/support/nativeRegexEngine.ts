import { setSafeRegexEngine, type RegexEngine } from 'n8n-workflow';

/**
 * Jest setup for the engine project: n8n-workflow (2.41) checks node parameters' regexes (the
 * pickers' By ID patterns) in node:vm with a 250 ms wall-clock watchdog, its guard against
 * catastrophic user regexes. On a 2-core machine under full load a jest worker can be descheduled
 * for longer than that, and a linear, anchored ID pattern then "times out" (seen once, load 10+).
 * The suites test what the patterns accept, not n8n's watchdog, so they run them natively;
 * test/unit/idPatterns.test.ts keeps every pattern anchored and free of nested quantifiers.
 */
const native: RegexEngine = {
	exec: (pattern, input, flags) => new RegExp(pattern, flags).exec(input),
	test: (pattern, input, flags) => new RegExp(pattern, flags).test(input),
	replace: (pattern, input, flags, replacement) =>
		input.replace(new RegExp(pattern, flags), replacement),
	matchAll: (pattern, input, flags) =>
		Array.from(
			input.matchAll(new RegExp(pattern, flags?.includes('g') ? flags : `${flags ?? ''}g`)),
		),
	split: (pattern, input, flags) => input.split(new RegExp(pattern, flags)),
};

setSafeRegexEngine(native);
