import { stateOperation } from './setState';
import type { OperationOption } from '../../../shared/operations';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Disable',
	description: "Stop a dataflow's schedule",
	action: 'Disable a dataflow',
};

/** Disables a dataflow (`POST /flows/{id}/action?op=disable`): its schedule stops; safe to repeat. */
export const { description, execute } = stateOperation('disable');
