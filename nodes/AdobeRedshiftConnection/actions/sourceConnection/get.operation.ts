import { sourceConnections } from '../../../shared/resources/sourceConnection/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { pickedOperation } from '../../../shared/node/handlers';
import {
	readSourceConnectionId,
	sourceConnectionPicker,
} from '../../../shared/resources/sourceConnection/fields';

const displayOptions = { show: { resource: ['sourceConnection'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [sourceConnectionPicker()]);

/** The source connection as Adobe returns it (base connection ID, table, columns, etag…), plus `sandboxName`. */
export const execute = pickedOperation(readSourceConnectionId, sourceConnections.get);
