/**
 * Exact request counts (by method and path, from the emulator's log) of an idle trigger poll
 * over many dataflows: All Dataflows, and Selected Dataflows (listed in chunks).
 */
import type { INodeParameters } from 'n8n-workflow';

import type { StartedEmulator } from '../../emulator';
import { seedDataflows } from '../../support/dataflows';
import { countByKind } from '../../support/requestCounts';
import { createPoller, type Poller } from '../../support/engine/harness';
import { LeakScanner } from '../../support/engine/leaks';
import { closeAndScan, selected, TRIGGER, triggerWorkflow } from '../../support/trigger/kit';
import { credentialFor, startTestEmulator } from '../../support/engine/support';

jest.setTimeout(120_000);

const DATAFLOWS = 60;

describe('Adobe Experience Platform Trigger: requests of an idle poll, counted exactly', () => {
	const leaks = new LeakScanner();
	let emu: StartedEmulator;
	let flows: string[];
	let pollers: Poller[] = [];

	beforeEach(async () => {
		emu = await startTestEmulator();
		flows = await seedDataflows(
			emu,
			Array.from({ length: DATAFLOWS }, (_, i) => `flow ${i}`),
		);
		pollers = [];
	});
	afterEach(async () => await closeAndScan(leaks, emu, pollers));

	/** Activates a trigger with `parameters` (its first poll records the cursor), then polls once more with nothing new: that poll's requests by kind. */
	async function idlePoll(parameters: INodeParameters) {
		const p = createPoller(triggerWorkflow({ event: 'anyRunFinished', ...parameters }), TRIGGER, {
			credentials: [credentialFor(emu)],
		});
		pollers.push(p);
		const activation = await p.poll();
		if (activation.error) throw activation.error;
		const before = emu.platformRequests().length;
		const tokens = emu.tokensIssued();
		const idle = await p.poll();
		if (idle.error) throw idle.error;
		expect(idle.emitted).toEqual([]);
		expect(emu.tokensIssued()).toBe(tokens);
		return countByKind(emu.platformRequests().slice(before));
	}

	// Today's figures (issue 24 states them in the README: constant for All Dataflows, one per chunk
	// of 20 selected dataflows). A change of the poll changes these numbers on purpose.
	it(`All Dataflows over ${DATAFLOWS} dataflows: one run listing`, async () => {
		expect(await idlePoll({ scope: 'all' })).toEqual({
			'GET /data/foundation/flowservice/runs': 1,
		});
	});

	it(`Selected Dataflows, all ${DATAFLOWS}: one run listing per chunk of 20 dataflows`, async () => {
		expect(await idlePoll(selected(...flows))).toEqual({
			'GET /data/foundation/flowservice/runs': 3,
		});
	});

	it('Selected Dataflows, 21 of them: two chunks', async () => {
		expect(await idlePoll(selected(...flows.slice(0, 21)))).toEqual({
			'GET /data/foundation/flowservice/runs': 2,
		});
	});
});
