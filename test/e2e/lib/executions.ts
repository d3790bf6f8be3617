/**
 * The executions an n8n instance stored (sqlite: execution_entity + execution_data +
 * execution_metadata), read with n8n's own sqlite3 and flatted. n8n's sqlite3 is a native module
 * built for that n8n's Node (24 for 2.x), so the database is read by a small script run with that
 * Node (read-executions.cjs); the run data, which n8n stores in flatted's format, is decoded here
 * with the flatted copy n8n itself uses.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import type { N8nInstance } from './n8n';
import { run, tail } from './proc';
import { CheckFailure } from './steps';

export interface StoredNode {
	name: string;
	type: string;
	parameters?: Record<string, unknown>;
}

export interface StoredTaskData {
	data?: { main?: Array<Array<{ json: Record<string, unknown>; pairedItem?: unknown }> | null> };
	error?: unknown;
	[key: string]: unknown;
}

/** The part of n8n's IRunExecutionData the checks read. */
export interface StoredRunData {
	resultData?: {
		runData?: Record<string, StoredTaskData[]>;
		error?: unknown;
		lastNodeExecuted?: string;
	};
	[key: string]: unknown;
}

export interface StoredExecution {
	id: number;
	workflowId: string;
	mode: string;
	status: string;
	/** The texts exactly as stored, for whole-row searches. */
	text: { entity: string; data: string; workflowData: string; metadata: string };
	/** execution_data.data decoded (flatted). */
	data: StoredRunData;
	/** execution_data.workflowData: the workflow as it was when the execution ran. */
	workflow: { nodes: StoredNode[] };
}

/** One stored execution as read from the database, before decoding. */
export interface DumpRow {
	entity: Record<string, unknown> & {
		id: number;
		workflowId: string;
		mode: string;
		status: string;
		storedAt?: string;
	};
	data: string | null;
	workflowData: string | null;
	metadata: Array<{ key: string; value: string }>;
}

/** n8n's package folder: the CLI entry is <package>/bin/n8n. */
function n8nPackageDir(instance: N8nInstance): string {
	return dirname(dirname(instance.n8n.cli));
}

export async function readStoredExecutions(instance: N8nInstance): Promise<StoredExecution[]> {
	const database = join(instance.userFolder, '.n8n', 'database.sqlite');
	if (!existsSync(database)) throw new CheckFailure(`no n8n database at ${database}`);
	// No outputPrefix: the dump may hold secrets and must not land in a file the run keeps.
	const result = await run(
		join(instance.n8n.nodeBin, 'node'),
		[join(__dirname, 'read-executions.cjs'), n8nPackageDir(instance), database],
		{
			env: instance.env,
			timeoutMs: 60_000,
		},
	);
	if (result.code !== 0 || result.timedOut) {
		throw new CheckFailure(
			`reading ${database} failed (${result.timedOut ? 'timed out' : `exit ${result.code ?? result.signal}`}):\n${tail(result.stderr, 10)}`,
		);
	}
	return decodeStoredRows(instance, JSON.parse(result.stdout) as DumpRow[]);
}

/**
 * Decodes stored rows (from sqlite or PostgreSQL) with the flatted copy the instance's n8n uses.
 * Throws CheckFailure for a row without execution data (the scan would miss it).
 */
export function decodeStoredRows(instance: N8nInstance, rows: DumpRow[]): StoredExecution[] {
	const flatted = createRequire(join(n8nPackageDir(instance), 'package.json'))('flatted') as {
		parse(text: string): unknown;
	};
	return rows.map((row) => {
		const where = `execution ${row.entity.id} (workflow ${row.entity.workflowId})`;
		// 2.x can keep execution data outside the database (storedAt 'fs'/'s3'); then this reader would scan nothing.
		if (row.data === null || row.workflowData === null) {
			throw new CheckFailure(
				`${where}: no execution_data row (storedAt: ${String(row.entity.storedAt ?? 'db')}); the scan would miss its data`,
			);
		}
		return {
			id: row.entity.id,
			workflowId: row.entity.workflowId,
			mode: row.entity.mode,
			status: row.entity.status,
			text: {
				entity: JSON.stringify(row.entity),
				data: row.data,
				workflowData: row.workflowData,
				metadata: JSON.stringify(row.metadata),
			},
			data: flatted.parse(row.data) as StoredRunData,
			workflow: JSON.parse(row.workflowData) as { nodes: StoredNode[] },
		};
	});
}
