import type { IDataObject } from 'n8n-workflow';

import { REDSHIFT_CONNECTION_SPEC } from '../../kernel/constants';
import { hostingOf, type Hosting } from './hosting';

export interface ConnectionOutput extends IDataObject {
	id: string;
	etag: string;
	name: string;
	hosting: Hosting;
	sandboxName: string;
	connectionSpec: { id: string; version: string };
}

/** What the next node needs: never the password or any other auth parameter. */
export function connectionOutput(
	id: string,
	etag: string,
	name: string,
	hosting: Hosting,
	sandboxName: string,
): ConnectionOutput {
	return {
		id,
		etag,
		name,
		hosting,
		sandboxName,
		connectionSpec: { id: REDSHIFT_CONNECTION_SPEC.id, version: REDSHIFT_CONNECTION_SPEC.version },
	};
}

/** A listed/fetched connection for output: Adobe masks secrets, and we drop them regardless. */
export function publicConnection(stored: IDataObject, sandboxName: string): IDataObject {
	const copy = JSON.parse(JSON.stringify(stored)) as IDataObject;
	const auth = copy.auth as { params?: IDataObject } | undefined;
	if (auth?.params) delete auth.params.password;
	return {
		...copy,
		hosting: hostingOf(auth?.params),
		sandboxName: (copy.sandboxName as string | undefined) ?? sandboxName,
	};
}
