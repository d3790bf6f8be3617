import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { flows, type FlowFilter } from '../../../shared/resources/dataflow/api';
import { onVersions, updateDisplayOptions } from '../../../shared/node/displayOptions';
import { listOperation } from '../../../shared/node/handlers';
import {
	choiceFilter,
	filtersCollection,
	returnAllFields,
} from '../../../shared/node/commonFields';
import { checkFlowServiceId, InvalidFieldError } from '../../../shared/kernel/validation';
import { FLOW_STATES } from '../../../shared/resources/dataflow/body';
import { locatorValue, PICKER_MODES } from '../../../shared/node/readers';
import { anyUuidMode } from '../../../shared/node/picker';
import { DATAFLOW_FIELDS } from '../../../shared/resources/dataflow/fields';
import { simpleDataflow, simplifyField, withSimplify } from '../simplify';
import { sourceConnectionPicker } from '../../../shared/resources/sourceConnection/fields';

/**
 * Filters with `sourceFilter` as the Source Connection filter, for the node versions `versions`.
 * Version 1 keeps its text field (an ID typed or from an expression); 1.1 has the picker.
 */
function filters(
	sourceFilter: INodeProperties,
	versions: NonNullable<IDisplayOptions['show']>['@version'],
): INodeProperties {
	const state = choiceFilter(
		'State',
		'state',
		{ Disabled: 'disabled', Enabled: 'enabled' },
		'enabled',
		'Only dataflows in this state',
	);
	return onVersions(filtersCollection([sourceFilter, state]), versions);
}

const properties: INodeProperties[] = [
	...returnAllFields(),
	simplifyField,
	filters(
		{
			displayName: 'Source Connection ID',
			name: 'sourceConnectionId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 373e88fc-43da-4e3c-be88-fc43da3e3c0f',
			description: 'Only dataflows that read this source connection',
		},
		[1],
	),
	filters(
		{
			...sourceConnectionPicker('Only dataflows that read this source connection', anyUuidMode),
			required: false,
		},
		[{ _cnd: { gte: 1.1 } }],
	),
];

const displayOptions = { show: { resource: ['dataflow'], operation: ['getAll'] } };

/** The Source Connection filter as the node version `typeVersion` labels it. */
const sourceFilter = (typeVersion: number) =>
	typeVersion >= 1.1 ? DATAFLOW_FIELDS.sourceFilter : DATAFLOW_FIELDS.sourceFilterV1;

export const description = updateDisplayOptions(displayOptions, properties);

/** Dataflows of the sandbox, newest first, one item each (follows Adobe's continuation links). */
export const execute = withSimplify(
	listOperation(function (itemIndex): FlowFilter {
		const filters = (this.getNodeParameter('filters', itemIndex, {}, { skipValidation: true }) ??
			{}) as IDataObject;
		// Version 1's text field holds the ID; 1.1's picker {mode, value}.
		const ref = sourceFilter(this.getNode().typeVersion);
		const picked = locatorValue(ref, filters.sourceConnectionId, PICKER_MODES);
		const sourceText = typeof picked === 'string' ? picked.trim() : picked;
		const sourceConnectionId =
			sourceText === undefined || sourceText === ''
				? undefined
				: checkFlowServiceId(
						ref,
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
	}, flows.list),
	simpleDataflow,
);
