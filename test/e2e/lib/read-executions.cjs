/**
 * Prints the executions an n8n instance stored in its sqlite database as JSON on stdout:
 *   [{ entity: <execution_entity row>, data, workflowData (execution_data, as stored), metadata: [{key, value}] }]
 * Run with the Node that this n8n's sqlite3 was built for (see lib/executions.ts):
 *   <n8n's node> read-executions.cjs <n8n package folder> <database.sqlite>
 * The output is whatever n8n stored, secrets included if any: the caller keeps it in memory only.
 */
'use strict';
const { createRequire } = require('node:module');
const { join } = require('node:path');

const [n8nPackageDir, databaseFile] = process.argv.slice(2);
// n8n's own sqlite3 (native, built for this Node), not one of ours.
const sqlite3 = createRequire(join(n8nPackageDir, 'package.json'))('sqlite3');

function fail(error) {
	process.stderr.write(
		`read-executions: ${error && error.message ? error.message : String(error)}\n`,
	);
	process.exit(1);
}

const db = new sqlite3.Database(
	databaseFile,
	sqlite3.OPEN_READONLY,
	(error) => error && fail(error),
);
const all = (sql) =>
	new Promise((resolve, reject) =>
		db.all(sql, (error, rows) => (error ? reject(error) : resolve(rows))),
	);

(async () => {
	const entities = await all('SELECT * FROM execution_entity ORDER BY id');
	const data = await all('SELECT executionId, data, workflowData FROM execution_data');
	const metadata = await all('SELECT executionId, key, value FROM execution_metadata');
	const out = entities.map((entity) => {
		const stored = data.find((row) => row.executionId === entity.id);
		return {
			entity,
			data: stored ? stored.data : null,
			workflowData: stored ? stored.workflowData : null,
			metadata: metadata
				.filter((row) => row.executionId === entity.id)
				.map(({ key, value }) => ({ key, value })),
		};
	});
	db.close();
	process.stdout.write(JSON.stringify(out));
})().catch(fail);
