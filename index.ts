// n8n loads the classes from the paths in package.json's "n8n" block; these exports serve
// tools and tests that import the package directly.
export { AdobeExperiencePlatformApi } from './credentials/AdobeExperiencePlatformApi.credentials';
export { AdobeExperiencePlatform } from './nodes/AdobeExperiencePlatform/AdobeExperiencePlatform.node';
export { AdobeRedshiftConnection } from './nodes/AdobeRedshiftConnection/AdobeRedshiftConnection.node';
export { AdobeExperiencePlatformTrigger } from './nodes/AdobeExperiencePlatformTrigger/AdobeExperiencePlatformTrigger.node';
export { AepRedshiftSignInApi } from './credentials/AepRedshiftSignInApi.credentials';
