/**
 * The Sandbox dropdown (methods.loadOptions.getSandboxes), called the way n8n's editor calls it:
 * with n8n-core's LoadOptionsContext, so credentials go through preAuthentication/authenticate.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import {
	createCredentialsHelper,
	type InMemoryCredentialsHelper,
} from '../../support/engine/harness';
import {
	credentialFor,
	editorContext,
	useEmulatorPerTest,
	storedTokenOf,
	tokenRequests,
} from '../../support/engine/support';

const { startTestEmulator, emulator } = useEmulatorPerTest();

/** The Sandbox dropdown as n8n's editor fills it for a Create node. */
async function loadSandboxes(
	credentialsHelper: InMemoryCredentialsHelper,
): Promise<INodePropertyOptions[]> {
	const { context, nodeType } = editorContext(
		credentialsHelper,
		{ resource: 'baseConnection', operation: 'create', options: { sandboxName: '' } },
		'options.sandboxName',
	);
	const getSandboxes = nodeType.methods?.loadOptions?.getSandboxes;
	if (!getSandboxes) throw new Error('The node has no loadOptions method getSandboxes');
	return await getSandboxes.call(context);
}

describe('loadOptions: getSandboxes', () => {
	it("lists the active sandboxes as 'Title (name)', sorted, after the credential's own", async () => {
		await startTestEmulator({
			sandboxes: [
				{ name: 'prod', title: 'Production', type: 'production', isDefault: true },
				{ name: 'eu-dev', title: 'EU Development', type: 'development' },
				{ name: 'analytics', title: 'Analytics', type: 'development' },
			],
		});
		const credentialsHelper = createCredentialsHelper([
			credentialFor(emulator(), { sandboxName: 'eu-dev' }),
		]);

		const options = await loadSandboxes(credentialsHelper);

		expect(options).toEqual([
			{ name: "Credential's Sandbox (eu-dev)", value: '' },
			{ name: 'Analytics (analytics)', value: 'analytics', description: 'development sandbox' },
			{ name: 'EU Development (eu-dev)', value: 'eu-dev', description: 'development sandbox' },
			{ name: 'Production (prod)', value: 'prod', description: 'production sandbox' },
		]);

		const token = storedTokenOf(credentialsHelper);
		const calls = emulator().platformRequests();
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({
			method: 'GET',
			path: '/data/foundation/sandbox-management/',
			status: 200,
		});
		expect(calls[0].headers).toMatchObject({
			authorization: `Bearer ${token}`,
			'x-api-key': emulator().options.clientId,
			'x-gw-ims-org-id': emulator().options.orgId,
			'x-sandbox-name': 'eu-dev',
		});
		expect(tokenRequests(emulator())).toHaveLength(1);
		expect(JSON.stringify(options)).not.toContain(token);
	});

	it('a wrong client secret rejects with the IMS fix, not the secret', async () => {
		await startTestEmulator();
		const wrongSecret = 'wrong-secret-for-dropdown-91x';
		const credentialsHelper = createCredentialsHelper([
			credentialFor(emulator(), { clientSecret: wrongSecret }),
		]);

		const failure = await loadSandboxes(credentialsHelper).then(
			() => undefined,
			(error: unknown) => error as { message: string; description?: string },
		);

		expect(failure?.message).toContain('invalid_client');
		expect(`${failure?.message}\n${failure?.description}`).not.toContain(wrongSecret);
		expect(emulator().platformRequests()).toEqual([]);
	});
});
