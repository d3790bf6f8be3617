/** The leak scanner itself: it must find planted secrets in real run data, and never print them. */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { startEmulator, type StartedEmulator } from '../../emulator';
import { itemsWorkflow } from '../../support/workflow';
import { runWorkflow, type WorkflowDefinition } from '../../support/engine/harness';
import { LeakScanner, serialiseForScan } from '../../support/engine/leaks';
import { NODE, runNode, testSecret } from '../../support/redshift/kit';

let emu: StartedEmulator;
const CLIENT_SECRET = testSecret('client-secret');
const PASSWORD = testSecret('redshift-pw');

beforeAll(async () => {
	emu = await startEmulator({ hosting: 'aws', clientSecret: CLIENT_SECRET });
});

afterAll(async () => {
	await emu.close();
});

/** A Code node that outputs whatever it is given: a stand-in for a node that leaks. */
function echo(json: IDataObject): WorkflowDefinition {
	return itemsWorkflow({ name: 'leaky', items: [json], itemsNode: 'Leaky', nodes: [] });
}

it('finds secrets the emulator saw (token, password, client secret) in run data, masked in the report', async () => {
	const scanner = new LeakScanner();
	const created = await runNode(emu, [{}], {
		operation: 'create',
		hosting: 'aws',
		name: 'Leak probe',
		server: 'probe.example.com',
		port: 5439,
		username: 'aep_reader',
		password: PASSWORD,
		database: 'dev',
		schema: 'public',
	});
	expect(created.json[0].id).toEqual(expect.any(String));
	scanner.addRun('node', created.result, { nodes: [NODE] });
	scanner.addEmulatorSecrets(emu);
	expect(scanner.findLeaks()).toEqual([]);

	const token = /^Bearer (.+)$/.exec(
		emu.platformRequests()[0].headers.authorization,
	)?.[1] as string;
	const leaky = await runWorkflow(
		echo({
			note: `auth ${token}`,
			pw: encodeURIComponent(PASSWORD),
			nested: { secret: CLIENT_SECRET },
		}),
	);
	scanner.addRun('leaky', leaky);
	const hits = scanner.findLeaks();
	expect(hits.map((hit) => hit.secret).sort()).toEqual([
		'Redshift password (request)',
		'access token #1',
		'client secret',
	]);
	for (const hit of hits) {
		expect(hit.where).toBe('leaky › Leaky');
		for (const secret of [token, PASSWORD, CLIENT_SECRET])
			expect(hit.excerpt).not.toContain(secret);
	}
	expect(() => scanner.expectNoLeaks()).toThrow(/Secrets leaked into 3 place\(s\)/);
	// Scanned texts are forgotten after a check; the secrets stay registered.
	expect(() => scanner.expectNoLeaks()).not.toThrow();
});

it('flags any emulator-shaped token, even one it was never told about', () => {
	const scanner = new LeakScanner();
	scanner.addText('message', `Bearer emu.${'A'.repeat(43)} refused`);
	expect(scanner.findLeaks()).toEqual([
		expect.objectContaining({ secret: 'access token (by pattern)', where: 'message' }),
	]);
});

it('serialises errors with their non-enumerable parts (message, description, stack, cause)', () => {
	const [inDescription, inCause, inApiCause] = [
		testSecret('description'),
		testSecret('cause'),
		testSecret('api-cause'),
	];
	const node = {
		id: '1',
		name: 'n',
		type: 't',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: {},
	};
	// NodeApiError.toJSON() leaves out stack and cause; the scan must not.
	const apiError = new NodeApiError(
		node,
		{ message: 'boom' },
		{ description: `see ${inDescription}` },
	);
	Object.assign(apiError, { cause: new Error(`socket said ${inApiCause}`) });
	const wrapped = Object.assign(new Error('outer'), { cause: new Error(`inner ${inCause}`) });
	const cyclic: IDataObject = {};
	cyclic.self = cyclic;
	const text = serialiseForScan({ apiError, wrapped, cyclic });
	for (const secret of [inDescription, inCause, inApiCause]) expect(text).toContain(secret);
	expect(text).toContain('[cycle]');
});

it('refuses secrets too short to scan for', () => {
	expect(() => new LeakScanner().addSecret('pin', '1234')).toThrow(/shorter than/);
});
