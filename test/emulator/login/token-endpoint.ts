// POST /{tenant}/oauth2/v2.0/token: client credentials (secret or certificate assertion) for app-only Graph, and
// authorization code + PKCE for the sign-in flow. Error bodies follow ESTS's JSON (facts §4) with AADSTS codes.
import { createHash, X509Certificate } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { decodeProtectedHeader, importSPKI, importX509, jwtVerify } from 'jose';
import type { AppRegistration, EmulatedTenant, EmulatorState } from '../directory.ts';
import { aadstsJson, MESSAGES } from './aadsts.ts';
import { resolveAuthority } from './authority.ts';
import { checkRedemption } from './spa-redemption.ts';
import type { LoginStore, SignedInAccount, SignInRequest } from './store.ts';
import { GRAPH_APP_ID, GRAPH_RESOURCE, type SigningKeys } from './tokens.ts';

export interface TokenEndpointDeps {
  state: EmulatorState;
  keys: SigningKeys;
  store: LoginStore;
}

const ACCESS_TOKEN_LIFETIME = 3599;
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

class TokenError extends Error {
  constructor(readonly status: number, readonly error: string, readonly code: number, message: string) {
    super(message);
  }
}

function param(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** client_secret_basic: Authorization: Basic base64(urlencode(id):urlencode(secret)). */
function basicCredentials(req: Request): { clientId: string; secret: string } | undefined {
  const header = req.headers.authorization;
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return undefined;
  return { clientId: decodeURIComponent(decoded.slice(0, i)), secret: decodeURIComponent(decoded.slice(i + 1)) };
}

function thumbprint(certPem: string, algorithm: 'sha1' | 'sha256'): string {
  return createHash(algorithm).update(new X509Certificate(certPem).raw).digest('base64url');
}

/** Verify a certificate client assertion against the app's registered certificate (RFC 7523 claims). */
async function verifyClientAssertion(app: AppRegistration, assertion: string, tokenPath: string): Promise<void> {
  if (!app.certificatePem) throw new TokenError(401, 'invalid_client', 700027, MESSAGES.assertionRejected('no certificate is registered for this application'));
  let header;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    throw new TokenError(401, 'invalid_client', 700027, MESSAGES.assertionRejected('the assertion is not a JWT'));
  }
  const alg = header.alg;
  if (alg !== 'RS256' && alg !== 'PS256' && alg !== 'ES256') throw new TokenError(401, 'invalid_client', 700027, MESSAGES.assertionRejected(`unsupported alg '${String(alg)}'`));
  const isCertificate = app.certificatePem.includes('BEGIN CERTIFICATE');
  if (isCertificate) {
    // The thumbprint in the header names which registered certificate signed; it must be this one.
    if (typeof header['x5t#S256'] === 'string' && header['x5t#S256'] !== thumbprint(app.certificatePem, 'sha256')) {
      throw new TokenError(401, 'invalid_client', 700027, MESSAGES.assertionRejected('the certificate thumbprint (x5t#S256) does not match a registered certificate'));
    }
    if (typeof header.x5t === 'string' && header.x5t !== thumbprint(app.certificatePem, 'sha1')) {
      throw new TokenError(401, 'invalid_client', 700027, MESSAGES.assertionRejected('the certificate thumbprint (x5t) does not match a registered certificate'));
    }
  }
  const key = isCertificate ? await importX509(app.certificatePem, alg) : await importSPKI(app.certificatePem, alg);
  let payload;
  try {
    // Client assertions come from real clients with real clocks: checked against wall time, not the emulator's clock.
    ({ payload } = await jwtVerify(assertion, key, { algorithms: [alg], issuer: app.clientId, subject: app.clientId, clockTolerance: 300 }));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') throw new TokenError(401, 'invalid_client', 700027, MESSAGES.invalidAssertionSignature());
    throw new TokenError(401, 'invalid_client', 700027, MESSAGES.assertionRejected((error as Error).message));
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  const audOk = audiences.some((a) => {
    try {
      return typeof a === 'string' && new URL(a).pathname.toLowerCase() === tokenPath.toLowerCase();
    } catch {
      return false;
    }
  });
  if (!audOk) throw new TokenError(401, 'invalid_client', 700027, MESSAGES.assertionRejected('the audience (aud) is not this token endpoint'));
}

/** Check whichever client credential was presented; public clients (no secret, no certificate) present none. */
async function authenticateClient(req: Request, body: Record<string, unknown>, app: AppRegistration, required: boolean, now: Date): Promise<void> {
  const basic = basicCredentials(req);
  const secret = param(body, 'client_secret') ?? basic?.secret;
  const assertion = param(body, 'client_assertion');
  if (assertion) {
    if (param(body, 'client_assertion_type') !== ASSERTION_TYPE) throw new TokenError(400, 'invalid_request', 90014, MESSAGES.missingParameter('client_assertion_type'));
    await verifyClientAssertion(app, assertion, req.baseUrl + req.path);
    return;
  }
  if (secret !== undefined) {
    const match = appSecrets(app).find((s) => s.secretText === secret);
    if (!match) throw new TokenError(401, 'invalid_client', 7000215, MESSAGES.invalidSecret(app.clientId));
    if (match.endDateTime && Date.parse(match.endDateTime) <= now.getTime()) throw new TokenError(401, 'invalid_client', 7000222, MESSAGES.expiredSecret(app.clientId));
    return;
  }
  if (required || hasCredential(app)) {
    if (hasCredential(app)) throw new TokenError(401, 'invalid_client', 7000218, MESSAGES.missingCredential());
  }
}

/** Every client secret of the app: the primary one and any added by rotation (each with its end date, if any). */
export function appSecrets(app: AppRegistration): { keyId: string; secretText: string; endDateTime?: string }[] {
  return [
    ...(app.clientSecret ? [{ keyId: 'primary', secretText: app.clientSecret, ...(app.clientSecretEndDateTime ? { endDateTime: app.clientSecretEndDateTime } : {}) }] : []),
    ...(app.passwordCredentials ?? []),
  ];
}

function hasCredential(app: AppRegistration): boolean {
  return appSecrets(app).length > 0 || Boolean(app.certificatePem);
}

function findApp(tenant: EmulatedTenant, clientId: string): AppRegistration {
  const app = tenant.apps.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase());
  if (!app) throw new TokenError(400, 'unauthorized_client', 700016, MESSAGES.appNotFound(clientId, tenant.domains[0] ?? tenant.id));
  return app;
}

