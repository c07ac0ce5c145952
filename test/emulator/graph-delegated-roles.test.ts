// Delegated Graph writes check the SIGNED-IN USER's directory role as Entra does, besides the delegated permission
// (`scp`): deleting and restoring a user, converting a guest and updating a user need User Administrator (or Global /
// Privileged Authentication Administrator; Helpdesk Administrator may update mail and reset a redemption) — Graph's
// "the calling user must be assigned at least one of the following Microsoft Entra roles" (user-delete.md,
// directory-deleteditems-restore.md; real-behaviour §5 for the conversion; facts §3 "Roles" for reset redemption).
import { ConfidentialClientApplication } from '@azure/msal-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { consoleAccessToken } from '../support/console-token.ts';
import { DEMO_CONSOLE_USERS, DEMO_PORTAL_APP, DEMO_TENANT } from './demo-tenant.ts';
import { startEmulator, type Emulator } from './index.ts';
import { DEMO_USER_IDS } from './seed.ts';

const PORTAL_URL = 'http://127.0.0.1:4322';
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ portalUrl: PORTAL_URL });
});
afterAll(() => emulator?.stop());
beforeEach(() => emulator.reset());

/** A delegated Graph token for a console user, On-Behalf-Of as the portal gets it (real msal-node). */
async function graphTokenOf(user: { username: string; password: string }): Promise<string> {
  const assertion = await consoleAccessToken(emulator, PORTAL_URL, user);
  const portal = new ConfidentialClientApplication({
    auth: { clientId: DEMO_PORTAL_APP.clientId, clientSecret: DEMO_PORTAL_APP.clientSecret, authority: `${emulator.loginBaseUrl}/${DEMO_TENANT.id}`, knownAuthorities: [`127.0.0.1:${emulator.port}`] },
  });
  return (await portal.acquireTokenOnBehalfOf({ oboAssertion: assertion, scopes: ['https://graph.microsoft.com/.default'] }))!.accessToken;
}
const graph = (path: string, token: string, init: RequestInit = {}, version = 'v1.0') =>
  fetch(`${emulator.graphBaseUrl}/${version}/${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
const demo = () => emulator.state.findTenant(DEMO_TENANT.id)!;
const convertBody = JSON.stringify({ userPrincipalName: `jane@${DEMO_TENANT.domain}`, passwordProfile: { password: 'Conv3rted-Passw0rd!', forceChangePasswordNextSignIn: true } });
const resetBody = (address: string) => JSON.stringify({ invitedUserEmailAddress: address, inviteRedirectUrl: 'https://myapps.microsoft.com', resetRedemption: true, invitedUser: { id: DEMO_USER_IDS.samVendor } });

describe('delegated writes need the signed-in admin\'s directory role', () => {
  it('a member without a directory role, with every delegated permission consented, is refused each write (403) and nothing changes', async () => {
    const token = await graphTokenOf(DEMO_CONSOLE_USERS.member);
    expect((await graph(`users/${DEMO_USER_IDS.janeDoe}`, token)).status).toBe(200); // reading is fine
    const refused = [
      await graph(`users/${DEMO_USER_IDS.dormantPartner}`, token, { method: 'DELETE' }),
      await graph(`users/${DEMO_USER_IDS.janeDoe}/convertExternalToInternalMemberUser`, token, { method: 'POST', body: convertBody }, 'beta'),
      await graph(`users/${DEMO_USER_IDS.samVendor}`, token, { method: 'PATCH', body: JSON.stringify({ otherMails: ['sam@elsewhere.example'] }) }),
      await graph('invitations', token, { method: 'POST', body: resetBody('sam.vendor@contoso-vendor.com') }),
    ];
    for (const res of refused) expect(await res.json()).toMatchObject({ error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } });
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect(demo().users.find((u) => u.id === DEMO_USER_IDS.janeDoe)?.userType).toBe('Guest');
    expect(demo().users.some((u) => u.id === DEMO_USER_IDS.dormantPartner)).toBe(true);
  });

  it('the demo admin (User Administrator) deletes, restores and converts', async () => {
    const token = await graphTokenOf(DEMO_CONSOLE_USERS.admin);
    expect((await graph(`users/${DEMO_USER_IDS.dormantPartner}`, token, { method: 'DELETE' })).status).toBe(204);
    expect((await graph(`directory/deletedItems/${DEMO_USER_IDS.dormantPartner}/restore`, token, { method: 'POST', body: '{}' })).status).toBe(200);
    expect((await graph(`users/${DEMO_USER_IDS.janeDoe}/convertExternalToInternalMemberUser`, token, { method: 'POST', body: convertBody }, 'beta')).status).toBe(200);
  });

  it('a Helpdesk Administrator may update a guest\'s mail and reset the redemption, but not delete', async () => {
    demo().users.find((u) => u.id === DEMO_CONSOLE_USERS.member.id)!.directoryRoles = ['Helpdesk Administrator'];
    const token = await graphTokenOf(DEMO_CONSOLE_USERS.member);
    expect((await graph(`users/${DEMO_USER_IDS.samVendor}`, token, { method: 'PATCH', body: JSON.stringify({ otherMails: ['sam@elsewhere.example'] }) })).status).toBe(204);
    expect((await graph('invitations', token, { method: 'POST', body: resetBody('sam@elsewhere.example') })).status).toBe(201);
    expect((await graph(`users/${DEMO_USER_IDS.dormantPartner}`, token, { method: 'DELETE' })).status).toBe(403);
  });
});
