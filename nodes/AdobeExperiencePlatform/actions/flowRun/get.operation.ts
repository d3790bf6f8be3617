import { flowRuns } from '../../../shared/resources/flowRun/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { pickedOperation } from '../../../shared/node/handlers';
import { runOutput } from '../../../shared/resources/flowRun/body';
import { readRunId, runPicker } from '../../../shared/resources/flowRun/fields';

const displayOptions = { show: { resource: ['flowRun'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [runPicker()]);

/** One run, summarised: status, records, durationMs, errors (see runOutput). */
export const execute = pickedOperation(readRunId, flowRuns.get, (run, { sandboxName }) =>
	runOutput(run, sandboxName),
);
