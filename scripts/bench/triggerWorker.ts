/**
 * Child process of `npm run bench` (child.ts): the Adobe Experience Platform Trigger (Run Finished,
 * polling every minute) in n8n-core's poller against a sandbox with a backlog. Starts from a stored
 * cursor at `since` (n8n restarted after a downtime), polls until a poll fires nothing, then polls
 * `idlePolls` more times with nothing new. Reports each poll's time window (epoch ms, so the bench
 * splits the emulator's log per poll), its wall time and the run IDs it fired.
 */
import type { INodeParameters } from 'n8n-workflow';

import { createPoller } from '../../test/support/engine/harness';
import { TRIGGER, triggerWorkflow } from '../../test/support/trigger/kit';
import { emulatorCredential, type EmulatorAccess } from '../../test/support/credentials';
import { finishWorker, jobOf } from './child';

export interface TriggerJob {
	access: EmulatorAccess;
	/** Watch parameters: All Dataflows, or Selected Dataflows with their IDs. */
	parameters: INodeParameters;
	/** Epoch ms of the stored cursor. */
	since: number;
	/** Polls at most, backlog included. */
	maxPolls: number;
	idlePolls: number;
}

export interface PollFigures {
	startedAt: number;
	endedAt: number;
	ms: number;
	fired: string[];
	error?: string;
}

finishWorker(async (): Promise<PollFigures[]> => {
	const job = jobOf<TriggerJob>();
	const poller = createPoller(
		triggerWorkflow({ event: 'anyRunFinished', ...job.parameters }),
		TRIGGER,
		{
			credentials: [emulatorCredential(job.access)],
			staticData: { runCursor: { since: job.since, boundaryIds: [], pendingIds: [] } },
			activation: 'init',
		},
	);
	const polls: PollFigures[] = [];
	let quiet = 0;
	while (polls.length < job.maxPolls && quiet <= job.idlePolls) {
		const startedAt = Date.now();
		const started = performance.now();
		const outcome = await poller.poll();
		const ms = performance.now() - started;
		polls.push({
			startedAt,
			endedAt: Date.now(),
			ms,
			fired: outcome.emitted.map((item) => String(item.json.runId)),
			error: outcome.error?.message,
		});
		if (outcome.error) break;
		if (outcome.emitted.length === 0) quiet++;
	}
	return polls;
});
