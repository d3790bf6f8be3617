import { stateOperation } from './setState';

/** Enables a dataflow (`POST /flows/{id}/action?op=enable`); safe to repeat. */
export const { description, execute } = stateOperation('enable');
