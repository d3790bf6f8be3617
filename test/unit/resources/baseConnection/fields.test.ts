import type { INodeProperties } from 'n8n-workflow';

import { operations } from '../../../../nodes/AdobeRedshiftConnection/actions/baseConnection/Connection.resource';
import { operations as sourceOperations } from '../../../../nodes/AdobeRedshiftConnection/actions/sourceConnection/SourceConnection.resource';
import { optionsField } from '../../../../nodes/shared/node/options';
import {
	BASE_CONNECTION_FIELDS,
	checkConnectionLocator,
} from '../../../../nodes/shared/resources/baseConnection/fields';
import {
	checkHosting,
	checkSchema,
	checkSchemaChange,
} from '../../../../nodes/shared/resources/baseConnection/hosting';
import {
	checkConnectionChanges,
	checkCreateConnection,
	checkEtag,
} from '../../../../nodes/shared/resources/baseConnection/validation';
import { checkIfExists } from '../../../../nodes/shared/flowService/ifExists';
import { checkColumns } from '../../../../nodes/shared/resources/sourceConnection/body';
import { checkText } from '../../../../nodes/shared/kernel/validation';
import type { PlatformContext } from '../../../../nodes/shared/kernel/transport';
import { createInput } from '../../../support/connectionInput';
import { invalidField } from '../../../support/invalidField';
import { NODE_FIELDS, chooseSandbox } from '../../../../nodes/shared/node/readers';
import { checkSignIn } from '../../../../nodes/shared/resources/baseConnection/signIn';
import {
	SOURCE_CONNECTION_FIELDS,
	checkSourceConnectionLocator,
	checkTableLocator,
} from '../../../../nodes/shared/resources/sourceConnection/fields';

// The Redshift node's fields: its two resources' and the ones every node shares.
const FIELDS = { ...BASE_CONNECTION_FIELDS, ...SOURCE_CONNECTION_FIELDS, ...NODE_FIELDS };
type FieldName = keyof typeof FIELDS;

/** Every field of every operation's description, collection entries included (notices are text, not fields). */
function fieldsOf(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => {
		if (property.type === 'notice') return [];
		const children =
			property.type === 'collection' ? fieldsOf((property.options ?? []) as INodeProperties[]) : [];
		return [property, ...children];
	});
}

const described = fieldsOf([
	...[...Object.values(operations), ...Object.values(sourceOperations)].flatMap(
		(operation) => operation.description,
	),
	optionsField,
]);

describe('one table of field names and labels', () => {
	it.each(described.map((property) => [property.name, property] as const))(
		"%s: the validators' label is the editor's displayName",
		(name, property) => {
			expect(FIELDS[name as FieldName]?.label).toBe(property.displayName);
			expect(FIELDS[name as FieldName]?.name).toBe(name);
		},
	);

	it('has no row that no description shows', () => {
		expect(Object.keys(FIELDS).sort()).toEqual(
			[...new Set(described.map((property) => property.name))].sort(),
		);
	});

	it('points errors in the Options collection at options.<name>', () => {
		for (const option of fieldsOf(optionsField.options as INodeProperties[])) {
			expect(FIELDS[option.name as FieldName].field).toBe(`options.${option.name}`);
		}
	});
});

const labelOf = (name: string) => described.find((property) => property.name === name)?.displayName;
const ctx = { defaultSandbox: 'prod' } as PlatformContext;
const validCreate = createInput();
const noChanges = {
	name: '',
	description: '',
	server: '',
	port: 0,
	username: '',
	password: '',
	database: '',
	schema: '',
};

// A bad value for each field a validator checks, run through that validator.
const REFUSALS: Array<[string, () => unknown]> = [
	['hosting', () => checkHosting('gcp')],
	['name', () => checkCreateConnection({ ...validCreate, name: '' })],
	['description', () => checkCreateConnection({ ...validCreate, description: 'd'.repeat(5000) })],
	['server', () => checkCreateConnection({ ...validCreate, server: 'https://h' })],
	['port', () => checkCreateConnection({ ...validCreate, port: 0 })],
	['username', () => checkCreateConnection({ ...validCreate, username: '' })],
	['password', () => checkCreateConnection({ ...validCreate, password: ' ' })],
	['database', () => checkCreateConnection({ ...validCreate, database: {} })],
	['schema', () => checkSchema('aws', '')],
	['schema', () => checkSchemaChange({}, 'public')],
	['updateFields', () => checkConnectionChanges(noChanges)],
	['etag', () => checkEtag('no-quotes')],
	['tablePath', () => checkTableLocator(' ')],
	['tablePath', () => checkTableLocator({ mode: 'url', value: 'x' })],
	['connectionId', () => checkConnectionLocator({ mode: 'url', value: 'x' })],
	['sandboxName', () => chooseSandbox('My Sandbox', ctx)],
	['limit', () => checkText(FIELDS.limit, {})],
	[
		'username',
		() => checkSignIn('fields', () => checkCreateConnection({ ...validCreate, username: '' })),
	],
	['sourceConnectionId', () => checkSourceConnectionLocator({ mode: 'id', value: 'nope' })],
	['sourceConnectionName', () => checkText(FIELDS.sourceConnectionName, 'n'.repeat(257))],
	['columns', () => checkColumns(FIELDS.columns, [])],
	[
		'sourceIfExists',
		() => checkIfExists(FIELDS.sourceIfExists.label, 'maybe', 'reuse', FIELDS.sourceIfExists.field),
	],
];

describe('a refused value names the field as the editor shows it', () => {
	it.each(REFUSALS)('%s', (name, run) => {
		expect(labelOf(name)).toBeDefined();
		expect(invalidField(run).message).toContain(`"${labelOf(name)}"`);
	});
});
