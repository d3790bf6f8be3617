/**
 * Placeholders as n8n's UX guidelines for community nodes write them ("e.g." then an example), for
 * every plain field of the three nodes; and Create From Table's Dataflow Name placeholder is the
 * name the node really gives a dataflow when the field is empty (defaultFlowName).
 */
import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { AdobeExperiencePlatform } from '../../../nodes/AdobeExperiencePlatform/AdobeExperiencePlatform.node';
import { AdobeExperiencePlatformTrigger } from '../../../nodes/AdobeExperiencePlatformTrigger/AdobeExperiencePlatformTrigger.node';
import { AdobeRedshiftConnection } from '../../../nodes/AdobeRedshiftConnection/AdobeRedshiftConnection.node';
import { DATASET_ID_PATTERN } from '../../../nodes/shared/resources/dataset/api';
import { defaultFlowName } from '../../../nodes/shared/resources/dataflow/chain';

const descriptions = [
	new AdobeExperiencePlatform().description,
	new AdobeExperiencePlatformTrigger().description,
	new AdobeRedshiftConnection().description,
];

/** Every field, nested ones (collections, fixed collections) included, as [path, field]. */
function fields(
	list: Array<INodeProperties | INodePropertyCollection>,
	path = '',
): Array<[string, INodeProperties]> {
	return list.flatMap((entry) => {
		const here = `${path}${entry.name}`;
		const nested =
			('values' in entry ? entry.values : undefined) ??
			('options' in entry ? entry.options : undefined);
		const children =
			Array.isArray(nested) &&
			nested.every((o) => typeof o === 'object' && 'name' in o && ('type' in o || 'values' in o))
				? fields(nested as INodeProperties[], `${here}.`)
				: [];
		return 'type' in entry
			? [[here, entry as INodeProperties] as [string, INodeProperties], ...children]
			: children;
	});
}

/** Field types whose placeholder is an example value (collections' placeholders are button labels). */
const VALUE_TYPES = ['string', 'number', 'json'];

it('every example placeholder of the three nodes starts with "e.g."', () => {
	const examples = descriptions.flatMap((description) =>
		fields(description.properties)
			.filter(([, field]) => VALUE_TYPES.includes(field.type) && field.placeholder !== undefined)
			.map(([path, field]) => [`${description.name} ${path}`, String(field.placeholder)]),
	);
	expect(examples.length).toBeGreaterThan(10);
	expect(examples.filter(([, placeholder]) => !/^e\.g\. (?!e\.g\.)/.test(placeholder))).toEqual([]);
});

it("Create From Table's Dataflow Name placeholder is the real default name, with a 24-character dataset ID", () => {
	const [aep] = descriptions;
	const name = aep.properties.find(
		(field) =>
			field.name === 'name' && field.displayOptions?.show?.operation?.includes('createFromTable'),
	);
	const placeholder = String(name?.placeholder);
	const datasetId = /([0-9a-f]{24})$/.exec(placeholder)?.[1] ?? '';
	expect(new RegExp(DATASET_ID_PATTERN).test(datasetId)).toBe(true);
	expect(placeholder).toBe(`e.g. ${defaultFlowName('public.orders', datasetId)}`);
});
