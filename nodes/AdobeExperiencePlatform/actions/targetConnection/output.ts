import type { IDataObject } from 'n8n-workflow';

import type { TargetConnection } from '../../../shared/api/targetConnections';

/** A target connection for output: as Flow Service returns it, with its sandbox. */
export function targetConnectionOutput(target: TargetConnection, sandboxName: string): IDataObject {
	return { ...target, sandboxName };
}
