/** Runs Create From Table's steps in order; each step's ensure finds earlier work, so a re-run resumes. Pure. */

/** What one step ended with: the object's ID and whether an earlier run had made it. */
export interface StepResult {
	id: string;
	reused: boolean;
	/** Anything else the step wants in the output (e.g. a mapping set's version). */
	extra?: Record<string, unknown>;
}

export interface ChainStep<K extends string> {
	key: K;
	/** Lower-case noun for messages, e.g. "source connection". */
	label: string;
	/** Finds or creates the object; gets the steps done so far (their IDs), in order. */
	run(previous: ReadonlyArray<DoneStep<K>>): Promise<StepResult>;
}

/** A finished step, as the output and the failure note list it. */
export interface DoneStep<K extends string> extends StepResult {
	key: K;
	label: string;
}

/** The note a failure gets: what exists now and that a re-run resumes after it. */
export function resumeNote(done: ReadonlyArray<DoneStep<string>>, failed: string): string {
	if (done.length === 0)
		return `Nothing was created before the ${failed} step failed; running the item again starts over.`;
	const list = done
		.map((step) => `${step.label} ${step.id} (${step.reused ? 'reused' : 'created'})`)
		.join(', ');
	return `Already in place before the ${failed} step failed: ${list}. Running the item again reuses them and resumes at the ${failed} step.`;
}

/**
 * Runs the steps in order. When one throws, `annotate(error, note)` adds resumeNote to the error
 * (the caller knows the error type) and the error is rethrown.
 * @returns every step's result, in order
 */
export async function runChain<K extends string>(
	steps: ReadonlyArray<ChainStep<K>>,
	annotate: (error: unknown, note: string) => unknown,
): Promise<Array<DoneStep<K>>> {
	const done: Array<DoneStep<K>> = [];
	for (const step of steps) {
		let result: StepResult;
		try {
			result = await step.run(done);
		} catch (error) {
			throw annotate(error, resumeNote(done, step.label));
		}
		done.push({ key: step.key, label: step.label, ...result });
	}
	return done;
}

/**
 * Names of the objects Create From Table makes, derived from the dataflow name so a re-run finds
 * them (Adobe allows 256 characters; the suffix is kept whole).
 */
export function chainNames(flowName: string): {
	sourceConnection: string;
	targetConnection: string;
	mappingSet: string;
	dataflow: string;
} {
	const base = (suffix: string) => `${flowName.slice(0, 256 - suffix.length)}${suffix}`;
	return {
		sourceConnection: base(' (source)'),
		targetConnection: base(' (target)'),
		mappingSet: base(' (mapping)'),
		dataflow: flowName,
	};
}

/** The dataflow name when none is given: `Redshift <table> to dataset <id>`, stable across runs. */
export function defaultFlowName(tablePath: string, datasetId: string): string {
	return `Redshift ${tablePath} to dataset ${datasetId}`;
}
