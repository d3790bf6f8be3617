/**
 * Where n8n's editor draws the Redshift node's credentials, per operation: the node description
 * evaluated with n8n's own getNodeParameters and displayParameter, then the editor's placement rule
 * (n8n-io/n8n, editor-ui ParameterInputList.vue `indexToShowSlotAt`, the same rule in 1.x and 2.x):
 * at the first shown parameter of type `credentials`; without one, before the last shown parameter
 * that a credential's displayOptions name; else at the top.
 */
import {
	NodeHelpers,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { AdobeRedshiftConnection } from '../../../nodes/AdobeRedshiftConnection/AdobeRedshiftConnection.node';

const { description } = new AdobeRedshiftConnection();

/** The parameters the editor shows for `values` (defaults filled in as n8n does), in order. */
function shown(values: INodeParameters, typeVersion: number): INodeProperties[] {
	const node = { typeVersion };
	const full = NodeHelpers.getNodeParameters(
		description.properties,
		values,
		true,
		false,
		node,
		description,
	)!;
	return description.properties.filter((property) =>
		NodeHelpers.displayParameter(full, property, node, description),
	);
}

/** The names of the parameters drawn above the credentials, by the editor's rule. */
function aboveCredentials(parameters: INodeProperties[]): string[] {
	const named = new Set(
		(description.credentials ?? []).flatMap((credential) =>
			Object.keys(credential.displayOptions?.show ?? {}),
		),
	);
	let index = parameters.findIndex((parameter) => parameter.type === 'credentials');
	if (index === -1) {
		index = 0;
		parameters.forEach((parameter, at) => {
			if (named.has(parameter.name)) index = at;
		});
	}
	return parameters
		.slice(0, index)
		.filter((parameter) => parameter.type !== 'credentials')
		.map((parameter) => parameter.name);
}

const operationsOf = (resource: string): string[] =>
	(
		description.properties.find(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(resource),
		)!.options as INodePropertyOptions[]
	).map((option) => option.value as string);

const cases = [1, 1.1].flatMap((version) =>
	['baseConnection', 'sourceConnection'].flatMap((resource) =>
		operationsOf(resource).flatMap((operation) =>
			['credential', 'fields'].map((from) => ({ version, resource, operation, from })),
		),
	),
);

describe('the credentials of the Adobe Redshift Connection node, as n8n draws them', () => {
	it.each(cases)(
		'sit right under Resource, Operation and (where shown) Redshift Sign-In From: $resource › $operation, $from, version $version',
		({ version, resource, operation, from }) => {
			const parameters = shown({ resource, operation, redshiftSignInFrom: from }, version);
			const decides = parameters.some((parameter) => parameter.name === 'redshiftSignInFrom');
			expect(decides).toBe(
				resource === 'baseConnection' && ['create', 'update'].includes(operation),
			);
			expect(aboveCredentials(parameters)).toEqual(
				decides ? ['resource', 'operation', 'redshiftSignInFrom'] : ['resource', 'operation'],
			);
		},
	);

	it('are placed by one parameter of type credentials; each operation keeps the order of its own fields', () => {
		const names = (list: INodeProperties[]) =>
			list.filter(
				(p) =>
					p.type !== 'credentials' && p.name !== 'redshiftSignInFrom' && p.name !== 'operation',
			);
		// Each operation's own fields come after the credentials, in the order its module lists them.
		const create = shown({ resource: 'baseConnection', operation: 'create' }, 1.1);
		expect(names(create).map((p) => p.name)).toEqual([
			'resource',
			'hosting',
			'name',
			'description',
			'ifExists',
			'options',
		]);
		expect(description.properties.filter((p) => p.type === 'credentials')).toHaveLength(1);
	});
});
