import { stateOperation } from './setState';
import type { OperationOption } from '../../../shared/operations';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Enable',
	description: "Resume a dataflow's schedule",
	action: 'Enable a dataflow',
};

/** Enables a dataflow (`POST /flows/{id}/action?op=enable`); safe to repeat. */
export const { description, execute } = stateOperation('enable');
