// Microsoft-shaped error answers: the OAuth JSON body ESTS returns (facts §4 "Unknown tenant") and the messages
// of the AADSTS codes the emulator produces (facts §1c, reference-error-codes.md wording where known).
import { randomUUID } from 'node:crypto';

export interface AadstsJson {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
}

export function aadstsJson(error: string, code: number, message: string, now: Date): AadstsJson {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = now.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return {
    error,
    error_description: `AADSTS${code}: ${message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  };
}

export const MESSAGES = {
  tenantNotFound: (tenant: string) =>
    `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
  tenantIdentifierInvalid: (tenant: string) =>
    `Specified tenant identifier '${tenant}' is neither a valid DNS name, nor a valid external domain.`,
  appNotFound: (clientId: string, tenantName: string) =>
    `Application with identifier '${clientId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  invalidSecret: (clientId: string) =>
    `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
  expiredSecret: (clientId: string) =>
    `The provided client secret keys for app '${clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
  scopeNotOnResource: (scope: string, resource: string) =>
    `The application asked for scope '${scope}' that doesn't exist on the resource '${resource}'. Contact the app vendor.`,
  oboAudience: () => `Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was not the client id of the application presenting it.`,
  oboInvalidAssertion: (why: string) => `Assertion failed signature validation or is invalid: ${why}.`,
  oboAppOnly: () => `The assertion is an application token; On-Behalf-Of needs a token issued to a user.`,
  missingCredential: () => `The request body must contain the following parameter: 'client_assertion' or 'client_secret'.`,
  invalidAssertionSignature: () => `Client assertion contains an invalid signature.`,
  assertionRejected: (why: string) => `Client assertion failed validation: ${why}.`,
  redirectMismatch: (redirectUri: string, clientId: string) =>
    `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
  invalidScope: (scope: string) => `The provided value for the input parameter 'scope' is not valid. The scope '${scope}' is not valid.`,
  missingParameter: (name: string) => `The request body must contain the following parameter: '${name}'.`,
  unsupportedGrant: (grant: string) => `The provided value for the input parameter 'grant_type' is not valid. Unsupported grant type '${grant}'.`,
  codeExpired: () => `The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.`,
  codeRedeemed: () => `The provided value for the 'code' parameter is not valid. The code has already been used or is not valid.`,
  pkceMismatch: () => `The Code_Verifier does not match the code_challenge supplied in the authorization request.`,
  pkceMissing: () => `The code_verifier parameter is required because the authorization request contained a code_challenge.`,
  /** facts §1c */
  userUnauthorized: (email: string, idp: string, tenantName: string, appId: string, appName: string) =>
    `User account '${email}' from identity provider '${idp}' does not exist in tenant '${tenantName}' and cannot access the application '${appId}'(${appName}) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.`,
  userNotFound: (email: string, tenantName: string) =>
    `The user account ${email} does not exist in the '${tenantName}' directory. To sign into this application, the account must be added to the directory.`,
  passThroughUserMfa: (email: string, tenantName: string) =>
    `User account '${email}' from identity provider 'live.com' does not exist in tenant '${tenantName}' and cannot access the application. The external account that the user signs in with doesn't exist on the tenant that they signed into; so the user can't satisfy the MFA requirements for the tenant. The account must be added as an external user in the tenant first.`,
  externalUserNotAdded: (email: string, idp: string, tenantName: string, appId: string, appName: string) =>
    `User account '${email}' from identity provider '${idp}' doesn't exist in tenant '${tenantName}' and can't access the application '${appId}'(${appName}) in that tenant. This account needs to be added as an external user in the tenant first.`,
} as const;
