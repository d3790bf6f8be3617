import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { safeOperationError } from '../../../shared/kernel/nodeErrors';

import { updateDisplayOptions } from '../../../shared/node/displayOptions';
import { etagField, collection } from '../../../shared/node/commonFields';
import { readPicked } from '../../../shared/node/handlers';
import { idempotentRequest, toNodeApiError } from '../../../shared/kernel/transport';
import { ETAG_FIELD } from '../../../shared/kernel/validation';
import { labelled, readParameter, NODE_FIELDS } from '../../../shared/node/readers';
import { checkSchemaChange } from '../../../shared/resources/baseConnection/hosting';
import { changesAlreadyApplied } from '../../../shared/resources/baseConnection/recovery';
import { buildUpdatePatch } from '../../../shared/resources/baseConnection/body';
import {
	checkConnectionChanges,
	checkEtag,
} from '../../../shared/resources/baseConnection/validation';
import { connections } from '../../../shared/resources/baseConnection/api';
import type { ItemOperation } from '../../../shared/node/operations';
import {
	readConnectionId,
	connectionPicker,
	BASE_CONNECTION_FIELDS,
} from '../../../shared/resources/baseConnection/fields';
import {
	SIGN_IN_FROM,
	type SignInFrom,
	checkSignIn,
	readRedshiftSignIn,
	redshiftAuthFields,
	signInFromFields,
} from '../../../shared/resources/baseConnection/signIn';

// Inside a collection, fields carry no displayOptions of their own.
const changeableAuthFields = redshiftAuthFields(false).map((field) => {
	const changeable = { ...field };
	delete changeable.displayOptions;
	delete changeable.required;
	return changeable;
});
const schemaOnly = changeableAuthFields.filter((field) => field.name === 'schema');

const nameAndDescription: INodeProperties[] = [
	{
		...labelled(BASE_CONNECTION_FIELDS.name),
		type: 'string',
		default: '',
		description: 'New name of the base connection',
	},
	{
		...labelled(NODE_FIELDS.description),
		type: 'string',
		default: '',
		typeOptions: { rows: 2 },
		description: 'New description',
	},
];

function updateFieldsCollection(from: SignInFrom, options: INodeProperties[]): INodeProperties {
	return {
		...collection(BASE_CONNECTION_FIELDS.updateFields, 'Add Field', options),
		displayOptions: { show: { [SIGN_IN_FROM]: [from] } },
	};
}

const properties: INodeProperties[] = [
	connectionPicker(),
	...signInFromFields(),
	{
		displayName:
			"Update sends the credential's server, port, username, password and database to Adobe: change the credential, then run Update to rotate the password.",
		name: 'signInCredentialNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { [SIGN_IN_FROM]: ['credential'] } },
	},
	updateFieldsCollection('fields', [...nameAndDescription, ...changeableAuthFields]),
	updateFieldsCollection('credential', [...nameAndDescription, ...schemaOnly]),
	etagField('connection', 'Create or Get'),
];

const displayOptions = { show: { resource: ['baseConnection'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute: ItemOperation = async function (itemIndex, ctx) {
	const { id, sandboxName } = readPicked.call(this, readConnectionId, itemIndex, ctx);
	const fields = (this.getNodeParameter('updateFields', itemIndex, {}, { skipValidation: true }) ??
		{}) as IDataObject;
	const signIn = await readRedshiftSignIn.call(this, itemIndex, (name) => fields[name]);
	const changes = checkSignIn(signIn.from, () =>
		checkConnectionChanges({
			name: fields.name,
			description: fields.description,
			...signIn.input,
			schema: fields.schema,
		}),
	);
	let etag = checkEtag(readParameter.call(this, ETAG_FIELD.field, itemIndex));

	if (etag === undefined) {
		const current = await connections.get.call(this, ctx, sandboxName, id, itemIndex);
		etag = current.etag;
		checkSchemaChange(current.auth?.params, changes.params.schema);
	}
	const outcome = await idempotentRequest.call(this, ctx, {
		method: 'PATCH',
		path: connections.pathOf(id),
		body: buildUpdatePatch(changes) as unknown as IDataObject[],
		headers: { 'If-Match': etag },
		sandboxName,
		secrets: changes.params.password === undefined ? [] : [changes.params.password],
	});
	let result: { id: string; etag: string };
	if (outcome.ok) {
		result = outcome.body as { id: string; etag: string };
	} else {
		// A retry that meets a changed etag after an interrupted attempt: that attempt may have applied.
		const current =
			outcome.afterAmbiguousAttempt && outcome.failure.facts.status === 412
				? await connections.get.call(this, ctx, sandboxName, id, itemIndex)
				: undefined;
		if (!current || current.etag === etag)
			throw toNodeApiError.call(this, outcome.failure, itemIndex);
		if (!changesAlreadyApplied(current, changes)) {
			throw safeOperationError(
				this,
				`The update of connection ${id} may not have been applied: the first attempt got no clear answer and the connection has changed since (current etag ${current.etag}).`,
				{
					itemIndex,
					description:
						'The connection does not show proof that it carries this change (a password is masked by Adobe, so a password-only change cannot be confirmed). Check the connection, then run Update again with the current etag if the change is still needed.',
				},
			);
		}
		result = { id, etag: current.etag };
	}
	return {
		id: result.id ?? id,
		etag: result.etag,
		previousEtag: etag,
		sandboxName,
		updated: [
			...(changes.name !== undefined ? ['name'] : []),
			...(changes.description !== undefined ? ['description'] : []),
			...Object.keys(changes.params),
		],
	};
};
