/** The one credential builder for the emulator: our Adobe Experience Platform API credential pointing at it. */
import type { StartedEmulator } from '../emulator';
import { CREDENTIAL_REF, CREDENTIAL_TYPE } from './workflow';

/** What a credential needs of an emulator; a started emulator has it, and so does its JSON form sent to a child process. */
export interface EmulatorAccess {
	baseUrl: string;
	options: { clientId: string; clientSecret: string; orgId: string; scopes: string };
}

/** A stored credential as n8n-core's helpers and `n8n import:credentials` take it. */
export interface EmulatorCredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, string | number | boolean>;
}

/** The credential's fields for this emulator: IMS and Platform URL both the emulator, sandbox `prod`; `data` overrides any. */
export function credentialData(
	emulator: EmulatorAccess,
	data: Record<string, string | number | boolean> = {},
): Record<string, string | number | boolean> {
	const { clientId, clientSecret, orgId, scopes } = emulator.options;
	return {
		clientId,
		clientSecret,
		orgId,
		scopes,
		sandboxName: 'prod',
		imsUrl: emulator.baseUrl,
		platformUrl: emulator.baseUrl,
		...data,
	};
}

/** The credential every built workflow refers to (CREDENTIAL_REF), for this emulator. */
export function emulatorCredential(
	emulator: EmulatorAccess | StartedEmulator,
	data: Record<string, string | number | boolean> = {},
	ref: { id: string; name: string } = CREDENTIAL_REF,
): EmulatorCredential {
	return { ...ref, type: CREDENTIAL_TYPE, data: credentialData(emulator, data) };
}