/** `https://graph.microsoft.com/.default` (or Graph's app id) is the only resource app-only tokens are issued for. */
function graphDefaultScope(scope: string | undefined): boolean {
  if (!scope) return false;
  const resourceScopes = scope.split(/\s+/).filter((s) => s && !OIDC_SCOPES.has(s));
  return resourceScopes.length === 1 && [`${GRAPH_RESOURCE}/.default`, `${GRAPH_APP_ID}/.default`, `${GRAPH_RESOURCE}//.default`].includes(resourceScopes[0]!.toLowerCase());
}

async function clientCredentials(deps: TokenEndpointDeps, req: Request, body: Record<string, unknown>, tenant: EmulatedTenant) {
  const clientId = param(body, 'client_id') ?? basicCredentials(req)?.clientId;
  if (!clientId) throw new TokenError(400, 'invalid_request', 900144, MESSAGES.missingParameter('client_id'));
  const app = findApp(tenant, clientId);
  if (!hasCredential(app)) throw new TokenError(401, 'invalid_client', 7000218, MESSAGES.missingCredential());
  await authenticateClient(req, body, app, true, deps.state.now());
  const scope = param(body, 'scope');
  if (!graphDefaultScope(scope)) throw new TokenError(400, 'invalid_scope', 1002012, MESSAGES.invalidScope(scope ?? ''));
  const now = deps.state.now();
  // Graph app-only tokens are v1 tokens: iss sts.windows.net, appid, roles (the app's admin-consented permissions).
  const accessToken = await deps.keys.sign(
    {
      aud: GRAPH_RESOURCE,
      iss: `https://sts.windows.net/${tenant.id}/`,
      app_displayname: app.displayName,
      appid: app.clientId,
      appidacr: param(body, 'client_assertion') ? '2' : '1',
      idp: `https://sts.windows.net/${tenant.id}/`,
      idtyp: 'app',
      oid: app.clientId,
      // No consented permission, no `roles` claim at all (Graph then answers 403).
      ...(app.graphApplicationPermissions.length ? { roles: [...app.graphApplicationPermissions] } : {}),
      sub: app.clientId,
      tid: tenant.id,
      ver: '1.0',
    },
    { lifetimeSeconds: ACCESS_TOKEN_LIFETIME, now },
  );
  return { token_type: 'Bearer', expires_in: ACCESS_TOKEN_LIFETIME, ext_expires_in: ACCESS_TOKEN_LIFETIME, access_token: accessToken };
}

