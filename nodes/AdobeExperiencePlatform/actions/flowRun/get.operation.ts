import { flowRuns } from '../../../shared/resources/flowRun/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { pickedOperation } from '../../../shared/node/handlers';
import { readRunId, runPicker } from '../dataflow/dataflow.fields';
import { runOutput } from '../dataflow/dataflow.output';

const displayOptions = { show: { resource: ['flowRun'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [runPicker()]);

/** One run, summarised: status, records, durationMs, errors (see runOutput). */
export const execute = pickedOperation(readRunId, flowRuns.get, (run, { sandboxName }) =>
	runOutput(run, sandboxName),
);
