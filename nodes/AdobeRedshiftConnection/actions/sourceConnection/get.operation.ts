import { sourceConnections } from '../../../shared/resources/sourceConnection/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { pickedOperation } from '../../../shared/node/handlers';
import * as fields from '../../../shared/resources/sourceConnection/fields';

const displayOptions = { show: { resource: ['sourceConnection'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [fields.sourceConnectionPicker()]);

/** The source connection as Adobe returns it (base connection ID, table, columns, etag…), plus `sandboxName`. */
export const execute = pickedOperation(fields.readSourceConnectionId, sourceConnections.get);
