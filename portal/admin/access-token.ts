// Validates the admin console's bearer tokens (issue 9 "Sign-in and who may enter"). A token gets in only when it is a
// compact RS256 JWT without header-embedded keys (`jwk`, `jku`, `x5u`, `x5c` are never trusted), signed by a key the
// tenant publishes, a v2 token (v1 → a problem naming requestedAccessTokenVersion) of a configured tenant whose
// issuer is that tenant's v2 issuer, whose `aud` is the portal app's client id (v2 tokens always carry the GUID:
// Microsoft's access-token claims reference), within exp/nbf ± 5 minutes, and — authorisation, 403 — a user token
// (`scp` with Guestpass.Manage, not app-only) from the console itself (`azp`), for the tenant the route names, holding
// one of the route's app roles.
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import type { TenantConfig } from '../config/index.ts';
import { problem, type Problem } from './problem.ts';
import { KeySourceUnavailable, type TenantKeys } from './signing-keys.ts';

export const CONSOLE_SCOPE = 'Guestpass.Manage';
export const ROLES = { admin: 'Guestpass.Admin', approver: 'Guestpass.Approver' } as const;
export type AppRole = (typeof ROLES)[keyof typeof ROLES];

/** Who is calling: the signed-in admin, as the audit trail records them. */
export interface AdminPrincipal {
  tenant: TenantConfig;
  oid: string;
  /** preferred_username (the UPN or sign-in address). */
  upn: string;
  name?: string;
  roles: AppRole[];
  /** The raw bearer token (for On-Behalf-Of). Never logged. */
  token: string;
  /** When the token expires (epoch ms, its `exp`): jobs the admin orders can run On-Behalf-Of them until then. */
  expiresAt: number;
}

export type TokenCheck = { ok: true; principal: AdminPrincipal } | { ok: false; problem: Problem };

const CLOCK_SKEW_SECONDS = 300;
const MAX_TOKEN_LENGTH = 16_384;
const EMBEDDED_KEY_HEADERS = ['jwk', 'jku', 'x5u', 'x5c'] as const;

export interface AccessTokenValidatorOptions {
  tenants: readonly TenantConfig[];
  keys: { forTenant(tenantId: string): Promise<TenantKeys> };
  now: () => Date;
}

const unauthenticated = (code: string, title: string, detail: string) => ({ ok: false as const, problem: problem(401, code, title, detail) });
const forbidden = (code: string, title: string, detail: string) => ({ ok: false as const, problem: problem(403, code, title, detail) });

