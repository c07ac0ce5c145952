// Contract: POST /common/GetCredentialType, the realm lookup behind "Next" (facts §1d): IfExistsResult 0 exists,
// 1 not, 5 personal Microsoft account, 6 both; ThrottleStatus. `originalRequest` says which authority asked.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE, DEMO_TENANT, DEMO_WEB_APP } from './demo-tenant.ts';
import { startEmulator, type Emulator } from './index.ts';
import { get, readConfig } from './login/test-helpers.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});
beforeEach(() => emulator.reset());

/** Open the sign-in page at an authority and take its `sCtx`, as the real page's script does. */
async function originalRequestFor(authority: string): Promise<string> {
  const params = new URLSearchParams({ client_id: DEMO_WEB_APP.clientId, redirect_uri: DEMO_WEB_APP.redirectUri, response_type: 'code', scope: 'openid' });
  const page = await get(`${emulator.origin}/${authority}/oauth2/v2.0/authorize?${params}`);
  return String(readConfig(page.html).sCtx);
}

async function credentialType(username: string, originalRequest?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${emulator.origin}/common/GetCredentialType?mkt=en-US`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=UTF-8' },
    body: JSON.stringify({ username, isOtherIdpSupported: true, checkPhones: false, isRemoteNGCSupported: true, isFidoSupported: true, isAccessPassSupported: true, originalRequest, flowToken: '' }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('GetCredentialType (facts §1d)', () => {
  it('§1d: at /common an invited Gmail guest does not exist as an account (IfExistsResult 1) — the root of the dead end', async () => {
    const ctx = await originalRequestFor('common');
    const { status, body } = await credentialType(DEMO_PEOPLE.acceptedGmailGuest, ctx);
    expect(status).toBe(200);
    expect(body.IfExistsResult).toBe(1);
    expect(body.ThrottleStatus).toBe(1); // real-behaviour §3: common on ordinary answers, with the verdict
    expect(body.Username).toBe(DEMO_PEOPLE.acceptedGmailGuest);
  });

  it('§1d: an uninvited Gmail address is 1 too, with or without a page context', async () => {
    expect((await credentialType('nobody.at.all@gmail.com')).body.IfExistsResult).toBe(1);
    expect((await credentialType('nobody.at.all@gmail.com', await originalRequestFor('common'))).body.IfExistsResult).toBe(1);
  });

  it('§1d: a work account (member of an emulated tenant) exists at /common (0)', async () => {
    expect((await credentialType(DEMO_PEOPLE.guestInviterMember, await originalRequestFor('common'))).body.IfExistsResult).toBe(0);
  });

  it('§1d: an Outlook.com personal account answers 5 (exists at another identity provider)', async () => {
    expect((await credentialType(DEMO_PEOPLE.pendingOutlookGuest, await originalRequestFor('organizations'))).body.IfExistsResult).toBe(5);
  });

  it('§1d: an address with both a work account and a personal account answers 6', async () => {
    emulator.state.msaAccounts.add(DEMO_PEOPLE.guestInviterMember);
    expect((await credentialType(DEMO_PEOPLE.guestInviterMember, await originalRequestFor('common'))).body.IfExistsResult).toBe(6);
  });

  it('§2: for a page opened at the host tenant, the same Gmail guest exists (0); someone who is a guest elsewhere does not (1)', async () => {
    const ctx = await originalRequestFor(DEMO_TENANT.id);
    expect((await credentialType(DEMO_PEOPLE.acceptedGmailGuest.toUpperCase(), ctx)).body.IfExistsResult).toBe(0);
    expect((await credentialType(DEMO_PEOPLE.partnerOnlyGuest, ctx)).body.IfExistsResult).toBe(1);
  });

  it('a pending guest counts as existing at the tenant endpoint (they can still redeem by signing in)', async () => {
    expect((await credentialType(DEMO_PEOPLE.longPendingGuest, await originalRequestFor(DEMO_TENANT.domain))).body.IfExistsResult).toBe(0);
  });

  it('a request without a username is refused with 400, not a crash', async () => {
    const res = await fetch(`${emulator.origin}/common/GetCredentialType`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username": 42}' });
    expect(res.status).toBe(400);
    const broken = await fetch(`${emulator.origin}/common/GetCredentialType`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(broken.status).toBe(400);
  });
});
