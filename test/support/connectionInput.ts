/** Base-connection inputs for the unit tests of the Redshift node's validators and payloads. */
import type {
	CreateConnectionInput,
	UpdateConnectionInput,
} from '../../nodes/shared/resources/baseConnection/validation';

/** A valid Create input on AWS (schema "public", port 5439); `overrides` replace fields. */
export function createInput(overrides: Partial<CreateConnectionInput> = {}): CreateConnectionInput {
	return {
		hosting: 'aws',
		name: 'c1',
		description: '',
		server: 'h.example.com',
		port: 5439,
		username: 'u',
		password: 'p',
		database: 'dev',
		schema: 'public',
		...overrides,
	};
}

/** An Update input that changes nothing: every field left out. Spread it and set the changed ones. */
export const NO_CHANGES: UpdateConnectionInput = {
	name: undefined,
	description: undefined,
	server: undefined,
	port: undefined,
	username: undefined,
	password: undefined,
	database: undefined,
	schema: undefined,
};
