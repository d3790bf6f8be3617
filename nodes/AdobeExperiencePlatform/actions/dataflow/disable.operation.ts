import { stateOperation } from './setState';

/** Disables a dataflow (`POST /flows/{id}/action?op=disable`): its schedule stops; safe to repeat. */
export const { description, execute } = stateOperation('disable');
