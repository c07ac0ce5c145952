// Contract: the interactive sign-in end to end over HTTP — username → emailed passcode → redirect with code →
// token exchange with PKCE — with the REAL @azure/msal-node building the request and redeeming the code
// (facts §2 tenant-specific endpoint, OTP guests; facts §4 issuer per tenant).
import { CryptoProvider, PublicClientApplication } from '@azure/msal-node';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE, DEMO_PORTAL_APP, DEMO_TENANT, DEMO_WEB_APP, PORTAL_API } from './demo-tenant.ts';
import { startEmulator, type Emulator } from './index.ts';
import { DEMO_USER_IDS } from './seed.ts';
import { get, readConfig, submitForm, type Answer } from './login/test-helpers.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});
beforeEach(() => emulator.reset());

function msalPublic(tenant: string) {
  return new PublicClientApplication({ auth: { clientId: DEMO_WEB_APP.clientId, authority: `${emulator.loginBaseUrl}/${tenant}`, knownAuthorities: [`127.0.0.1:${emulator.port}`] } });
}

/** Type the address, read the emailed passcode, submit it: returns the final answer (a 302 on success). */
async function signIn(authorizeUrl: string, address: string, passcode?: (sent: string) => string): Promise<{ passcodePage: Answer; final: Answer }> {
  const usernamePage = await get(authorizeUrl);
  const passcodePage = await submitForm(emulator.origin, usernamePage, { loginfmt: address });
  const sent = emulator.lastOtp(address);
  if (!sent) throw new Error(`no passcode sent to ${address}; page was ${passcodePage.doc.title}`);
  const final = await submitForm(emulator.origin, passcodePage, { otc: passcode ? passcode(sent) : sent });
  return { passcodePage, final };
}

