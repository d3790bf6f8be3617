/**
 * The example workflows (examples/*.json) as the engine test and the real-n8n e2e run them: read,
 * every FILL_IN placeholder replaced with something the emulator holds, and the credential
 * references the examples use. One set of rules for both, so a new placeholder fails both until
 * it gets a rule here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DEFAULT_SCHEMA_ID } from '../emulator';

export const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');

/** The credential references every example carries (examples/README.md tells users to pick their own). */
export const EXAMPLE_CREDENTIALS = {
	adobeExperiencePlatformApi: { id: 'aepCredential', name: 'Adobe Experience Platform account' },
	aepRedshiftSignInApi: { id: 'redshiftSignIn', name: 'Redshift Sign-In account' },
} as const;

/** The connection name of create-test-list-tables.json: rotate-password's filled-in choice. */
export const EXAMPLE_CONNECTION_NAME = 'Redshift orders warehouse';
/** The dataflow name of aws-table-to-dataset.json: pause-resume's and teardown's filled-in choice. */
export const EXAMPLE_DATAFLOW_NAME = 'Redshift on AWS public.orders';

/** What the fill-in rules need of an emulator (a started one has it). */
export interface ExampleEmulator {
	seedDataset(options?: { sandboxName?: string }): { id: string };
}

/**
 * Values for the examples' placeholders (examples/README.md: every value to replace starts with
 * FILL_IN). A dataset is seeded per placeholder met: the emulator's default schema, which
 * maps the sample table public.orders.
 */
const FILL_INS: Array<{ match: RegExp; value: (emulator: ExampleEmulator) => string }> = [
	{ match: /^FILL_IN_DATASET_ID$/, value: (emulator) => emulator.seedDataset().id },
	{ match: /^FILL_IN_SCHEMA_ID$/, value: () => DEFAULT_SCHEMA_ID },
	{ match: /^FILL_IN_REDSHIFT_SCHEMA$/, value: () => 'public' },
	// The connection create-test-list-tables.json makes (the e2e runs the examples in file order).
	{ match: /^FILL_IN_CONNECTION_ID_OR_NAME$/, value: () => EXAMPLE_CONNECTION_NAME },
	// The dataflow aws-table-to-dataset.json makes (the e2e runs it before pause-resume and teardown).
	{ match: /^FILL_IN_DATAFLOW_NAME$/, value: () => EXAMPLE_DATAFLOW_NAME },
];

/** The example files, sorted. */
export function exampleFiles(): string[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((name) => name.endsWith('.json'))
		.sort();
}

export function readExample<T = unknown>(file: string): T {
	return JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as T;
}

/**
 * Replaces (in place) every whole string value that starts with FILL_IN; sticky notes that
 * mention a placeholder in prose stay as they are. Returns the placeholders no rule knows.
 */
export function fillPlaceholders(value: unknown, emulator: ExampleEmulator): string[] {
	const unknown: string[] = [];
	const fill = (current: unknown): unknown => {
		if (typeof current === 'string' && current.startsWith('FILL_IN')) {
			const rule = FILL_INS.find((r) => r.match.test(current));
			if (!rule) unknown.push(current);
			return rule ? rule.value(emulator) : current;
		}
		if (Array.isArray(current)) return current.map(fill);
		if (current && typeof current === 'object') {
			for (const [key, entry] of Object.entries(current))
				(current as Record<string, unknown>)[key] = fill(entry);
		}
		return current;
	};
	fill(value);
	return unknown;
}
