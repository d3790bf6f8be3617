/**
 * Shared pieces of the trigger's engine suites: a one-node workflow holding the Adobe Experience
 * Platform Trigger (polling every minute, credential pointing at the emulator) and its Watch
 * parameters for selected dataflows.
 */
import type { INodeExecutionData, INodeParameters, WorkflowActivateMode } from 'n8n-workflow';

import { seedDataflows } from '../dataflows';
import { CREDENTIAL_REF, CREDENTIAL_TYPE, NODE_TYPE } from '../workflow';
import type { StartedEmulator } from '../../emulator';
import { createPoller, type Poller, type WorkflowDefinition } from '../engine/harness';
import type { LeakScanner } from '../engine/leaks';
import { credentialFor, startTestEmulator } from '../engine/support';

/** The run IDs of the items a poll fired, in order. */
export const runIds = (items: INodeExecutionData[]) => items.map((i) => i.json.runId as string);

/** The trigger node's name in triggerWorkflow. */
export const TRIGGER = 'Run Trigger';

/** A workflow with only the trigger (node version `typeVersion`), with `parameters` on top of polling every minute. */
export function triggerWorkflow(parameters: INodeParameters, typeVersion = 1): WorkflowDefinition {
	return {
		name: 'trigger engine test',
		nodes: [
			{
				id: 'trigger-1',
				name: TRIGGER,
				type: NODE_TYPE.adobeExperiencePlatformTrigger,
				typeVersion,
				position: [0, 0],
				parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...parameters },
				credentials: { [CREDENTIAL_TYPE]: CREDENTIAL_REF },
			},
		],
		connections: {},
	};
}

/** Watch = Selected Dataflows, each picked From List. */
export const selected = (...ids: string[]): INodeParameters => ({
	scope: 'selected',
	dataflows: { items: ids.map((id) => ({ dataflowId: { __rl: true, mode: 'list', value: id } })) },
});

/** After a test: every poll's items, errors and static data, and the emulator's secrets, into the leak scan; then closes the emulator and asserts no leak. */
export async function closeAndScan(
	leaks: LeakScanner,
	emu: StartedEmulator,
	pollers: Poller[],
): Promise<void> {
	for (const p of pollers) {
		leaks.addText('trigger polls (items and errors)', p.history);
		leaks.addText('trigger static data', p.staticData());
	}
	leaks.addEmulatorSecrets(emu);
	await emu.close();
	leaks.expectNoLeaks();
}

/** How a suite's poller starts: its workflow, saved static data and activation mode (see createPoller). */
export interface PollerSetup {
	workflowId?: string;
	staticData?: Record<string, unknown>;
	activation?: WorkflowActivateMode;
}

/**
 * Registers a trigger suite's hooks: before each test an emulator with two hourly dataflows
 * ('orders hourly', 'customers hourly'); after it, mocks restored and closeAndScan with `leaks`.
 * `current()` gives the test's emulator and dataflow IDs; `poller` makes a trigger poller on it.
 */
export function triggerSuite(leaks: LeakScanner) {
	let emu: StartedEmulator | undefined;
	let flows: string[] = [];
	const pollers: Poller[] = [];
	beforeEach(async () => {
		emu = await startTestEmulator();
		flows = await seedDataflows(emu, ['orders hourly', 'customers hourly']);
		pollers.length = 0;
	});
	afterEach(async () => {
		jest.restoreAllMocks();
		if (emu) await closeAndScan(leaks, emu, pollers);
	});
	return {
		current: () => ({ emu: emu as StartedEmulator, flows }),
		poller(parameters: INodeParameters, setup: PollerSetup = {}): Poller {
			const p = createPoller(triggerWorkflow(parameters), TRIGGER, {
				credentials: [credentialFor(emu as StartedEmulator)],
				...setup,
			});
			pollers.push(p);
			return p;
		},
	};
}
