import { getTargetConnection } from '../../../shared/api/targetConnections';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { pickedOperation } from '../../../shared/handlers';
import type { OperationOption } from '../../../shared/operations';
import { targetConnectionLocator } from '../locators';
import { readTargetConnectionId } from '../parameters';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Get',
	description: 'Get a target connection by ID',
	action: 'Get a target connection',
};

const displayOptions = { show: { resource: ['targetConnection'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [targetConnectionLocator()]);

/** The target connection as Flow Service returns it, with its sandbox. */
export const execute = pickedOperation(readTargetConnectionId, getTargetConnection);
