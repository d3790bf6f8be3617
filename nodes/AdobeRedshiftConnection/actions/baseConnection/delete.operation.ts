import { connections } from '../../../shared/resources/baseConnection/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { deleteOperation } from '../../../shared/node/handlers';
import * as fields from '../../../shared/resources/baseConnection/fields';

const displayOptions = { show: { resource: ['baseConnection'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, [fields.connectionPicker()]);

/**
 * `DELETE /connections/{id}`: `{id, deleted, alreadyAbsent, sandboxName, note?}`. A connection still
 * used by dataflows fails with Adobe's FLOW-1418-400.
 */
export const execute = deleteOperation(fields.readConnectionId, connections.remove, 'connection');
