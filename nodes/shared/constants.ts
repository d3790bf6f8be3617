/** Values fixed by Adobe's APIs, shared by the credential and every Experience Platform node. */
export const CREDENTIAL_TYPE = 'adobeExperiencePlatformApi';

/** The Adobe Experience Platform icon both credentials show (files next to them in credentials/). */
export const CREDENTIAL_ICON = { light: 'file:adobeExperiencePlatform.svg', dark: 'file:adobeExperiencePlatform.dark.svg' } as const;

export const DEFAULT_IMS_URL = 'https://ims-na1.adobelogin.com';
export const DEFAULT_PLATFORM_URL = 'https://platform.adobe.io';
export const DEFAULT_SCOPES =
	'openid,AdobeID,read_organizations,additional_info.projectedProductContext,session';
export const DEFAULT_SANDBOX = 'prod';

export const IMS_TOKEN_PATH = '/ims/token/v3';
export const FLOW_SERVICE_PATH = '/data/foundation/flowservice';
export const SANDBOX_MANAGEMENT_PATH = '/data/foundation/sandbox-management/';

export const REDSHIFT_CONNECTION_SPEC = {
	id: '3416976c-a9ca-4bba-901a-1f08f66978ff',
	version: '1.0',
} as const;
export const BASIC_AUTH_SPEC_NAME = 'Basic Authentication';

/** The Redshift sign-in credential (server, port, username, password, database). Public: never rename. */
export const REDSHIFT_SIGN_IN_CREDENTIAL_TYPE = 'aepRedshiftSignInApi';
