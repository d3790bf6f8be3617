import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InvalidFieldError, checkText } from '../../kernel/validation';
import { KEEP_HINT, BASE_CONNECTION_FIELDS } from './fields';
import { labelled } from '../../node/readers';

/**
 * Experience Platform hosting (AWS or Azure) and what depends on it: Adobe's Redshift spec wants the
 * `schema` auth parameter on AWS and rejects it on Azure (Redshift source tutorial).
 */
export type Hosting = 'azure' | 'aws';

const HOSTINGS: Record<Hosting, { name: string; description: string; sendsSchema: boolean }> = {
	azure: {
		name: 'Experience Platform on Azure',
		description: 'Most organizations; no schema is sent',
		sendsSchema: false,
	},
	aws: {
		name: 'Experience Platform on AWS',
		description: 'Platform hosted on Amazon Web Services; a schema is required',
		sendsSchema: true,
	},
};

const HOSTING_VALUES = Object.keys(HOSTINGS) as Hosting[];

/** Whether connections for this hosting carry (and require) the Redshift `schema` auth parameter. */
export function sendsSchema(hosting: Hosting): boolean {
	return HOSTINGS[hosting].sendsSchema;
}

/** The Hosting field (Create). */
export const hostingField: INodeProperties = {
	...labelled(BASE_CONNECTION_FIELDS.hosting),
	type: 'options',
	noDataExpression: false,
	options: HOSTING_VALUES.map((value) => ({
		name: HOSTINGS[value].name,
		value,
		description: HOSTINGS[value].description,
	})),
	default: 'azure',
	description:
		'Where your Adobe Experience Platform instance runs, not where Redshift runs. Ask your Adobe admin if unsure; most organizations are on Azure.',
};

/** The Schema field; in Update's collection it has no display condition and empty means "keep". */
export function schemaField(required: boolean): INodeProperties {
	return {
		...labelled(BASE_CONNECTION_FIELDS.schema),
		type: 'string',
		default: '',
		required,
		placeholder: 'e.g. public',
		description:
			'Redshift schema to read from; the user must have access to it. Only used by Experience Platform on AWS.',
		hint: required ? undefined : KEEP_HINT,
		displayOptions: {
			show: { [BASE_CONNECTION_FIELDS.hosting.name]: HOSTING_VALUES.filter(sendsSchema) },
		},
	};
}

/** The Hosting value; anything but a known hosting is refused, naming the field. */
export function checkHosting(value: unknown): Hosting {
	if (typeof value === 'string' && HOSTING_VALUES.includes(value as Hosting))
		return value as Hosting;
	const allowed = HOSTING_VALUES.map((hosting) => `"${hosting}"`).join(' or ');
	throw new InvalidFieldError(
		BASE_CONNECTION_FIELDS.hosting.field,
		`"${BASE_CONNECTION_FIELDS.hosting.label}" must be ${allowed}; got ${JSON.stringify(value)}.`,
	);
}

/**
 * The schema a new connection sends: required where the hosting sends one, else undefined.
 * @throws InvalidFieldError naming Schema when it is missing or malformed on AWS
 */
export function checkSchema(hosting: Hosting, value: unknown): string | undefined {
	if (!sendsSchema(hosting)) return undefined;
	const schema = checkText(BASE_CONNECTION_FIELDS.schema, value);
	if (!schema) {
		throw new InvalidFieldError(
			BASE_CONNECTION_FIELDS.schema.field,
			`"${BASE_CONNECTION_FIELDS.schema.label}" is required when Experience Platform runs on AWS: enter the Redshift schema the user can read, e.g. public.`,
		);
	}
	return schema;
}

/** The auth parameters the hosting adds to a create body: `{ schema }` on AWS, none on Azure. */
export function hostingParams(hosting: Hosting, schema: string | undefined): { schema?: string } {
	return sendsSchema(hosting) && schema !== undefined ? { schema } : {};
}

/** The hosting a stored connection was created for: only AWS connections carry a schema. */
export function hostingOf(params: IDataObject | undefined): Hosting {
	return params !== undefined && 'schema' in params ? 'aws' : 'azure';
}

/**
 * Update: a new schema is only for a connection that has one (AWS).
 * @param params the stored connection's auth params (Adobe masks the secrets)
 * @throws InvalidFieldError naming Update Fields > Schema otherwise
 */
export function checkSchemaChange(
	params: IDataObject | undefined,
	schema: string | undefined,
): void {
	if (schema === undefined || sendsSchema(hostingOf(params))) return;
	throw new InvalidFieldError(
		`${BASE_CONNECTION_FIELDS.updateFields.field}.${BASE_CONNECTION_FIELDS.schema.name}`,
		`"${BASE_CONNECTION_FIELDS.schema.label}" applies only to connections of Experience Platform on AWS; this connection has no schema. Remove the ${BASE_CONNECTION_FIELDS.schema.label} field.`,
	);
}
