import type { IExecuteFunctions } from 'n8n-workflow';

import { getTargetConnection } from '../../../shared/api/targetConnections';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { readSandbox } from '../../../shared/parameters';
import { CONNECTION_ID_PATTERN } from '../../../shared/validation';
import { FIELDS } from '../fields';
import { targetConnectionLocator } from '../locators';
import { readPickedId } from '../parameters';
import { targetConnectionOutput } from './output';
import type { ItemOperation, OperationOption } from '../../../shared/operations';

/** This operation's entry in its resource's Operation dropdown. */
export const option: OperationOption = {
	name: 'Get',
	description: 'Get a target connection by ID',
	action: 'Get a target connection',
};

const displayOptions = { show: { resource: ['targetConnection'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, [targetConnectionLocator()]);

/** The target connection's ID, checked as the picker's By ID mode checks it. */
export function readTargetConnectionId(this: IExecuteFunctions, itemIndex: number): string {
	return readPickedId.call(
		this,
		FIELDS.targetConnectionId,
		itemIndex,
		CONNECTION_ID_PATTERN,
		'373e88fc-43da-4e3c-be88-fc43da3e3c0f',
	);
}

export const execute: ItemOperation = async function (itemIndex, ctx) {
	const id = readTargetConnectionId.call(this, itemIndex);
	const sandboxName = readSandbox.call(this, itemIndex, ctx);
	return targetConnectionOutput(
		await getTargetConnection.call(this, ctx, sandboxName, id, itemIndex),
		sandboxName,
	);
};
