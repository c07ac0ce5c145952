// Contract for the admin console (issue 9): the portal's app registration exposes an API with app roles and an SPA
// redirect URI; console users sign in with a password; access tokens for the API carry `roles` (v2 when the API asks
// for v2, v1 otherwise); the portal trades them On-Behalf-Of for delegated Graph tokens (real msal-node), whose `scp`
// Graph checks; secrets rotate and expire, consent is revoked and granted at run time.
import { ConfidentialClientApplication, CryptoProvider } from '@azure/msal-node';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CONSOLE_USERS, DEMO_PORTAL_APP, DEMO_TENANT, PARTNER_PORTAL_APP, PARTNER_TENANT, PORTAL_API } from './demo-tenant.ts';
import { startEmulator, type Emulator } from './index.ts';
import { DEMO_USER_IDS } from './seed.ts';
import { get, submitForm } from './login/test-helpers.ts';

const PORTAL_URL = 'http://127.0.0.1:4321';
const SPA_REDIRECT = `${PORTAL_URL}/admin/`;
const API_SCOPE = `api://${DEMO_PORTAL_APP.clientId}/${PORTAL_API.scope}`;

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ portalUrl: PORTAL_URL });
});
afterAll(async () => {
  await emulator?.stop();
});
beforeEach(() => emulator.reset());

type ConsoleUser = (typeof DEMO_CONSOLE_USERS)[keyof typeof DEMO_CONSOLE_USERS];

