import { createRouter } from '../../shared/node/router';
import * as connection from './baseConnection/Connection.resource';
import * as sourceConnection from './sourceConnection/SourceConnection.resource';

/** The node's execute: resource -> operation -> handler (see shared/node/router.ts). */
export const router = createRouter(
	{ baseConnection: connection.operations, sourceConnection: sourceConnection.operations },
	{
		createdNote: (count, list) =>
			`This run had already created ${count} connection(s) before it stopped: ${list}. Running the workflow again creates them again unless "If a Connection With This Name Exists" (base connections) or "If It Exists" (source connections) is set to "Reuse It".`,
	},
);
