/** Webhook calls to n8n's main in queue mode: a bounded pool of POSTs, each answer with its time. */

/** Webhook calls in flight at once. */
export const IN_FLIGHT = 10;
/** A webhook call takes under 10 s here even on a loaded machine; longer means the answer is lost. */
export const ANSWER_TIMEOUT_MS = 60_000;

export interface Call {
	name: string;
	/** 0: no answer within ANSWER_TIMEOUT_MS (or the connection failed). */
	status: number;
	body: Record<string, unknown>;
	ms: number;
}

/** A webhook body: `name` labels the call; the other fields are for the workflow. */
export type WebhookBody = { name: string } & Record<string, unknown>;

/** A pool of `IN_FLIGHT` webhook calls, in the given order; `onAnswer` runs after each answer (count so far). */
export async function fire(
	url: string,
	bodies: WebhookBody[],
	onAnswer?: (answered: number) => Promise<void> | void,
): Promise<Call[]> {
	const calls: Call[] = [];
	let next = 0;
	const worker = async () => {
		while (next < bodies.length) {
			const sent = bodies[next++];
			const started = Date.now();
			let status = 0;
			let body: Record<string, unknown> = {};
			try {
				const response = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(sent),
					signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
				});
				status = response.status;
				const text = await response.text();
				try {
					body = JSON.parse(text) as Record<string, unknown>;
				} catch {
					body = { text };
				}
			} catch (error) {
				body = { error: error instanceof Error ? error.message : String(error) };
			}
			calls.push({ name: sent.name, status, body, ms: Date.now() - started });
			await onAnswer?.(calls.length);
		}
	};
	await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
	return calls;
}