/** The console's sign-in as msal-browser does it: authorize with PKCE at the tenant, password, code → tokens (no secret). */
async function consoleTokens(user: ConsoleUser, options: { tenant?: string; clientId?: string; scope?: string; password?: string } = {}) {
  const tenant = options.tenant ?? DEMO_TENANT.id;
  const clientId = options.clientId ?? DEMO_PORTAL_APP.clientId;
  const scope = options.scope ?? `openid profile offline_access api://${clientId}/${PORTAL_API.scope}`;
  const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
  const params = new URLSearchParams({ client_id: clientId, redirect_uri: SPA_REDIRECT, response_type: 'code', response_mode: 'fragment', scope, code_challenge: challenge, code_challenge_method: 'S256' });
  const usernamePage = await get(`${emulator.origin}/${tenant}/oauth2/v2.0/authorize?${params}`);
  const passwordPage = await submitForm(emulator.origin, usernamePage, { loginfmt: user.username });
  if (!passwordPage.doc.querySelector('form')) throw new Error(`no password page: ${passwordPage.status} ${passwordPage.html.slice(0, 600)}`);
  const final = await submitForm(emulator.origin, passwordPage, { passwd: options.password ?? user.password });
  const code = final.location ? new URLSearchParams(new URL(final.location).hash.slice(1)).get('code') : null;
  if (!code) return { passwordPage, final, tokens: undefined };
  const res = await fetch(`${emulator.origin}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { origin: PORTAL_URL },
    body: new URLSearchParams({ client_id: clientId, grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: SPA_REDIRECT, scope }),
  });
  return { passwordPage, final, tokens: (await res.json()) as { access_token: string; id_token: string; error_codes?: number[] } };
}

function portalClient(tenant: string = DEMO_TENANT.id, app: { clientId: string; clientSecret: string } = DEMO_PORTAL_APP, secret = app.clientSecret) {
  return new ConfidentialClientApplication({
    auth: { clientId: app.clientId, clientSecret: secret, authority: `${emulator.loginBaseUrl}/${tenant}`, knownAuthorities: [`127.0.0.1:${emulator.port}`] },
  });
}

const graph = (path: string, token: string, init: RequestInit = {}) =>
  fetch(`${emulator.graphBaseUrl}/v1.0/${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });

describe('console users sign in with a password at the tenant (SPA redirect URI, PKCE, no secret)', () => {
  it('the demo admin gets a v2 access token for the portal API with Guestpass.Admin, azp = the console, the admin\'s oid and UPN', async () => {
    const { passwordPage, tokens } = await consoleTokens(DEMO_CONSOLE_USERS.admin);
    expect(passwordPage.doc.querySelector('input[name=passwd]')).not.toBeNull();
    expect(emulator.lastOtp(DEMO_CONSOLE_USERS.admin.username)).toBeUndefined(); // a password, not an emailed passcode
    const jwks = createRemoteJWKSet(new URL(`${emulator.origin}/${DEMO_TENANT.id}/discovery/v2.0/keys`));
    const { payload } = await jwtVerify(tokens!.access_token, jwks, { audience: DEMO_PORTAL_APP.clientId, issuer: `https://login.microsoftonline.com/${DEMO_TENANT.id}/v2.0` });
    expect(payload).toMatchObject({ ver: '2.0', azp: DEMO_PORTAL_APP.clientId, tid: DEMO_TENANT.id, oid: DEMO_USER_IDS.consoleAdmin, preferred_username: DEMO_CONSOLE_USERS.admin.username, scp: PORTAL_API.scope, roles: [PORTAL_API.roles.admin] });
    expect(decodeJwt(tokens!.id_token).roles).toEqual([PORTAL_API.roles.admin]);
  });

  it('the approver gets Guestpass.Approver; the member without a role gets no roles claim', async () => {
    expect(decodeJwt((await consoleTokens(DEMO_CONSOLE_USERS.approver)).tokens!.access_token).roles).toEqual([PORTAL_API.roles.approver]);
    expect(decodeJwt((await consoleTokens(DEMO_CONSOLE_USERS.member)).tokens!.access_token).roles).toBeUndefined();
  });

  it('the partner tenant has its own portal app and admin', async () => {
    const { tokens } = await consoleTokens(DEMO_CONSOLE_USERS.partnerAdmin, { tenant: PARTNER_TENANT.id, clientId: PARTNER_PORTAL_APP.clientId });
    expect(decodeJwt(tokens!.access_token)).toMatchObject({ aud: PARTNER_PORTAL_APP.clientId, tid: PARTNER_TENANT.id, roles: [PORTAL_API.roles.admin] });
  });

  it('a wrong password is refused on the page and no code is issued', async () => {
    const { final, tokens } = await consoleTokens(DEMO_CONSOLE_USERS.admin, { password: 'guess' });
    expect(tokens).toBeUndefined();
    expect(final.status).toBe(400);
    expect(final.doc.querySelector('#passwordError')?.textContent).toMatch(/password is incorrect/);
  });

  it('a redirect URI other than <portal>/admin/ is refused (AADSTS50011)', async () => {
    const params = new URLSearchParams({ client_id: DEMO_PORTAL_APP.clientId, redirect_uri: `${PORTAL_URL}/admin`, response_type: 'code', scope: API_SCOPE });
    const page = await get(`${emulator.origin}/${DEMO_TENANT.id}/oauth2/v2.0/authorize?${params}`);
    expect(page.html).toContain('AADSTS50011');
  });

  it('setPortalUrl registers another portal address (the port is known only once the portal listens)', async () => {
    emulator.setPortalUrl('http://127.0.0.1:5555');
    const app = emulator.state.findTenant(DEMO_TENANT.id)!.apps.find((a) => a.clientId === DEMO_PORTAL_APP.clientId)!;
    expect(app.spaRedirectUris).toContain('http://127.0.0.1:5555/admin/');
    emulator.reset();
    expect(emulator.state.findTenant(DEMO_TENANT.id)!.apps.find((a) => a.clientId === DEMO_PORTAL_APP.clientId)!.spaRedirectUris).toContain('http://127.0.0.1:5555/admin/');
  });

  it('an API that does not set requestedAccessTokenVersion 2 gets v1 tokens: sts.windows.net issuer, aud api://…, appid', async () => {
    const app = emulator.state.findTenant(DEMO_TENANT.id)!.apps.find((a) => a.clientId === DEMO_PORTAL_APP.clientId)!;
    app.api!.requestedAccessTokenVersion = null;
    const claims = decodeJwt((await consoleTokens(DEMO_CONSOLE_USERS.admin)).tokens!.access_token);
    expect(claims).toMatchObject({ ver: '1.0', iss: `https://sts.windows.net/${DEMO_TENANT.id}/`, aud: `api://${DEMO_PORTAL_APP.clientId}`, appid: DEMO_PORTAL_APP.clientId, roles: [PORTAL_API.roles.admin] });
    expect(claims.azp).toBeUndefined();
  });

  it('a scope the API does not expose is refused (AADSTS65005)', async () => {
    const { tokens } = await consoleTokens(DEMO_CONSOLE_USERS.admin, { scope: `openid api://${DEMO_PORTAL_APP.clientId}/Everything` });
    expect(tokens!.error_codes).toEqual([65005]);
  });
});

describe('On-Behalf-Of (real msal-node acquireTokenOnBehalfOf) and delegated Graph permissions', () => {
  it('the portal trades the admin\'s API token for a delegated Graph token (scp = consented permissions) and invites as the admin', async () => {
    const { tokens } = await consoleTokens(DEMO_CONSOLE_USERS.admin);
    const result = await portalClient().acquireTokenOnBehalfOf({ oboAssertion: tokens!.access_token, scopes: ['https://graph.microsoft.com/.default'] });
    const claims = decodeJwt(result!.accessToken);
    expect(claims).toMatchObject({ aud: 'https://graph.microsoft.com', appid: DEMO_PORTAL_APP.clientId, oid: DEMO_USER_IDS.consoleAdmin, upn: DEMO_CONSOLE_USERS.admin.username, tid: DEMO_TENANT.id });
    expect(String(claims.scp).split(' ')).toEqual(expect.arrayContaining(['User.Read.All', 'User.Invite.All', 'Application.Read.All']));
    const users = await graph('users?$top=1', result!.accessToken);
    expect(users.status).toBe(200);
    const invite = await graph('invitations', result!.accessToken, { method: 'POST', body: JSON.stringify({ invitedUserEmailAddress: 'conceptsuser@outlook.com', inviteRedirectUrl: 'https://myapps.microsoft.com', sendInvitationMessage: true }) });
    expect(invite.status).toBe(201);
    expect(emulator.outbox().map((m) => m.to)).toEqual(['conceptsuser@outlook.com']);
  });

  it('refuses an assertion issued to another client (AADSTS500131) and an app-only token as assertion', async () => {
    const { tokens } = await consoleTokens(DEMO_CONSOLE_USERS.admin);
    const other = portalClient(PARTNER_TENANT.id, PARTNER_PORTAL_APP);
    await expect(other.acquireTokenOnBehalfOf({ oboAssertion: tokens!.access_token, scopes: ['https://graph.microsoft.com/.default'] })).rejects.toThrow(/AADSTS500131/);
    const appOnly = await portalClient().acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
    await expect(portalClient().acquireTokenOnBehalfOf({ oboAssertion: appOnly!.accessToken, scopes: ['https://graph.microsoft.com/.default'] })).rejects.toThrow(/AADSTS500131|AADSTS50013/);
  });

  it('Graph checks delegated scp: without User.Read.All consented, listing users is 403; reading the app registration needs Application.Read.All', async () => {
    emulator.apps.setConsent(DEMO_TENANT.id, DEMO_PORTAL_APP.clientId, { delegated: ['User.Invite.All'] });
    const { tokens } = await consoleTokens(DEMO_CONSOLE_USERS.admin);
    const token = (await portalClient().acquireTokenOnBehalfOf({ oboAssertion: tokens!.access_token, scopes: ['https://graph.microsoft.com/.default'] }))!.accessToken;
    expect((await graph('users', token)).status).toBe(403);
    expect((await graph(`applications(appId='${DEMO_PORTAL_APP.clientId}')`, token)).status).toBe(403);
  });

  it('GET /applications(appId=…) shows the secrets\' end dates and hints, never their values', async () => {
    emulator.apps.expirePrimarySecret(DEMO_TENANT.id, DEMO_PORTAL_APP.clientId, '2027-01-15T00:00:00Z');
    const { tokens } = await consoleTokens(DEMO_CONSOLE_USERS.admin);
    const token = (await portalClient().acquireTokenOnBehalfOf({ oboAssertion: tokens!.access_token, scopes: ['https://graph.microsoft.com/.default'] }))!.accessToken;
    const res = await graph(`applications(appId='${DEMO_PORTAL_APP.clientId}')`, token);
    const body = (await res.json()) as { appId: string; passwordCredentials: { endDateTime: string; secretText: null; hint: string }[] };
    expect(body.appId).toBe(DEMO_PORTAL_APP.clientId);
    expect(body.passwordCredentials).toEqual([expect.objectContaining({ endDateTime: '2027-01-15T00:00:00Z', secretText: null, hint: 'dem' })]);
    expect(JSON.stringify(body)).not.toContain(DEMO_PORTAL_APP.clientSecret);
  });
});

describe('secret rotation and consent at run time', () => {
  const appToken = (secret: string, tenant: string = DEMO_TENANT.id, app: { clientId: string } = DEMO_PORTAL_APP) =>
    fetch(`${emulator.origin}/${tenant}/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: secret, scope: 'https://graph.microsoft.com/.default' }) });
  const codes = async (res: Response) => ((await res.json()) as { error_codes?: number[] }).error_codes;

  it('the partner tenant\'s portal app exists (no AADSTS700016)', async () => {
    expect((await appToken(PARTNER_PORTAL_APP.clientSecret, PARTNER_TENANT.id, PARTNER_PORTAL_APP)).status).toBe(200);
  });

  it('a new secret works alongside the old one; once the old one is removed it is invalid (AADSTS7000215)', async () => {
    const added = emulator.apps.addSecret(DEMO_TENANT.id, DEMO_PORTAL_APP.clientId);
    expect((await appToken(added.secretText)).status).toBe(200);
    expect((await appToken(DEMO_PORTAL_APP.clientSecret)).status).toBe(200);
    emulator.apps.removeSecret(DEMO_TENANT.id, DEMO_PORTAL_APP.clientId, 'primary');
    expect(await codes(await appToken(DEMO_PORTAL_APP.clientSecret))).toEqual([7000215]);
    expect((await appToken(added.secretText)).status).toBe(200);
  });

  it('an expired secret is AADSTS7000222; the control API does the same over HTTP', async () => {
    const res = await fetch(`${emulator.origin}/_emulator/tenants/${DEMO_TENANT.id}/apps/${DEMO_PORTAL_APP.clientId}/secrets/primary/expiry`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ endDateTime: '2020-01-01T00:00:00Z' }) });
    expect(res.status).toBe(204);
    expect(await codes(await appToken(DEMO_PORTAL_APP.clientSecret))).toEqual([7000222]);
    const added = (await (await fetch(`${emulator.origin}/_emulator/tenants/${DEMO_TENANT.domain}/apps/${DEMO_PORTAL_APP.clientId}/secrets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { secretText: string };
    expect((await appToken(added.secretText)).status).toBe(200);
  });

  it('revoked admin consent: the app token has no roles and Graph answers 403; granted again, Graph answers 200', async () => {
    const put = (application: string[]) =>
      fetch(`${emulator.origin}/_emulator/tenants/${DEMO_TENANT.id}/apps/${DEMO_PORTAL_APP.clientId}/consent`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ application }) });
    expect((await put([])).status).toBe(204);
    const revoked = ((await (await appToken(DEMO_PORTAL_APP.clientSecret)).json()) as { access_token: string }).access_token;
    expect(decodeJwt(revoked).roles).toBeUndefined();
    expect((await graph('users', revoked)).status).toBe(403);
    await put(['User.Invite.All', 'User.Read.All']);
    const granted = ((await (await appToken(DEMO_PORTAL_APP.clientSecret)).json()) as { access_token: string }).access_token;
    expect((await graph('users', granted)).status).toBe(200);
  });
});
