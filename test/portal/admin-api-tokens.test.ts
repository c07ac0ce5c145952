// The admin API's door (issue 9 "Sign-in and who may enter"): every kind of bad token over HTTP against a real portal
// and the Entra emulator, each its own test. Only the last — a valid admin token — gets in. 401 = the token is not a
// credential for this API; 403 = it is, but not for this; every refusal is an RFC 9457 problem without a stack trace.
import { CryptoProvider } from '@azure/msal-node';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONSOLE_USERS, DEMO_PORTAL_APP, DEMO_TENANT, DEMO_WEB_APP, PARTNER_PORTAL_APP, PARTNER_TENANT, PORTAL_API } from '../emulator/demo-tenant.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { get, submitForm } from '../emulator/login/test-helpers.ts';
import { startServer, type RunningServer } from '../../portal/server.ts';
import { demoTenantConfig, portalConfig, silentLogger } from '../resend/support.ts';

let emulator: Emulator;
let portal: RunningServer;
const ISSUER = `https://login.microsoftonline.com/${DEMO_TENANT.id}/v2.0`;

beforeAll(async () => {
  emulator = await startEmulator();
  const config = portalConfig(emulator, {
    tenants: [
      demoTenantConfig(),
      demoTenantConfig({ key: PARTNER_TENANT.domain, tenantId: PARTNER_TENANT.id, domain: PARTNER_TENANT.domain, displayName: PARTNER_TENANT.displayName, credentials: { clientId: PARTNER_PORTAL_APP.clientId, clientSecret: PARTNER_PORTAL_APP.clientSecret } }),
    ],
  });
  portal = await startServer({ config, logger: silentLogger });
  emulator.setPortalUrl(portal.config.publicBaseUrl);
});
afterAll(async () => {
  await portal?.close();
  await emulator?.stop();
});

type User = (typeof DEMO_CONSOLE_USERS)[keyof typeof DEMO_CONSOLE_USERS];

