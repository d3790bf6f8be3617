/** Values fixed by Adobe's APIs, shared by the credential and every Experience Platform node. */
export const CREDENTIAL_TYPE = 'adobeExperiencePlatformApi';

/** The Adobe Experience Platform icon both credentials show (files next to them in credentials/). */
export const CREDENTIAL_ICON = {
	light: 'file:adobeExperiencePlatform.svg',
	dark: 'file:adobeExperiencePlatform.dark.svg',
} as const;

export const DEFAULT_IMS_URL = 'https://ims-na1.adobelogin.com';
export const DEFAULT_PLATFORM_URL = 'https://platform.adobe.io';
export const DEFAULT_SCOPES =
	'openid,AdobeID,read_organizations,additional_info.projectedProductContext,session';
export const DEFAULT_SANDBOX = 'prod';

export const IMS_TOKEN_PATH = '/ims/token/v3';
export const FLOW_SERVICE_PATH = '/data/foundation/flowservice';
export const SANDBOX_MANAGEMENT_PATH = '/data/foundation/sandbox-management/';
export const CATALOG_PATH = '/data/foundation/catalog';
export const SCHEMA_REGISTRY_PATH = '/data/foundation/schemaregistry';
export const DATA_PREP_PATH = '/data/foundation/conversion';

/** A Flow Service connection spec reference (`connectionSpec` of a connection): Adobe's ID, version 1.0. */
function connectionSpec<Id extends string>(id: Id): { readonly id: Id; readonly version: '1.0' } {
	return { id, version: '1.0' };
}

export const REDSHIFT_CONNECTION_SPEC = connectionSpec('3416976c-a9ca-4bba-901a-1f08f66978ff');
export const BASIC_AUTH_SPEC_NAME = 'Basic Authentication';

/** The Redshift sign-in credential (server, port, username, password, database). Public: never rename. */
export const REDSHIFT_SIGN_IN_CREDENTIAL_TYPE = 'aepRedshiftSignInApi';

/** Catalog's content type for a dataset's schemaRef (create-dataset.md). */
export const XED_CONTENT_TYPE = 'application/vnd.adobe.xed+json;version=1';
/** The resolved-schema form (`xed-full`, `version=1` as Adobe's tutorials write it); Accept keeps the space. */
export const XED_FULL_ACCEPT = 'application/vnd.adobe.xed-full+json; version=1';
export const XED_FULL_VERSION = 'application/vnd.adobe.xed-full+json;version=1';

/** The Data Lake destination of every source dataflow (fixed by Adobe). */
export const DATA_LAKE_CONNECTION_SPEC = connectionSpec('c604ff05-7f1a-43c0-8e18-33bf874cb11c');