/**
 * The On-Behalf-Of grant (RFC 7523 jwt-bearer + requested_token_use=on_behalf_of): a confidential API trades the user
 * token it received (audience = itself) for a delegated Graph token of the same user, with the Graph delegated
 * permissions consented for the API app as `scp` (`.default`), or the named ones when all are consented.
 */
async function onBehalfOf(deps: TokenEndpointDeps, req: Request, body: Record<string, unknown>, tenant: EmulatedTenant) {
  if (param(body, 'requested_token_use') !== 'on_behalf_of') throw new TokenError(400, 'invalid_request', 900144, MESSAGES.missingParameter('requested_token_use'));
  const clientId = param(body, 'client_id') ?? basicCredentials(req)?.clientId;
  if (!clientId) throw new TokenError(400, 'invalid_request', 900144, MESSAGES.missingParameter('client_id'));
  const app = findApp(tenant, clientId);
  if (!hasCredential(app)) throw new TokenError(401, 'invalid_client', 7000218, MESSAGES.missingCredential());
  const now = deps.state.now();
  await authenticateClient(req, body, app, true, now);
  const assertion = param(body, 'assertion');
  if (!assertion) throw new TokenError(400, 'invalid_request', 900144, MESSAGES.missingParameter('assertion'));
  const claims = await deps.keys.verify(assertion, { now });
  if (!claims) throw new TokenError(400, 'invalid_grant', 50013, MESSAGES.oboInvalidAssertion('signature, expiry or format'));
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const ownAudiences = [app.clientId, `api://${app.clientId}`, ...(app.api?.identifierUris ?? [])].map((a) => a.toLowerCase());
  if (!audiences.some((a) => typeof a === 'string' && ownAudiences.includes(a.toLowerCase()))) throw new TokenError(400, 'invalid_grant', 500131, MESSAGES.oboAudience());
  if (claims.tid !== tenant.id) throw new TokenError(400, 'invalid_grant', 50013, MESSAGES.oboInvalidAssertion(`the assertion was issued by another tenant (${String(claims.tid)})`));
  if (typeof claims.scp !== 'string' || claims.idtyp === 'app') throw new TokenError(400, 'invalid_grant', 50013, MESSAGES.oboAppOnly());
  const user = tenant.users.find((u) => u.id === claims.oid);
  if (!user) throw new TokenError(400, 'invalid_grant', 50013, MESSAGES.oboInvalidAssertion('the user no longer exists'));

  const scope = param(body, 'scope') ?? '';
  const requested = scope.split(/\s+/).filter((s) => s && !OIDC_SCOPES.has(s));
  const consented = app.graphDelegatedPermissions ?? [];
  let scp: string[];
  if (graphDefaultScope(scope)) scp = consented;
  else {
    const names = requested.map((s) => (s.toLowerCase().startsWith(`${GRAPH_RESOURCE}/`) ? s.slice(GRAPH_RESOURCE.length + 1) : s));
    const missing = names.filter((n) => !consented.includes(n));
    if (missing.length) throw new TokenError(400, 'invalid_grant', 65001, `The user or administrator has not consented to use the application with ID '${app.clientId}' named '${app.displayName}'. Send an interactive authorization request for this user and resource. Missing: ${missing.join(' ')}.`);
    scp = names;
  }
  if (scp.length === 0) throw new TokenError(400, 'invalid_grant', 65001, `The user or administrator has not consented to use the application with ID '${app.clientId}' named '${app.displayName}' for any Microsoft Graph permission.`);
  const wids = user.directoryRoles.map((r) => ROLE_TEMPLATE_IDS[r]).filter((id): id is string => Boolean(id));
  const accessToken = await deps.keys.sign(
    {
      aud: GRAPH_RESOURCE,
      iss: `https://sts.windows.net/${tenant.id}/`,
      appid: app.clientId,
      appidacr: param(body, 'client_assertion') ? '2' : '1',
      idp: `https://sts.windows.net/${tenant.id}/`,
      name: user.displayName,
      oid: user.id,
      scp: scp.join(' '),
      sub: createHash('sha256').update(`${user.id}:${GRAPH_APP_ID}`).digest('base64url').slice(0, 43),
      tid: tenant.id,
      unique_name: user.userPrincipalName,
      upn: user.userPrincipalName,
      ...(wids.length ? { wids } : {}),
      ver: '1.0',
    },
    { lifetimeSeconds: ACCESS_TOKEN_LIFETIME, now },
  );
  return {
    token_type: 'Bearer',
    scope: scp.map((s) => `${GRAPH_RESOURCE}/${s}`).join(' '),
    expires_in: ACCESS_TOKEN_LIFETIME,
    ext_expires_in: ACCESS_TOKEN_LIFETIME,
    access_token: accessToken,
  };
}