/** An access token for the portal API the way the console gets one: sign-in with a password, code + PKCE. */
async function signedInToken(user: User, options: { tenant?: string; clientId?: string; apiClientId?: string; redirectUri?: string } = {}): Promise<string> {
  const tenant = options.tenant ?? DEMO_TENANT.id;
  const clientId = options.clientId ?? DEMO_PORTAL_APP.clientId;
  const redirectUri = options.redirectUri ?? `${portal.config.publicBaseUrl}/admin/`;
  const scope = `openid api://${options.apiClientId ?? clientId}/${PORTAL_API.scope}`;
  const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
  const params = new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri, response_type: 'code', scope, code_challenge: challenge, code_challenge_method: 'S256' });
  const page = await get(`${emulator.origin}/${tenant}/oauth2/v2.0/authorize?${params}`);
  const password = await submitForm(emulator.origin, page, { loginfmt: user.username });
  const done = await submitForm(emulator.origin, password, { passwd: user.password });
  const code = new URL(done.location!).searchParams.get('code')!;
  const res = await fetch(`${emulator.origin}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    // A browser (SPA redirect URI) sends its Origin; a Web redirect URI's code is redeemed server-side, without one.
    headers: redirectUri.endsWith('/admin/') ? { origin: portal.config.publicBaseUrl } : {},
    body: new URLSearchParams({ client_id: clientId, grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirectUri, scope }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** The claims of a valid v2 admin token (for tokens signed directly with the tenant's key, one claim changed). */
function adminClaims(overrides: JWTPayload = {}): JWTPayload {
  return {
    aud: DEMO_PORTAL_APP.clientId,
    iss: ISSUER,
    azp: DEMO_PORTAL_APP.clientId,
    azpacr: '0',
    oid: DEMO_CONSOLE_USERS.admin.id,
    preferred_username: DEMO_CONSOLE_USERS.admin.username,
    roles: [PORTAL_API.roles.admin],
    scp: PORTAL_API.scope,
    sub: 'admin-sub',
    tid: DEMO_TENANT.id,
    ver: '2.0',
    ...overrides,
  };
}

/** A token signed with an attacker's own RSA key, with any header. */
async function forged(header: Record<string, unknown>, claims: JWTPayload = adminClaims()): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...header }).setIssuedAt(iat).setNotBefore(iat).setExpirationTime(iat + 3600).sign(privateKey);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const emulatorKid = async () => ((await (await fetch(`${emulator.origin}/${DEMO_TENANT.id}/discovery/v2.0/keys`)).json()) as { keys: { kid: string; n: string; e: string }[] }).keys[0]!;

async function call(authorization: string | undefined, path = `/admin/api/t/${DEMO_TENANT.domain}/me`) {
  const res = await fetch(`${portal.url}${path}`, { headers: authorization === undefined ? {} : { authorization } });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), challenge: res.headers.get('www-authenticate'), text, body: JSON.parse(text) as Record<string, unknown> };
}

/** Refused with this status and problem code, as problem+json without a stack trace, and not let in. */
async function expectRefused(authorization: string | undefined, status: 401 | 403, code: string, path?: string) {
  const answer = await call(authorization, path);
  expect(answer.status).toBe(status);
  expect(answer.type).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ type: `urn:guestpass:problem:${code}`, status });
  expect(answer.challenge).toMatch(/^Bearer error="(invalid_token|insufficient_scope)"/);
  expect(answer.text).not.toMatch(/\bat \S+ \(|node_modules/);
  expect(answer.body.oid).toBeUndefined();
  return answer;
}

describe('the admin API refuses every token but a valid admin\'s (over HTTP, real portal and emulator)', () => {
  it('no token → 401', async () => {
    await expectRefused(undefined, 401, 'no-token');
  });

  it('a malformed token → 401', async () => {
    await expectRefused('Bearer not-a-jwt', 401, 'malformed-token');
    await expectRefused(`Bearer ${b64({ alg: 'RS256' })}.!!!.sig`, 401, 'malformed-token');
  });

  it('alg "none" → 401', async () => {
    await expectRefused(`Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(adminClaims({ exp: Math.floor(Date.now() / 1000) + 600, nbf: 0 }))}.`, 401, 'bad-algorithm');
  });

  it('HS256 signed with the tenant\'s public key as the secret → 401', async () => {
    const jwk = await emulatorKid();
    const secret = new TextEncoder().encode(JSON.stringify(jwk));
    const iat = Math.floor(Date.now() / 1000);
    const token = await new SignJWT(adminClaims()).setProtectedHeader({ alg: 'HS256', kid: jwk.kid }).setIssuedAt(iat).setNotBefore(iat).setExpirationTime(iat + 600).sign(secret);
    await expectRefused(`Bearer ${token}`, 401, 'bad-algorithm');
  });

  it('a bad signature (the tenant\'s kid, another key) → 401', async () => {
    await expectRefused(`Bearer ${await forged({ kid: (await emulatorKid()).kid })}`, 401, 'bad-signature');
  });

  it('an unknown kid → 401', async () => {
    await expectRefused(`Bearer ${await forged({ kid: 'no-such-key' })}`, 401, 'unknown-key');
  });

  it('a key embedded in the header (jwk) → 401', async () => {
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    await expectRefused(`Bearer ${await forged({ kid: (await emulatorKid()).kid, jwk: await exportJWK(publicKey) })}`, 401, 'embedded-key');
  });

  it('a key URL in the header (jku) → 401', async () => {
    await expectRefused(`Bearer ${await forged({ kid: 'attacker', jku: 'https://attacker.example/keys' })}`, 401, 'embedded-key');
  });

  it('a certificate URL in the header (x5u) → 401', async () => {
    await expectRefused(`Bearer ${await forged({ kid: 'attacker', x5u: 'https://attacker.example/cert.pem' })}`, 401, 'embedded-key');
  });

  it('an expired token (beyond 5 minutes of skew) → 401', async () => {
    const token = await emulator.signToken(adminClaims(), { now: new Date(Date.now() - 3600_000 - 6 * 60_000), lifetimeSeconds: 3600 });
    await expectRefused(`Bearer ${token}`, 401, 'token-expired');
  });

  it('a token not yet valid (nbf beyond 5 minutes ahead) → 401', async () => {
    const token = await emulator.signToken(adminClaims(), { now: new Date(Date.now() + 10 * 60_000) });
    await expectRefused(`Bearer ${token}`, 401, 'token-not-yet-valid');
  });

  it('a wrong issuer → 401', async () => {
    await expectRefused(`Bearer ${await emulator.signToken(adminClaims({ iss: 'https://login.microsoftonline.com/common/v2.0' }))}`, 401, 'wrong-issuer');
  });

  it('a wrong audience → 401', async () => {
    await expectRefused(`Bearer ${await emulator.signToken(adminClaims({ aud: 'https://graph.microsoft.com' }))}`, 401, 'wrong-audience');
  });

  it('a v1 token (API not set to requestedAccessTokenVersion 2) → 401 naming that setting', async () => {
    const app = emulator.state.findTenant(DEMO_TENANT.id)!.apps.find((a) => a.clientId === DEMO_PORTAL_APP.clientId)!;
    app.api!.requestedAccessTokenVersion = null;
    try {
      const answer = await expectRefused(`Bearer ${await signedInToken(DEMO_CONSOLE_USERS.admin)}`, 401, 'v1-token');
      expect(answer.body.detail).toContain('requestedAccessTokenVersion');
    } finally {
      app.api!.requestedAccessTokenVersion = 2;
    }
  });

  it('an app-only token carrying the Admin role → 403', async () => {
    const { scp: _scp, preferred_username: _u, ...appOnly } = adminClaims({ idtyp: 'app', oid: DEMO_PORTAL_APP.clientId });
    await expectRefused(`Bearer ${await emulator.signToken(appOnly)}`, 403, 'app-only-token');
  });

  it('a user token issued to another client → 403', async () => {
    const token = await signedInToken(DEMO_CONSOLE_USERS.admin, { clientId: DEMO_WEB_APP.clientId, apiClientId: DEMO_PORTAL_APP.clientId, redirectUri: DEMO_WEB_APP.redirectUri });
    await expectRefused(`Bearer ${token}`, 403, 'other-client');
  });

  it('a valid token of a tenant this portal does not serve → 401', async () => {
    const other = '99999999-0000-4000-8000-000000000000';
    const token = await emulator.signToken(adminClaims({ tid: other, iss: `https://login.microsoftonline.com/${other}/v2.0` }));
    await expectRefused(`Bearer ${token}`, 401, 'unknown-tenant');
  });

  it('a valid admin token of the partner tenant on the demo tenant\'s route (tid ≠ route) → 403', async () => {
    const token = await signedInToken(DEMO_CONSOLE_USERS.partnerAdmin, { tenant: PARTNER_TENANT.id, clientId: PARTNER_PORTAL_APP.clientId });
    await expectRefused(`Bearer ${token}`, 403, 'other-tenant');
    expect((await call(`Bearer ${token}`, `/admin/api/t/${PARTNER_TENANT.domain}/me`)).status).toBe(200);
  });

  it('a member without a guestpass role → 403 with an explanation', async () => {
    const answer = await expectRefused(`Bearer ${await signedInToken(DEMO_CONSOLE_USERS.member)}`, 403, 'missing-role');
    expect(answer.body.detail).toContain('Guestpass.Admin');
  });

  it('an Approver on an Admin-only route → 403', async () => {
    const token = await signedInToken(DEMO_CONSOLE_USERS.approver);
    expect((await call(`Bearer ${token}`)).status).toBe(200); // /me takes either role
    await expectRefused(`Bearer ${token}`, 403, 'missing-role', `/admin/api/t/${DEMO_TENANT.domain}/dead-letters`);
  });

  it('a valid admin token gets in, as the admin', async () => {
    const answer = await call(`Bearer ${await signedInToken(DEMO_CONSOLE_USERS.admin)}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ oid: DEMO_CONSOLE_USERS.admin.id, upn: DEMO_CONSOLE_USERS.admin.username, roles: [PORTAL_API.roles.admin] });
  });
});

describe('the admin API\'s public configuration', () => {
  it('lists the tenants with a portal app, their authority and the console scope; sets no cookie', async () => {
    const res = await fetch(`${portal.url}/admin/api/config`);
    expect(res.headers.get('set-cookie')).toBeNull();
    const body = (await res.json()) as { tenants: { key: string; tenantId: string; clientId: string; authority: string; scope: string }[] };
    expect(body.tenants.map((t) => [t.key, t.clientId, t.scope])).toEqual([
      [DEMO_TENANT.domain, DEMO_PORTAL_APP.clientId, `api://${DEMO_PORTAL_APP.clientId}/Guestpass.Manage`],
      [PARTNER_TENANT.domain, PARTNER_PORTAL_APP.clientId, `api://${PARTNER_PORTAL_APP.clientId}/Guestpass.Manage`],
    ]);
    expect(body.tenants[0]!.authority).toMatch(new RegExp(`/${DEMO_TENANT.id}$`));
  });
});
