/** The Redshift connection spec as GET /connectionSpecs/{id} shows it, shaped by the hosting mode. */
import {
	REDSHIFT_AUTH_SPEC_NAME,
	REDSHIFT_CONNECTION_SPEC_ID,
	REDSHIFT_CONNECTION_SPEC_VERSION,
} from '../core/defaults';
import type { Hosting } from '../core/types';

/** Provider id Adobe uses for its database sources. */
const DATABASE_PROVIDER_ID = '0ed90a81-07f4-4586-8190-b40eccef1c5a';

const PARAM_DESCRIPTIONS: Record<string, string> = {
	server: 'Server name of the Redshift instance.',
	port: 'TCP port the Redshift server listens on, as a string (e.g. "5439").',
	username: 'User name of the Redshift account.',
	password: 'Password of the Redshift account.',
	database: 'Redshift database to fetch data from.',
	schema: 'Schema of the Redshift database (Experience Platform on AWS).',
};

export const BASE_PARAMS = ['server', 'port', 'username', 'password', 'database'] as const;
export const SECRET_PARAMS = new Set(['password']);

/** Which auth params exist and which are required, per hosting mode. */
export function paramRules(hosting: Hosting): { allowed: string[]; required: string[] } {
	const base: string[] = [...BASE_PARAMS];
	if (hosting === 'azure') return { allowed: base, required: base };
	if (hosting === 'aws') return { allowed: [...base, 'schema'], required: [...base, 'schema'] };
	return { allowed: [...base, 'schema'], required: base };
}

export function authParamsJsonSchema(hosting: Hosting) {
	const { allowed, required } = paramRules(hosting);
	const properties: Record<string, Record<string, string>> = {};
	for (const name of allowed) {
		properties[name] = { type: 'string', description: PARAM_DESCRIPTIONS[name] };
		if (SECRET_PARAMS.has(name)) properties[name].format = 'password';
	}
	return {
		$schema: 'http://json-schema.org/draft-07/schema#',
		type: 'object',
		description: 'Auth params for connecting to Amazon Redshift.',
		properties,
		required,
		additionalProperties: false,
	};
}

export function connectionSpecDocument(hosting: Hosting) {
	return {
		id: REDSHIFT_CONNECTION_SPEC_ID,
		name: 'amazon-redshift',
		providerId: DATABASE_PROVIDER_ID,
		version: REDSHIFT_CONNECTION_SPEC_VERSION,
		type: 'database',
		attributes: {
			category: 'database',
			isSource: true,
			uiAttributes: { label: 'Amazon Redshift' },
		},
		authSpec: [
			{
				name: REDSHIFT_AUTH_SPEC_NAME,
				type: 'Basic_Authentication',
				spec: authParamsJsonSchema(hosting),
			},
		],
		sourceSpec: { attributes: { uiAttributes: { isSource: true, category: { key: 'database' } } } },
		exploreSpec: { name: 'Table', type: 'Table' },
	};
}