function pkceMatches(verifier: string, challenge: string, method: 'S256' | 'plain'): boolean {
  if (method === 'plain') return verifier === challenge;
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}

async function authorizationCode(deps: TokenEndpointDeps, req: Request, body: Record<string, unknown>) {
  const code = param(body, 'code');
  if (!code) throw new TokenError(400, 'invalid_request', 900144, MESSAGES.missingParameter('code'));
  const issued = deps.store.takeCode(code);
  if (issued === 'expired') throw new TokenError(400, 'invalid_grant', 70008, MESSAGES.codeExpired());
  if (!issued) throw new TokenError(400, 'invalid_grant', 54005, MESSAGES.codeRedeemed());
  const { request, account } = issued;
  const clientId = param(body, 'client_id') ?? basicCredentials(req)?.clientId;
  if (clientId?.toLowerCase() !== request.clientId.toLowerCase()) throw new TokenError(400, 'invalid_grant', 70002, 'The client_id does not match the one the code was issued to.');
  if (param(body, 'redirect_uri') !== request.redirectUri) throw new TokenError(400, 'invalid_grant', 50148, MESSAGES.redirectMismatch(param(body, 'redirect_uri') ?? '', request.clientId));
  const tenant = deps.state.findTenant(account.tenantId) ?? deps.state.tenants.find((t) => t.apps.some((a) => a.clientId === request.clientId));
  const client = redemptionClient(req, tenant, request, { kind: 'authorization_code', pkce: Boolean(request.codeChallenge) });
  if (tenant && client === 'web') await authenticateClient(req, body, findApp(tenant, request.clientId), false, deps.state.now());
  if (request.codeChallenge) {
    const verifier = param(body, 'code_verifier');
    if (!verifier) throw new TokenError(400, 'invalid_grant', 50148, MESSAGES.pkceMissing());
    if (!pkceMatches(verifier, request.codeChallenge, request.codeChallengeMethod ?? 'plain')) throw new TokenError(400, 'invalid_grant', 501481, MESSAGES.pkceMismatch());
  }
  return issueUserTokens(deps, tenant, request, account, request.scope);
}

/** New tokens for a refresh token (rotated: the old one stops working, as msal expects a new one each time). */
async function refreshToken(deps: TokenEndpointDeps, req: Request, body: Record<string, unknown>) {
  const token = param(body, 'refresh_token');
  if (!token) throw new TokenError(400, 'invalid_request', 900144, MESSAGES.missingParameter('refresh_token'));
  const grant = deps.store.takeRefreshToken(token);
  if (!grant) throw new TokenError(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid: the refresh token is unknown, expired or already used.');
  const clientId = param(body, 'client_id') ?? basicCredentials(req)?.clientId;
  if (clientId?.toLowerCase() !== grant.request.clientId.toLowerCase()) throw new TokenError(400, 'invalid_grant', 70000, 'The refresh token was issued to a different client.');
  const tenant = deps.state.findTenant(grant.account.tenantId) ?? deps.state.tenants.find((t) => t.apps.some((a) => a.clientId === grant.request.clientId));
  const client = redemptionClient(req, tenant, grant.request, { kind: 'refresh_token' });
  if (tenant && client === 'web') await authenticateClient(req, body, findApp(tenant, grant.request.clientId), false, deps.state.now());
  return issueUserTokens(deps, tenant, grant.request, grant.account, param(body, 'scope') ?? grant.request.scope);
}

/** SPA or Web redemption by the redirect URI's platform and the Origin header (spa-redemption.ts); refusals throw. */
function redemptionClient(req: Request, tenant: EmulatedTenant | undefined, request: SignInRequest, grant: Parameters<typeof checkRedemption>[3]): 'spa' | 'web' {
  const app = tenant?.apps.find((a) => a.clientId.toLowerCase() === request.clientId.toLowerCase());
  const check = checkRedemption(app, request.redirectUri, req.get('origin'), grant);
  if (!check.ok) throw new TokenError(400, 'invalid_request', check.code, check.message);
  return check.client;
}

/** App roles the user holds on the signing-in app itself appear in its ID token too. */
function idTokenRoles(tenant: EmulatedTenant | undefined, clientId: string, userId: string): { roles?: string[] } {
  const roles = tenant?.apps.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase())?.appRoleAssignments?.[userId] ?? [];
  return roles.length ? { roles: [...roles] } : {};
}