describe('authorization code + PKCE with real msal-node (facts §2, §4)', () => {
  it('§2: a Gmail guest signs in at the tenant endpoint; msal-node redeems the code; the id token carries the nonce, the host tenant and the guest', async () => {
    const pca = msalPublic(DEMO_TENANT.id);
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    const authUrl = await pca.getAuthCodeUrl({ scopes: ['openid', 'profile'], redirectUri: DEMO_WEB_APP.redirectUri, codeChallenge: challenge, codeChallengeMethod: 'S256', state: 'xyz123', nonce: 'n1' });
    expect(authUrl.startsWith(`${emulator.origin}/${DEMO_TENANT.id}/oauth2/v2.0/authorize?`)).toBe(true);

    const { final } = await signIn(authUrl, DEMO_PEOPLE.acceptedGmailGuest);
    expect(final.status).toBe(302);
    const redirect = new URL(final.location!);
    expect(`${redirect.origin}${redirect.pathname}`).toBe(DEMO_WEB_APP.redirectUri);
    expect(redirect.searchParams.get('state')).toBe('xyz123');
    const code = redirect.searchParams.get('code')!;

    // msal binds the id token to the request: the nonce must come back, and the returned state must match.
    const result = await pca.acquireTokenByCode(
      { code, redirectUri: DEMO_WEB_APP.redirectUri, scopes: ['openid', 'profile'], codeVerifier: verifier, nonce: 'n1', state: 'xyz123' },
      { code, state: redirect.searchParams.get('state')! },
    );
    expect(result.idToken).toBeTruthy();
    const jwks = createRemoteJWKSet(new URL(`${emulator.origin}/${DEMO_TENANT.id}/discovery/v2.0/keys`));
    const { payload } = await jwtVerify(result.idToken, jwks, { audience: DEMO_WEB_APP.clientId, issuer: `https://login.microsoftonline.com/${DEMO_TENANT.id}/v2.0` });
    expect(payload.nonce).toBe('n1');
    expect(payload.tid).toBe(DEMO_TENANT.id);
    expect(payload.oid).toBe(DEMO_USER_IDS.janeDoe);
    expect(payload.preferred_username).toBe(DEMO_PEOPLE.acceptedGmailGuest);
    expect(payload.idp).toBe('google.com');
    expect(result.account?.tenantId).toBe(DEMO_TENANT.id);
  });

  it('a code works once: the second redemption is invalid_grant', async () => {
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    const authUrl = await msalPublic(DEMO_TENANT.id).getAuthCodeUrl({ scopes: ['openid'], redirectUri: DEMO_WEB_APP.redirectUri, codeChallenge: challenge, codeChallengeMethod: 'S256' });
    const { final } = await signIn(authUrl, DEMO_PEOPLE.acceptedGmailGuest);
    const code = new URL(final.location!).searchParams.get('code')!;
    const redeem = () =>
      fetch(`${emulator.origin}/${DEMO_TENANT.id}/oauth2/v2.0/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'authorization_code', client_id: DEMO_WEB_APP.clientId, code, redirect_uri: DEMO_WEB_APP.redirectUri, code_verifier: verifier, scope: 'openid' }),
      });
    expect((await redeem()).status).toBe(200);
    const second = await redeem();
    expect(second.status).toBe(400);
    expect(((await second.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('a wrong PKCE verifier is refused (AADSTS501481)', async () => {
    const { challenge } = await new CryptoProvider().generatePkceCodes();
    const authUrl = await msalPublic(DEMO_TENANT.id).getAuthCodeUrl({ scopes: ['openid'], redirectUri: DEMO_WEB_APP.redirectUri, codeChallenge: challenge, codeChallengeMethod: 'S256' });
    const { final } = await signIn(authUrl, DEMO_PEOPLE.acceptedGmailGuest);
    const res = await fetch(`${emulator.origin}/${DEMO_TENANT.id}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: DEMO_WEB_APP.clientId, code: new URL(final.location!).searchParams.get('code')!, redirect_uri: DEMO_WEB_APP.redirectUri, code_verifier: 'x'.repeat(43) }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error_codes: number[] }).error_codes).toEqual([501481]);
  });

  it('a wrong passcode keeps the guest on the passcode step with the error in .alert-error; no redirect happens', async () => {
    const authUrl = await msalPublic(DEMO_TENANT.id).getAuthCodeUrl({ scopes: ['openid'], redirectUri: DEMO_WEB_APP.redirectUri });
    const { final } = await signIn(authUrl, DEMO_PEOPLE.acceptedGmailGuest, (sent) => (sent === '00000000' ? '11111111' : '00000000'));
    expect(final.status).toBe(400);
    expect(final.location).toBeNull();
    expect(final.doc.querySelector('.alert-error:not([hidden])')?.textContent).toBe("That code didn't work. Check the code and try again.");
  });

  it('§2: a pending guest who signs in at the tenant endpoint is redeemed (Accepted, identity per home provider) and signInActivity is updated', async () => {
    const user = emulator.state.findTenant(DEMO_TENANT.id)!.users.find((u) => u.id === DEMO_USER_IDS.oldInvite)!;
    expect(user.externalUserState).toBe('PendingAcceptance');
    const authUrl = await msalPublic(DEMO_TENANT.domain).getAuthCodeUrl({ scopes: ['openid'], redirectUri: DEMO_WEB_APP.redirectUri });
    const { final } = await signIn(authUrl, DEMO_PEOPLE.longPendingGuest);
    expect(final.status).toBe(302);
    expect(user.externalUserState).toBe('Accepted');
    expect(user.identities.map((i) => i.issuer)).toContain('mail'); // email one-time passcode guest
    expect(user.signInActivity?.lastSignInDateTime).toBeTruthy();
  });

  it('§1b/§2: at /common the Gmail guest never reaches a passcode (the dead end guestpass fixes)', async () => {
    const authUrl = await msalPublic('common').getAuthCodeUrl({ scopes: ['openid'], redirectUri: DEMO_WEB_APP.redirectUri });
    const page = await get(authUrl);
    const answer = await submitForm(emulator.origin, page, { loginfmt: DEMO_PEOPLE.acceptedGmailGuest });
    // The captured page is built by its script: the server's answer says which error the script will show.
    expect(readConfig(answer.html)).toMatchObject({ pgid: 'ConvergedSignIn', iUsernameError: 1 });
    expect(emulator.lastOtp(DEMO_PEOPLE.acceptedGmailGuest)).toBeUndefined();
  });

  it('a work account signing in at /common gets tokens from its home tenant', async () => {
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    const pca = msalPublic('organizations');
    const authUrl = await pca.getAuthCodeUrl({ scopes: ['openid'], redirectUri: DEMO_WEB_APP.redirectUri, codeChallenge: challenge, codeChallengeMethod: 'S256' });
    const { final } = await signIn(authUrl, DEMO_PEOPLE.guestInviterMember);
    const result = await pca.acquireTokenByCode({ code: new URL(final.location!).searchParams.get('code')!, redirectUri: DEMO_WEB_APP.redirectUri, scopes: ['openid'], codeVerifier: verifier });
    expect(result.account?.tenantId).toBe(DEMO_TENANT.id);
    expect(result.account?.username).toBe(DEMO_PEOPLE.guestInviterMember);
  });
});