export function createAccessTokenValidator(options: AccessTokenValidatorOptions) {
  /** Tenants that can have console users: those with a portal app registration (credentials.clientId). */
  const byTenantId = new Map<string, TenantConfig>();
  for (const t of options.tenants) if (t.tenantId && t.credentials) byTenantId.set(t.tenantId.toLowerCase(), t);

  return async function validate(authorization: string | undefined, routeTenant: TenantConfig, allowed: readonly AppRole[]): Promise<TokenCheck> {
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/.exec(authorization ?? '');
    if (!authorization) return unauthenticated('no-token', 'Sign-in required', 'Send the access token for this API as `Authorization: Bearer <token>`.');
    if (!match || match[1]!.length > MAX_TOKEN_LENGTH) return unauthenticated('malformed-token', 'Malformed access token', 'The Authorization header is not `Bearer` followed by a compact JWT.');
    const token = match[1]!;

    let header: ReturnType<typeof decodeProtectedHeader>;
    let unverified: JWTPayload;
    try {
      header = decodeProtectedHeader(token);
      unverified = decodeJwt(token);
    } catch {
      return unauthenticated('malformed-token', 'Malformed access token', 'The token is not a JWT with a JSON header and payload.');
    }
    if (header.alg !== 'RS256') return unauthenticated('bad-algorithm', 'Unaccepted token algorithm', `Only RS256-signed tokens are accepted; this one says "${String(header.alg).slice(0, 20)}".`);
    const embedded = EMBEDDED_KEY_HEADERS.filter((name) => name in header);
    if (embedded.length) return unauthenticated('embedded-key', 'Token carries its own key', `Keys named in the token header (${embedded.join(', ')}) are never trusted; tokens must be signed with the tenant's published keys.`);
    if (typeof header.kid !== 'string' || header.kid.length > 200) return unauthenticated('malformed-token', 'Malformed access token', 'The token header names no signing key (kid).');

    const tid = typeof unverified.tid === 'string' ? unverified.tid.toLowerCase() : '';
    const tokenTenant = byTenantId.get(tid);
    if (!tokenTenant) return unauthenticated('unknown-tenant', 'Token from an organisation this portal does not serve', 'The token was issued by a tenant that is not configured here (or has no portal app registration).');

    let keys: TenantKeys;
    try {
      keys = await options.keys.forTenant(tid);
    } catch (error) {
      if (error instanceof KeySourceUnavailable || error instanceof TypeError || (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError') {
        return { ok: false, problem: problem(503, 'keys-unavailable', 'Cannot check tokens right now', "The tenant's signing keys could not be fetched from Microsoft Entra; try again shortly.", { retryAfterSeconds: 30 }) };
      }
      throw error;
    }
    const key = await keys.key(header.kid).catch(() => undefined);
    if (!key) return unauthenticated('unknown-key', 'Token signed with an unknown key', 'No signing key the tenant publishes has this kid.');

    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, key, { algorithms: ['RS256'], clockTolerance: CLOCK_SKEW_SECONDS, currentDate: options.now(), requiredClaims: ['exp', 'nbf', 'iss', 'aud', 'tid'] }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) return unauthenticated('token-expired', 'Access token expired', 'Sign in again (the console renews tokens by itself).');
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') return unauthenticated('token-not-yet-valid', 'Access token not yet valid', 'The token is not valid yet (nbf is in the future, beyond 5 minutes of clock skew).');
      if (error instanceof errors.JWSSignatureVerificationFailed) return unauthenticated('bad-signature', 'Access token signature is invalid', 'The signature does not verify with the key the tenant publishes.');
      return unauthenticated('invalid-token', 'Access token rejected', 'The token failed validation (required claims or format).');
    }

    if (claims.ver === '1.0') {
      return unauthenticated(
        'v1-token',
        'v1 access token',
        'This API accepts v2 access tokens only. In the portal app registration\'s manifest set "requestedAccessTokenVersion": 2 (api.requestedAccessTokenVersion in the Microsoft Graph app manifest), then sign in again.',
      );
    }
    if (claims.iss !== keys.issuer) return unauthenticated('wrong-issuer', 'Access token from another issuer', 'The token was not issued by the tenant\'s v2 endpoint.');
    const clientId = tokenTenant.credentials!.clientId;
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.some((a) => typeof a === 'string' && a.toLowerCase() === clientId)) {
      return unauthenticated('wrong-audience', 'Access token for another API', 'The token\'s audience is not this portal\'s app registration.');
    }

    // Authentic and meant for us: what follows is about who may do what (403).
    if (claims.idtyp === 'app' || typeof claims.scp !== 'string') return forbidden('app-only-token', 'An application token cannot use the console', 'The admin API acts for a signed-in person; application (client-credentials) tokens are refused whatever roles they carry.');
    if (!claims.scp.split(' ').includes(CONSOLE_SCOPE)) return forbidden('missing-scope', 'Token lacks the console scope', `The token must carry the delegated scope ${CONSOLE_SCOPE}.`);
    const azp = typeof claims.azp === 'string' ? claims.azp.toLowerCase() : '';
    if (azp !== clientId) return forbidden('other-client', 'Token obtained by another application', 'Only the guestpass admin console may call this API (azp is another client).');
    if (tokenTenant !== routeTenant) return forbidden('other-tenant', 'Signed in to another organisation', `You are signed in to ${tokenTenant.displayName}; this page belongs to ${routeTenant.displayName}. Sign in with an account of ${routeTenant.displayName}.`);
    const roles = (Array.isArray(claims.roles) ? claims.roles : []).filter((r): r is AppRole => r === ROLES.admin || r === ROLES.approver);
    if (!roles.some((r) => allowed.includes(r))) {
      return forbidden(
        'missing-role',
        'Your account has no guestpass role here',
        `This needs the app role ${allowed.join(' or ')} on the guestpass app in ${routeTenant.displayName}. Ask an administrator to assign it (Enterprise applications → guestpass → Users and groups).`,
        );
    }
    if (typeof claims.oid !== 'string') return unauthenticated('invalid-token', 'Access token rejected', 'The token names no user (oid).');
    return {
      ok: true,
      principal: {
        tenant: routeTenant,
        oid: claims.oid,
        upn: typeof claims.preferred_username === 'string' ? claims.preferred_username : claims.oid,
        ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
        roles,
        token,
        expiresAt: Number(claims.exp) * 1000,
      },
    };
  };
}
