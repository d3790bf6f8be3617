/**
 * `npm run demo`: runs the demo workflow (manual trigger -> two input items -> Adobe Redshift
 * Connection) inside n8n's engine against the local Adobe emulator, and prints what was created.
 * Loopback only, no prompts; exits non-zero with a message on any failure.
 */
import path from 'node:path';

import { startEmulator, type StartedEmulator } from '../test/emulator';
import { NODE_TYPES, loadWorkflow, runWorkflow } from '../test/engine/harness';
import { emulatorCredential } from '../test/support/credentials';

const WORKFLOW_FILE = path.join(__dirname, '..', 'test', 'engine', 'workflows', 'demo.workflow.json');
const NODE_NAME = 'Adobe Redshift Connection';
const COLUMNS = ['name', 'hosting', 'sandboxName', 'id', 'etag'] as const;

function table(rows: Array<Record<string, unknown>>): string {
	const cells = rows.map((row) => COLUMNS.map((column) => String(row[column] ?? '')));
	const widths = COLUMNS.map((column, i) => Math.max(column.length, ...cells.map((line) => line[i].length)));
	const format = (line: readonly string[]) => line.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
	return [format(COLUMNS), format(widths.map((width) => '-'.repeat(width))), ...cells.map(format)].join('\n');
}

async function main(): Promise<void> {
	const started = Date.now();
	const workflow = loadWorkflow(WORKFLOW_FILE);
	const node = workflow.nodes.find((candidate) => candidate.type === NODE_TYPES.adobeRedshiftConnection);
	const credentialRef = node?.credentials?.adobeExperiencePlatformApi;
	if (!credentialRef?.id) throw new Error(`${WORKFLOW_FILE} has no Adobe Redshift Connection node with a credential`);

	let emulator: StartedEmulator | undefined;
	try {
		emulator = await startEmulator({ hosting: 'any' });
		const result = await runWorkflow(workflow, {
			credentials: [
				emulatorCredential(emulator, {}, { id: credentialRef.id, name: credentialRef.name }),
			],
		});

		if (result.error) {
			const { message, description } = result.error;
			throw new Error(`The workflow failed: ${message}${description ? `\n${description}` : ''}`);
		}
		const items = result.outputOf(NODE_NAME).map((item) => item.json);
		const failed = items.find((item) => item.error !== undefined);
		if (failed) throw new Error(`An item failed: ${JSON.stringify(failed.error)}`);
		if (items.length !== 2) throw new Error(`Expected 2 output items from "${NODE_NAME}", got ${items.length}`);

		process.stdout.write(
			[
				`Ran "${workflow.name ?? 'demo'}" in n8n's engine against the Adobe emulator at ${emulator.baseUrl}\n`,
				table(items),
				`\nIMS tokens issued: ${emulator.tokensIssued()}`,
				`Finished in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
			].join('\n'),
		);
	} finally {
		await emulator?.close();
	}
}

main().then(
	// Exit explicitly: keep-alive sockets of n8n's HTTP client must not hold the demo open.
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`Demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	},
);
