import { deleteSourceConnection } from '../../../shared/resources/sourceConnection/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { deleteOperation } from '../../../shared/node/handlers';
import * as fields from '../../../shared/resources/sourceConnection/fields';

const displayOptions = { show: { resource: ['sourceConnection'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, [fields.sourceConnectionPicker()]);

/**
 * `{id, deleted, alreadyAbsent, sandboxName}`: a source connection that is already gone is not an
 * error (`alreadyAbsent: true`); one a dataflow uses fails naming that dataflow.
 */
export const execute = deleteOperation(fields.readSourceConnectionId, deleteSourceConnection);