async function issueUserTokens(deps: TokenEndpointDeps, tenant: EmulatedTenant | undefined, request: SignInRequest, account: SignedInAccount, scope: string) {
  const now = deps.state.now();
  const iss = `https://login.microsoftonline.com/${account.tenantId}/v2.0`;
  const scopes = scope.split(/\s+/).filter(Boolean);
  const sub = createHash('sha256').update(`${account.objectId}:${request.clientId}`).digest('base64url').slice(0, 43);
  const idToken = await deps.keys.sign(
    {
      aud: request.clientId,
      iss,
      ...(account.idp ? { idp: account.idp } : {}),
      name: account.displayName,
      ...(request.nonce ? { nonce: request.nonce } : {}),
      oid: account.objectId,
      preferred_username: account.username,
      email: account.username,
      ...idTokenRoles(tenant ?? deps.state.findTenant(account.tenantId), request.clientId, account.objectId),
      sub,
      tid: account.tenantId,
      ver: '2.0',
    },
    { lifetimeSeconds: 3600, now },
  );
  const resourceScopes = scopes.filter((s) => !OIDC_SCOPES.has(s));
  const accessToken = await delegatedAccessToken(deps, tenant, request.clientId, account, resourceScopes, sub, now);
  const refreshToken = scopes.includes('offline_access') ? deps.store.issueRefreshToken(request, account) : undefined;
  const clientInfo = Buffer.from(JSON.stringify({ uid: account.objectId, utid: account.tenantId })).toString('base64url');
  return {
    token_type: 'Bearer',
    scope: scopes.filter((s) => s !== 'offline_access').join(' ') || 'openid',
    expires_in: ACCESS_TOKEN_LIFETIME,
    ext_expires_in: ACCESS_TOKEN_LIFETIME,
    access_token: accessToken,
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
    id_token: idToken,
    client_info: clientInfo,
  };
}

