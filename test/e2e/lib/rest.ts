/**
 * n8n's REST API as the editor calls it, signed in as the owner: here to publish and unpublish
 * (2.x) or activate and deactivate (1.x) a workflow the way a user does in the editor.
 */
import { randomUUID } from 'node:crypto';

import type { N8nInstance } from './n8n';
import { OWNER, setupOwner } from './server';
import { CheckFailure, check } from './steps';

export interface RestSession {
	/** `method /rest<path>`; answers n8n's `data` (throws on a non-2xx answer). */
	call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
}

/** Creates the owner (the setup screen) and signs in (the sign-in screen); the session keeps n8n's auth cookie. */
export async function ownerSession(baseUrl: string): Promise<RestSession> {
	await setupOwner(baseUrl);
	return await signInOwner(baseUrl);
}

/** Signs in as the owner (set up before), as the sign-in screen does. */
export async function signInOwner(baseUrl: string): Promise<RestSession> {
	// The editor sends a browser id with every call; n8n ties the auth cookie to it.
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		'browser-id': randomUUID(),
	};
	const login = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
	});
	const cookie = login.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('n8n-auth='));
	if (!login.ok || !cookie)
		throw new CheckFailure(
			`POST /rest/login answered ${login.status} ${cookie ? '' : 'without an n8n-auth cookie'}: ${(await login.text()).slice(0, 200)}`,
		);
	headers.cookie = cookie;
	return {
		async call<T>(method: string, path: string, body?: unknown): Promise<T> {
			const response = await fetch(`${baseUrl}/rest${path}`, {
				method,
				headers,
				body: body === undefined ? undefined : JSON.stringify(body),
				signal: AbortSignal.timeout(60_000),
			});
			const text = await response.text();
			if (!response.ok)
				throw new CheckFailure(
					`${method} /rest${path} answered ${response.status}: ${text.slice(0, 300)}`,
				);
			return (JSON.parse(text) as { data: T }).data;
		},
	};
}

interface WorkflowState {
	versionId?: string;
	active?: boolean;
	activeVersionId?: string | null;
}

const isActive = (w: WorkflowState) =>
	w.activeVersionId !== undefined ? w.activeVersionId !== null : w.active === true;

/**
 * Turns a workflow on or off as the editor does: 2.x's Publish / Unpublish (`POST
 * /workflows/{id}/activate {versionId}`, `POST /workflows/{id}/deactivate`), 1.x's Active toggle
 * (`PATCH /workflows/{id} {versionId, active}`); then checks the stored state.
 */
export async function setWorkflowActive(
	rest: RestSession,
	instance: N8nInstance,
	workflowId: string,
	active: boolean,
): Promise<void> {
	const path = `/workflows/${workflowId}`;
	const { versionId } = await rest.call<WorkflowState>('GET', path);
	if (instance.n8n.version.startsWith('1.')) await rest.call('PATCH', path, { versionId, active });
	else if (active) await rest.call('POST', `${path}/activate`, { versionId });
	else await rest.call('POST', `${path}/deactivate`, {});
	const after = await rest.call<WorkflowState>('GET', path);
	check(
		isActive(after) === active,
		`workflow ${workflowId} is ${isActive(after) ? 'active' : 'inactive'} after the editor's ${active ? 'activate' : 'deactivate'} call`,
	);
}
