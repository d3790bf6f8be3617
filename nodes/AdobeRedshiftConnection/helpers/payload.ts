import { BASIC_AUTH_SPEC_NAME, REDSHIFT_CONNECTION_SPEC } from '../../shared/constants';
import type { CreateConnection, RedshiftAuth } from './validation';

export interface RedshiftAuthParams {
	server: string;
	/** Adobe's tutorial sends the port as a JSON string. */
	port: string;
	username: string;
	password: string;
	database: string;
	schema?: string;
}

export interface CreateConnectionBody {
	name: string;
	description?: string;
	auth: { specName: string; params: RedshiftAuthParams };
	connectionSpec: { id: string; version: string };
}

export function buildAuthParams(auth: RedshiftAuth): RedshiftAuthParams {
	const params: RedshiftAuthParams = {
		server: auth.server,
		port: String(auth.port),
		username: auth.username,
		password: auth.password,
		database: auth.database,
	};
	// Platform on Azure rejects "schema"; on AWS it is required.
	if (auth.platform === 'aws' && auth.schema !== undefined) params.schema = auth.schema;
	return params;
}

/** The POST /connections body, exactly as Adobe documents it; serialised by JSON.stringify only. */
export function buildCreateConnectionBody(input: CreateConnection): CreateConnectionBody {
	return {
		name: input.name,
		...(input.description ? { description: input.description } : {}),
		auth: { specName: BASIC_AUTH_SPEC_NAME, params: buildAuthParams(input.auth) },
		connectionSpec: { id: REDSHIFT_CONNECTION_SPEC.id, version: REDSHIFT_CONNECTION_SPEC.version },
	};
}
