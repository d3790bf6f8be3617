import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { flows, type FlowFilter } from '../../../shared/resources/dataflow/api';
import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { listOperation } from '../../../shared/node/handlers';
import {
	choiceFilter,
	filtersCollection,
	returnAllFields,
} from '../../../shared/node/commonFields';
import { InvalidFieldError, checkFlowServiceId } from '../../../shared/kernel/validation';
import { FLOW_STATES } from '../../../shared/resources/dataflow/body';

const properties: INodeProperties[] = [
	...returnAllFields(),
	filtersCollection([
		{
			displayName: 'Source Connection ID',
			name: 'sourceConnectionId',
			type: 'string',
			default: '',
			placeholder: '373e88fc-43da-4e3c-be88-fc43da3e3c0f',
			description: 'Only dataflows that read this source connection',
		},
		choiceFilter(
			'State',
			'state',
			{ Disabled: 'disabled', Enabled: 'enabled' },
			'enabled',
			'Only dataflows in this state',
		),
	]),
];

const displayOptions = { show: { resource: ['dataflow'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Dataflows of the sandbox, newest first, one item each (follows Adobe's continuation links). */
export const execute = listOperation(function (itemIndex): FlowFilter {
	const filters = (this.getNodeParameter('filters', itemIndex, {}, { skipValidation: true }) ??
		{}) as IDataObject;
	const sourceText =
		typeof filters.sourceConnectionId === 'string'
			? filters.sourceConnectionId.trim()
			: filters.sourceConnectionId;
	const sourceConnectionId =
		sourceText === undefined || sourceText === ''
			? undefined
			: checkFlowServiceId(
					{ field: 'filters.sourceConnectionId', label: 'Source Connection ID' },
					sourceText,
					'source connection ID',
					'the "id" output of a source connection Create',
				);
	const state = filters.state;
	if (state !== undefined && !(FLOW_STATES as readonly unknown[]).includes(state)) {
		throw new InvalidFieldError(
			'filters.state',
			`"State" must be one of ${FLOW_STATES.join(', ')}; got ${JSON.stringify(state)}.`,
		);
	}
	return { sourceConnectionId, state: state as string | undefined };
}, flows.list);
