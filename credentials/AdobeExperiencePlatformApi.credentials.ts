import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	CREDENTIAL_ICON,
	CREDENTIAL_TYPE,
	DEFAULT_IMS_URL,
	DEFAULT_PLATFORM_URL,
	DEFAULT_SANDBOX,
	DEFAULT_SCOPES,
	FLOW_SERVICE_PATH,
	REDSHIFT_CONNECTION_SPEC,
} from '../nodes/shared/kernel/constants';
import { normaliseServiceUrl } from '../nodes/shared/kernel/endpoints';
import { fetchAccessToken } from '../nodes/shared/kernel/imsToken';

/** The Platform URL, checked (https, or http for loopback); the Error's message is what Test shows. */
function checkedPlatformUrl(credentials: ICredentialDataDecryptedObject): string {
	try {
		return normaliseServiceUrl('platformUrl', 'Platform URL', credentials.platformUrl);
	} catch (error) {
		throw new Error((error as Error).message);
	}
}

/**
 * Refuses to send the token to an absolute URL off the Platform URL's origin: n8n applies
 * `authenticate` to any request with this credential, HTTP Request nodes included.
 * @throws Error naming the refused host and the allowed origin.
 */
function checkTargetOrigin(url: string | undefined, platformUrl: string): void {
	if (!url || !/^[a-z][a-z0-9+.-]*:/i.test(url)) return;
	let target: URL;
	try {
		target = new URL(url);
	} catch {
		throw new Error(
			`The request URL "${url.slice(0, 200)}" is not a valid URL; this credential sends its token only to the Platform URL ${platformUrl}.`,
		);
	}
	const allowed = new URL(platformUrl).origin;
	if (target.origin !== allowed) {
		throw new Error(
			`This credential sends its access token only to its Platform URL (${allowed}); the request goes to ${target.protocol}//${target.host}. Use a URL on the Platform URL, or change the credential's Platform URL.`,
		);
	}
}

function hasHeader(headers: IHttpRequestOptions['headers'], name: string): boolean {
	return Object.keys(headers ?? {}).some((key) => key.toLowerCase() === name);
}

export class AdobeExperiencePlatformApi implements ICredentialType {
	name = CREDENTIAL_TYPE;

	displayName = 'Adobe Experience Platform API';

	icon: Icon = CREDENTIAL_ICON;

	documentationUrl =
		'https://experienceleague.adobe.com/en/docs/experience-platform/landing/platform-apis/api-authentication';

	properties: INodeProperties[] = [
		{
			displayName:
				'Create an OAuth Server-to-Server credential for the Experience Platform API in Adobe Developer Console, then copy its values here.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The OAuth Server-to-Server client ID. It is also sent as the x-api-key header.',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'IMS Org ID',
			name: 'orgId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '0123456789ABCDEF01234567@AdobeOrg',
			description: 'The organization ID of the API project; it ends in @AdobeOrg',
		},
		{
			displayName: 'Scopes',
			name: 'scopes',
			type: 'string',
			default: DEFAULT_SCOPES,
			required: true,
			description: 'Comma-separated scopes, as listed in the Developer Console project',
		},
		{
			displayName: 'Sandbox Name',
			name: 'sandboxName',
			type: 'string',
			default: DEFAULT_SANDBOX,
			required: true,
			description:
				'Technical (lower-case) name of the sandbox to work in, e.g. "prod". Nodes can override it per node.',
		},
		{
			displayName: 'IMS URL',
			name: 'imsUrl',
			type: 'string',
			default: DEFAULT_IMS_URL,
			description:
				'Adobe IMS base URL. Change it only for Adobe stage environments or a local emulator. https:// is required except for loopback hosts.',
		},
		{
			displayName: 'Platform URL',
			name: 'platformUrl',
			type: 'string',
			default: DEFAULT_PLATFORM_URL,
			description:
				'Experience Platform API gateway. Change it only for Adobe stage (https://platform-stage.adobe.io) or a local emulator. https:// is required except for loopback hosts.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/** n8n runs this when the stored token is empty or a request got 401, then stores the result. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// The token would go to the Platform URL next: refuse a bad one before asking IMS (the Test
		// button comes here too), with the same rule a run applies.
		checkedPlatformUrl(credentials);
		const accessToken = await fetchAccessToken(this.helpers, credentials);
		return { accessToken };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		// Every request with the token (node runs and the Test button) obeys the run's URL rule. The
		// Test's baseURL is the field as typed: a pasted /data/foundation/flowservice is dropped here too.
		const platformUrl = checkedPlatformUrl(credentials);
		checkTargetOrigin(requestOptions.url, platformUrl);
		const baseURL = requestOptions.baseURL === undefined ? {} : { baseURL: platformUrl };
		const headers: IHttpRequestOptions['headers'] = {
			...(requestOptions.headers ?? {}),
			Authorization: `Bearer ${credentials.accessToken as string}`,
			'x-api-key': String(credentials.clientId ?? '').trim(),
			'x-gw-ims-org-id': String(credentials.orgId ?? '').trim(),
		};
		// A node's sandbox override wins over the credential's default.
		if (!hasHeader(requestOptions.headers, 'x-sandbox-name')) {
			headers['x-sandbox-name'] = String(credentials.sandboxName ?? '').trim();
		}
		// A redirect would carry the token and the API key to another origin.
		return { ...requestOptions, ...baseURL, headers, disableFollowRedirect: true };
	}

	// Reading the Redshift connection spec proves the token, the org, the sandbox and the
	// Sources permission at once; the sandbox list alone would not check the last two.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.platformUrl}}',
			url: `${FLOW_SERVICE_PATH}/connectionSpecs/${REDSHIFT_CONNECTION_SPEC.id}`,
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 301,
					message:
						"The Platform URL answered with a redirect (HTTP 301), which was not followed: Adobe's APIs do not redirect. Check the Platform URL (https://platform.adobe.io).",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 302,
					message:
						"The Platform URL answered with a redirect (HTTP 302), which was not followed: Adobe's APIs do not redirect. Check the Platform URL (https://platform.adobe.io).",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 303,
					message:
						"The Platform URL answered with a redirect (HTTP 303), which was not followed: Adobe's APIs do not redirect. Check the Platform URL (https://platform.adobe.io).",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 307,
					message:
						"The Platform URL answered with a redirect (HTTP 307), which was not followed: Adobe's APIs do not redirect. Check the Platform URL (https://platform.adobe.io).",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 308,
					message:
						"The Platform URL answered with a redirect (HTTP 308), which was not followed: Adobe's APIs do not redirect. Check the Platform URL (https://platform.adobe.io).",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 400,
					message:
						'Adobe rejected the request: check the IMS Org ID (it ends in @AdobeOrg) and the sandbox name.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'The access token was not accepted: check the Client ID, Client Secret and IMS Org ID belong to the same Developer Console project.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Access denied: the IMS Org ID does not match the project, or its product profile lacks the Experience Platform Sources permissions for this sandbox.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Sandbox not found: check the Sandbox Name (its lower-case technical name, e.g. "prod").',
				},
			},
		],
	};
}
