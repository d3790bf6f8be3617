/** What a body may refer to, as seen from the caller's sandbox: the validators read other resources only through this. */
import type {
	EmulatorTable,
	StoredConnection,
	StoredSourceConnection,
	StoredTargetConnection,
} from './types';

export interface DataflowLookups {
	baseConnection(id: string): StoredConnection | undefined;
	sourceConnection(id: string): StoredSourceConnection | undefined;
	targetConnection(id: string): StoredTargetConnection | undefined;
	tables: EmulatorTable[];
	/**
	 * Catalog and Data Prep lookups. The server always provides them (a target's dataset and a
	 * flow's mapping set must then exist); pure validation tests without them skip those checks.
	 */
	dataset?(id: string): { schemaRef: { id: string } } | undefined;
	mappingSet?(
		id: string,
	): { version: number; outputSchema: { schemaRef: { id: string } } } | undefined;
	/** Epoch ms "now" and whether a past startTime is refused (FLOW-1360-400). */
	rejectPastStartTime?: boolean;
	now?: number;
}
