import {
	checkHosting,
	checkSchema,
	checkSchemaChange,
	hostingField,
	hostingOf,
	hostingParams,
	schemaField,
	sendsSchema,
} from '../../../../nodes/shared/resources/baseConnection/hosting';
import { invalidField } from '../../../support/invalidField';

const failure = invalidField;

describe('hosting: schema on AWS only', () => {
	it('sends a schema for AWS and none for Azure', () => {
		expect(sendsSchema('aws')).toBe(true);
		expect(sendsSchema('azure')).toBe(false);
	});

	it('offers exactly the two hostings, Azure by default', () => {
		expect(
			hostingField.options?.map((option) => ('value' in option ? option.value : undefined)),
		).toEqual(['azure', 'aws']);
		expect(hostingField.default).toBe('azure');
	});

	it('shows the Schema field for AWS only, required on Create and optional on Update', () => {
		expect(schemaField(true).displayOptions).toEqual({ show: { hosting: ['aws'] } });
		expect(schemaField(true).required).toBe(true);
		expect(schemaField(false).required).toBe(false);
		expect(schemaField(false).hint).toMatch(/keep/);
	});

	it('accepts the two hosting values and refuses others, naming the field', () => {
		expect(checkHosting('aws')).toBe('aws');
		expect(checkHosting('azure')).toBe('azure');
		const error = failure(() => checkHosting('gcp'));
		expect(error.field).toBe('hosting');
		expect(error.message).toBe(
			'"Experience Platform Hosting" must be "azure" or "aws"; got "gcp".',
		);
		expect(failure(() => checkHosting(undefined)).field).toBe('hosting');
	});

	it('requires a schema on AWS and ignores one on Azure', () => {
		expect(checkSchema('aws', ' public ')).toBe('public');
		expect(failure(() => checkSchema('aws', '')).message).toMatch(
			/^"Schema" is required when Experience Platform runs on AWS/,
		);
		expect(failure(() => checkSchema('aws', undefined)).field).toBe('schema');
		expect(failure(() => checkSchema('aws', 's'.repeat(128))).message).toMatch(/too long/);
		expect(checkSchema('azure', 'public')).toBeUndefined();
	});

	it('adds the schema to the auth params on AWS only', () => {
		expect(hostingParams('aws', 'public')).toEqual({ schema: 'public' });
		expect(hostingParams('aws', undefined)).toEqual({});
		expect(hostingParams('azure', 'public')).toEqual({});
	});

	it('reads the hosting of a stored connection from its params', () => {
		expect(hostingOf({ server: 'h', schema: 'public' })).toBe('aws');
		expect(hostingOf({ server: 'h' })).toBe('azure');
		expect(hostingOf(undefined)).toBe('azure');
	});

	it('lets Update change the schema of an AWS connection only', () => {
		expect(() => checkSchemaChange({ schema: 'public' }, 'sales')).not.toThrow();
		expect(() => checkSchemaChange({ server: 'h' }, undefined)).not.toThrow();
		const error = failure(() => checkSchemaChange({ server: 'h' }, 'sales'));
		expect(error.field).toBe('updateFields.schema');
		expect(error.message).toMatch(
			/^"Schema" applies only to connections of Experience Platform on AWS/,
		);
	});
});
