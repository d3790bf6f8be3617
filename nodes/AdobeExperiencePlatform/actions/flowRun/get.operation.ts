import { getRun } from '../../../shared/api/runs';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { pickedOperation } from '../../../shared/handlers';
import type { OperationOption } from '../../../shared/operations';
import { readRunId, runPicker } from '../dataflow/dataflow.fields';
import { runOutput } from '../dataflow/dataflow.output';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Get',
	description: 'Get a run: status, record counts, duration and errors',
	action: 'Get a flow run',
};

const displayOptions = { show: { resource: ['flowRun'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [runPicker()]);

/** One run, summarised: status, records, durationMs, errors (see runOutput). */
export const execute = pickedOperation(readRunId, getRun, (run, { sandboxName }) =>
	runOutput(run, sandboxName),
);
