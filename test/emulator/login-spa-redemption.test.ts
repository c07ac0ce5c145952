// Contract: a redirect URI registered on the SPA platform (the admin console's `<portal>/admin/`) is redeemed by the
// browser — cross-origin (Origin header), with PKCE, without the app's client secret — and only that way; a Web
// redirect URI is never redeemed cross-origin (AADSTS9002326), an SPA one never without Origin (AADSTS9002327).
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE, DEMO_PORTAL_APP, DEMO_TENANT, DEMO_WEB_APP } from './demo-tenant.ts';
import { startEmulator, type Emulator } from './index.ts';
import { get, submitForm } from './login/test-helpers.ts';

const PORTAL = 'https://guests.example.test';
const SPA_REDIRECT = `${PORTAL}/admin/`;
const MEMBER = DEMO_PEOPLE.guestInviterMember;

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});
beforeEach(() => {
  emulator.reset();
  const app = emulator.state.findTenant(DEMO_TENANT.id)!.apps.find((a) => a.clientId === DEMO_PORTAL_APP.clientId)!;
  app.spaRedirectUris = [SPA_REDIRECT];
});

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Signs the member in at the tenant endpoint and returns the code the browser would get at the redirect URI. */
async function codeFor(clientId: string, redirectUri: string, challenge?: string): Promise<string> {
  const params = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    response_mode: 'fragment',
    scope: `api://${DEMO_PORTAL_APP.clientId}/Guestpass.Manage openid profile offline_access`,
    state: 's1',
    ...(challenge ? { code_challenge: challenge, code_challenge_method: 'S256' } : {}),
  });
  const page = await get(`${emulator.origin}/${DEMO_TENANT.id}/oauth2/v2.0/authorize?${params}`);
  expect(page.status, page.doc.title).toBe(200);
  const passcodePage = await submitForm(emulator.origin, page, { loginfmt: MEMBER });
  const final = await submitForm(emulator.origin, passcodePage, { otc: emulator.lastOtp(MEMBER)! });
  expect(final.status).toBe(302);
  const back = new URL(final.location!);
  expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
  return new URLSearchParams(back.hash.slice(1)).get('code')!;
}

function redeem(fields: Record<string, string>, origin?: string) {
  return fetch(`${emulator.origin}/${DEMO_TENANT.id}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: origin ? { origin } : {},
    body: new URLSearchParams(fields),
  });
}

async function aadsts(res: Response): Promise<number | undefined> {
  return ((await res.json()) as { error_codes?: number[] }).error_codes?.[0];
}

describe('SPA redirect URIs and the Origin rule', () => {
  it('the browser redeems an SPA code cross-origin with PKCE and no secret, then refreshes the same way', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(DEMO_PORTAL_APP.clientId, SPA_REDIRECT, challenge);
    const scope = `api://${DEMO_PORTAL_APP.clientId}/Guestpass.Manage openid profile offline_access`;
    const res = await redeem({ grant_type: 'authorization_code', client_id: DEMO_PORTAL_APP.clientId, code, redirect_uri: SPA_REDIRECT, code_verifier: verifier, scope }, PORTAL);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeTruthy();
    const tokens = (await res.json()) as { access_token: string; refresh_token: string };
    expect(tokens.access_token).toBeTruthy();
    const refreshed = await redeem({ grant_type: 'refresh_token', client_id: DEMO_PORTAL_APP.clientId, refresh_token: tokens.refresh_token, scope }, PORTAL);
    expect(refreshed.status).toBe(200);
  });

  it('an SPA code redeemed without an Origin header (by a server) → 400 AADSTS9002327', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(DEMO_PORTAL_APP.clientId, SPA_REDIRECT, challenge);
    const res = await redeem({ grant_type: 'authorization_code', client_id: DEMO_PORTAL_APP.clientId, code, redirect_uri: SPA_REDIRECT, code_verifier: verifier });
    expect(res.status).toBe(400);
    expect(await aadsts(res)).toBe(9002327);
  });

  it('an SPA code without PKCE → 400 AADSTS9002325', async () => {
    const code = await codeFor(DEMO_PORTAL_APP.clientId, SPA_REDIRECT);
    const res = await redeem({ grant_type: 'authorization_code', client_id: DEMO_PORTAL_APP.clientId, code, redirect_uri: SPA_REDIRECT }, PORTAL);
    expect(res.status).toBe(400);
    expect(await aadsts(res)).toBe(9002325);
  });

  it('a Web redirect URI redeemed cross-origin → 400 AADSTS9002326 naming the origin', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(DEMO_WEB_APP.clientId, DEMO_WEB_APP.redirectUri, challenge);
    const res = await redeem({ grant_type: 'authorization_code', client_id: DEMO_WEB_APP.clientId, code, redirect_uri: DEMO_WEB_APP.redirectUri, code_verifier: verifier }, PORTAL);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error_codes: number[]; error_description: string };
    expect(body.error_codes).toEqual([9002326]);
    expect(body.error_description).toContain(`Request origin: '${PORTAL}'`);
  });

  it('a redirect URI on neither platform is refused at sign-in (AADSTS50011)', async () => {
    const params = new URLSearchParams({ client_id: DEMO_PORTAL_APP.clientId, redirect_uri: `${PORTAL}/admin`, response_type: 'code', scope: 'openid' });
    const page = await get(`${emulator.origin}/${DEMO_TENANT.id}/oauth2/v2.0/authorize?${params}`);
    expect(page.status).toBe(400);
    expect(page.html).toContain('AADSTS50011');
  });
});