/** The app whose API a resource names: `api://<id>`, the bare client id, or one of its identifier URIs. */
function findApiApp(tenant: EmulatedTenant, resource: string): AppRegistration | undefined {
  const wanted = resource.toLowerCase();
  const bare = wanted.replace(/^api:\/\//, '');
  return tenant.apps.find((a) => a.clientId.toLowerCase() === bare || (a.api?.identifierUris ?? []).some((u) => u.toLowerCase() === wanted));
}

/** Directory role template ids, for the `wids` claim (so an admin console can tell who administers). */
const ROLE_TEMPLATE_IDS: Record<string, string> = {
  'Global Administrator': '62e90394-69f5-4237-9190-012177145e10',
  'User Administrator': 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  'Guest Inviter': '95e79109-95c0-4d8e-aee3-d01accf2d47b',
  'Helpdesk Administrator': '729827e3-9c14-49f7-bb1b-9608f156bbb8',
};

/**
 * The access token for a signed-in user: for Graph (or no resource scope) a v1 Graph token; for a scope of one of
 * the tenant's own apps (`api://<app id>/x` or `<app id>/x`) a v2 token whose audience is that app's id.
 */
async function delegatedAccessToken(
  deps: TokenEndpointDeps,
  tenant: EmulatedTenant | undefined,
  clientId: string,
  account: SignedInAccount,
  resourceScopes: string[],
  sub: string,
  now: Date,
): Promise<string> {
  const user = deps.state.findTenant(account.tenantId)?.users.find((u) => u.id === account.objectId);
  const wids = (user?.directoryRoles ?? []).map((r) => ROLE_TEMPLATE_IDS[r]).filter((id): id is string => Boolean(id));
  const resource = resourceScopes.length ? resourceScopes[0]!.slice(0, Math.max(0, resourceScopes[0]!.lastIndexOf('/'))) : '';
  const isGraph = !resource || resource.toLowerCase() === GRAPH_RESOURCE || resource.toLowerCase() === GRAPH_APP_ID;
  if (!isGraph) {
    const home = tenant ?? deps.state.findTenant(account.tenantId);
    const api = home ? findApiApp(home, resource) : undefined;
    if (!api) throw new TokenError(400, 'invalid_resource', 500011, `The resource principal named ${resource} was not found in the tenant named ${tenant?.displayName ?? account.tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`);
    const names = resourceScopes.map((s) => s.slice(s.lastIndexOf('/') + 1));
    const offered = api.api?.scopes ?? [];
    for (const name of names) {
      if (name !== '.default' && !offered.includes(name)) throw new TokenError(400, 'invalid_scope', 65005, MESSAGES.scopeNotOnResource(name, resource));
    }
    const scp = names.includes('.default') ? offered : names;
    if (scp.length === 0) throw new TokenError(400, 'invalid_scope', 65005, MESSAGES.scopeNotOnResource(names.join(' '), resource));
    const roles = api.appRoleAssignments?.[account.objectId] ?? [];
    const common = {
      ...(account.idp ? { idp: account.idp } : {}),
      name: account.displayName,
      oid: account.objectId,
      ...(roles.length ? { roles: [...roles] } : {}),
      scp: scp.join(' '),
      sub,
      tid: account.tenantId,
      ...(wids.length ? { wids } : {}),
    };
    // Entra issues v1 access tokens to a custom API unless its manifest sets api.requestedAccessTokenVersion = 2.
    const claims =
      api.api?.requestedAccessTokenVersion === 2
        ? { aud: api.clientId, iss: `https://login.microsoftonline.com/${account.tenantId}/v2.0`, azp: clientId, azpacr: '0', preferred_username: account.username, ...common, ver: '2.0' }
        : { aud: resource, iss: `https://sts.windows.net/${account.tenantId}/`, appid: clientId, appidacr: '0', unique_name: account.username, upn: account.username, ...common, ver: '1.0' };
    return deps.keys.sign(claims, { lifetimeSeconds: ACCESS_TOKEN_LIFETIME, now });
  }
  return deps.keys.sign(
    {
      aud: GRAPH_RESOURCE,
      iss: `https://sts.windows.net/${account.tenantId}/`,
      appid: clientId,
      ...(account.idp ? { idp: account.idp } : {}),
      name: account.displayName,
      oid: account.objectId,
      scp: (resourceScopes.length ? resourceScopes.map((s) => s.slice(s.lastIndexOf('/') + 1)) : ['openid', 'profile', 'User.Read']).join(' '),
      sub,
      tid: account.tenantId,
      unique_name: account.username,
      upn: account.username,
      ...(wids.length ? { wids } : {}),
      ver: '1.0',
    },
    { lifetimeSeconds: ACCESS_TOKEN_LIFETIME, now },
  );
}

export function createTokenRouter(deps: TokenEndpointDeps): express.Router {
  const router = express.Router();
  const parse = express.urlencoded({ extended: false, limit: '64kb' });
  const handle = async (req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store, no-cache');
    res.setHeader('Pragma', 'no-cache');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const segment = String(req.params.tenant);
    try {
      const authority = resolveAuthority(deps.state, segment);
      if (authority.kind === 'unknown') {
        throw new TokenError(400, 'invalid_request', authority.malformed ? 900023 : 90002, authority.malformed ? MESSAGES.tenantIdentifierInvalid(segment) : MESSAGES.tenantNotFound(segment));
      }
      const grant = param(body, 'grant_type');
      if (!grant) throw new TokenError(400, 'invalid_request', 900144, MESSAGES.missingParameter('grant_type'));
      if (grant === 'client_credentials') {
        if (authority.kind !== 'tenant') {
          throw new TokenError(400, 'invalid_request', 90009, `Application is requesting a token for itself. This scenario is supported only if resource is specified using the GUID based App Identifier. Use a tenant-specific authority instead of '${segment}'.`);
        }
        res.json(await clientCredentials(deps, req, body, authority.tenant));
        return;
      }
      if (grant === 'authorization_code') {
        res.json(await authorizationCode(deps, req, body));
        return;
      }
      if (grant === JWT_BEARER_GRANT) {
        if (authority.kind !== 'tenant') throw new TokenError(400, 'invalid_request', 90009, `On-Behalf-Of needs a tenant-specific authority instead of '${segment}'.`);
        res.json(await onBehalfOf(deps, req, body, authority.tenant));
        return;
      }
      if (grant === 'refresh_token') {
        res.json(await refreshToken(deps, req, body));
        return;
      }
      throw new TokenError(400, 'unsupported_grant_type', 70003, MESSAGES.unsupportedGrant(grant));
    } catch (error) {
      if (error instanceof TokenError) {
        res.status(error.status).json(aadstsJson(error.error, error.code, error.message, deps.state.now()));
        return;
      }
      throw error;
    }
  };
  router.post('/:tenant/oauth2/v2.0/token', parse, handle);
  router.post('/:tenant/oauth2/token', parse, handle);
  return router;
}