describe('tokens for a single-page admin console (msal-browser style)', () => {
  // Browser redemption needs a redirect URI on the SPA platform (login-spa-redemption.test.ts has the rule itself).
  const SPA_REDIRECT = 'http://localhost:3000/';
  beforeEach(() => {
    emulator.state.findTenant(DEMO_TENANT.id)!.apps.find((a) => a.clientId === DEMO_WEB_APP.clientId)!.spaRedirectUris = [SPA_REDIRECT];
  });
  async function codeFor(scope: string, address: string) {
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    const params = new URLSearchParams({ client_id: DEMO_WEB_APP.clientId, redirect_uri: SPA_REDIRECT, response_type: 'code', scope, code_challenge: challenge, code_challenge_method: 'S256' });
    const { final } = await signIn(`${emulator.origin}/${DEMO_TENANT.id}/oauth2/v2.0/authorize?${params}`, address);
    return { code: new URL(final.location!).searchParams.get('code')!, verifier };
  }
  const token = (form: Record<string, string>) =>
    fetch(`${emulator.origin}/${DEMO_TENANT.id}/oauth2/v2.0/token`, { method: 'POST', headers: { origin: 'http://localhost:3000' }, body: new URLSearchParams({ client_id: DEMO_WEB_APP.clientId, ...form }) });

  it('a scope of one of the tenant\'s own apps (api://<app id>/x) gives a v2 token with aud = that app id and the admin\'s role ids (wids)', async () => {
    const scope = `openid offline_access api://${DEMO_PORTAL_APP.clientId}/${PORTAL_API.scope}`;
    const { code, verifier } = await codeFor(scope, DEMO_PEOPLE.guestInviterMember);
    const res = await token({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: SPA_REDIRECT, scope });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await res.json()) as { access_token: string; refresh_token: string };
    const jwks = createRemoteJWKSet(new URL(`${emulator.origin}/${DEMO_TENANT.id}/discovery/v2.0/keys`));
    const { payload } = await jwtVerify(body.access_token, jwks, { audience: DEMO_PORTAL_APP.clientId, issuer: `https://login.microsoftonline.com/${DEMO_TENANT.id}/v2.0` });
    expect(payload.scp).toBe(PORTAL_API.scope);
    expect(payload.wids).toEqual(['95e79109-95c0-4d8e-aee3-d01accf2d47b']); // Guest Inviter
    // offline_access → a refresh token that works once (rotation).
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: body.refresh_token, scope });
    expect(refreshed.status).toBe(200);
    expect((await token({ grant_type: 'refresh_token', refresh_token: body.refresh_token, scope })).status).toBe(400);
  });

  it('a scope for an API the tenant does not have is refused (AADSTS500011)', async () => {
    const scope = 'openid api://00000000-1111-4222-8333-444444444444/admin';
    const { code, verifier } = await codeFor(scope, DEMO_PEOPLE.guestInviterMember);
    const res = await token({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: SPA_REDIRECT });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error_codes: number[] }).error_codes).toEqual([500011]);
  });

  it('CORS preflight on the token endpoint is answered (204) so a browser app can call it', async () => {
    const res = await fetch(`${emulator.origin}/${DEMO_TENANT.id}/oauth2/v2.0/token`, { method: 'OPTIONS', headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});
