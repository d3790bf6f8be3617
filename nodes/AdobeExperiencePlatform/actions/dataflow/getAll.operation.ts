import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { flows, type FlowFilter } from '../../../shared/api/flows';
import { updateDisplayOptions } from '../../../shared/displayOptions';
import { listOperation } from '../../../shared/handlers';
import { choiceFilter, filtersCollection, returnAllFields } from '../../../shared/fields';
import { InvalidFieldError } from '../../../shared/InvalidFieldError';
import { FLOW_STATES } from '../../../shared/pipeline/dataflow';
import { locatorValue } from '../../../shared/parameters';
import { checkFlowServiceId } from '../../../shared/validation';
import { PICKER_MODES } from '../parameters';
import { simpleDataflow, simplifyField, withSimplify } from '../simplify';
import { sourceConnectionPicker } from './dataflow.fields';

/**
 * Filters with `sourceFilter` as the Source Connection filter, for the node versions `versions`.
 * Version 1 keeps its text field (an ID typed or from an expression); 1.1 has the picker.
 */
function filters(
	sourceFilter: INodeProperties,
	versions: NonNullable<IDisplayOptions['show']>['@version'],
): INodeProperties {
	return {
		...filtersCollection([
			sourceFilter,
			choiceFilter(
				'State',
				'state',
				{ Disabled: 'disabled', Enabled: 'enabled' },
				'enabled',
				'Only dataflows in this state',
			),
		]),
		displayOptions: { show: { '@version': versions } },
	};
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
			...sourceConnectionPicker(),
			required: false,
			description: 'Only dataflows that read this source connection',
		},
		[{ _cnd: { gte: 1.1 } }],
	),
];

const displayOptions = { show: { resource: ['dataflow'], operation: ['getAll'] } };

/** The Source Connection filter as the node version `typeVersion` labels it. */
const sourceFilter = (typeVersion: number) => ({
	field: 'filters.sourceConnectionId',
	label: typeVersion >= 1.1 ? 'Source Connection' : 'Source Connection ID',
});

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
