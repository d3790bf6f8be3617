/** What a worker needs to reach an emulator: only the credential's values, for its environment. */
import type { StartedEmulator } from '../../test/emulator';
import type { EmulatorAccess } from '../../test/support/credentials';

export const accessOf = ({
	baseUrl,
	options: { clientId, clientSecret, orgId, scopes },
}: StartedEmulator): EmulatorAccess => ({
	baseUrl,
	options: { clientId, clientSecret, orgId, scopes },
});
