// Contract: invitation redemption links (facts §2 "Redemption link", "Redemption rules").
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE, DEMO_PORTAL_APP, DEMO_TENANT } from './demo-tenant.ts';
import { startEmulator, type Emulator } from './index.ts';
import { DEMO_INVITATIONS, DEMO_USER_IDS } from './seed.ts';
import { buildInviteRedeemUrl } from './state.ts';
import { get, submitForm, type Answer } from './login/test-helpers.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});
beforeEach(() => emulator.reset());

/** A redemption link as Microsoft writes it, fetched from the emulator's origin instead of login.microsoftonline.com. */
function local(redeemUrl: string): string {
  const url = new URL(redeemUrl);
  expect(url.origin).toBe('https://login.microsoftonline.com');
  return `${emulator.origin}${url.pathname}${url.search}`;
}

/** As Microsoft does (real-behaviour: "/redeem signs the guest in before consent"): the link asks for a passcode first. */
async function openConsent(link: string, address: string): Promise<Answer> {
  const signIn = await get(local(link));
  expect(signIn.doc.querySelector('input[name=otc]'), 'the sign-in step before consent').not.toBeNull();
  expect(signIn.doc.querySelector('#idBtn_Accept')).toBeNull();
  return submitForm(emulator.origin, signIn, { otc: emulator.lastOtp(address)! });
}

const guest = (id: string) => emulator.state.findTenant(DEMO_TENANT.id)!.users.find((u) => u.id === id)!;

describe('redemption (facts §2)', () => {
  it('§2: the documented link form /redeem?rd=<encoded invitations.microsoft.com/redeem/?tenant&user&ticket&ver=2.0> shows the consent page', async () => {
    const link = buildInviteRedeemUrl(DEMO_TENANT.id, DEMO_INVITATIONS.conceptsUser.id, DEMO_INVITATIONS.conceptsUser.ticket);
    expect(link).toMatch(/^https:\/\/login\.microsoftonline\.com\/redeem\?rd=https%3a%2f%2finvitations\.microsoft\.com%2fredeem%2f%3ftenant%3d/);
    const page = await openConsent(link, DEMO_PEOPLE.pendingOutlookGuest);
    expect(page.status).toBe(200);
    expect(page.doc.querySelector('#idBtn_Accept')).not.toBeNull();
    expect(page.doc.body.textContent).toContain('Permissions requested by');
    expect(page.doc.body.textContent).toContain(DEMO_TENANT.displayName);
    expect(guest(DEMO_USER_IDS.conceptsUser).externalUserState).toBe('PendingAcceptance'); // looking is not accepting
  });

  it('§2: Accept marks the guest Accepted with an identity for their home provider and redirects to inviteRedirectUrl', async () => {
    const link = buildInviteRedeemUrl(DEMO_TENANT.id, DEMO_INVITATIONS.conceptsUser.id, DEMO_INVITATIONS.conceptsUser.ticket);
    const consent = await openConsent(link, DEMO_PEOPLE.pendingOutlookGuest);
    const answer = await submitForm(emulator.origin, consent, {});
    expect(answer.status).toBe(302);
    expect(answer.location).toBe(`https://myapps.microsoft.com/?tenantid=${DEMO_TENANT.id}`);
    const user = guest(DEMO_USER_IDS.conceptsUser);
    expect(user.externalUserState).toBe('Accepted');
    expect(user.externalUserStateChangeDateTime).toBeTruthy();
    expect(user.identities.map((i) => i.issuer)).toContain('MicrosoftAccount'); // outlook.com guest
  });

  it('§2: invitations do not expire — an accepted guest opening the link again goes straight on', async () => {
    const link = buildInviteRedeemUrl(DEMO_TENANT.id, DEMO_INVITATIONS.oldInvite.id, DEMO_INVITATIONS.oldInvite.ticket);
    await submitForm(emulator.origin, await openConsent(link, DEMO_PEOPLE.longPendingGuest), {});
    const again = await get(local(link));
    expect(again.status).toBe(302);
  });

  it('a wrong ticket, an unknown invitation, a foreign rd host or no rd at all → a 4xx error page, and nobody is redeemed', async () => {
    const wrongTicket = buildInviteRedeemUrl(DEMO_TENANT.id, DEMO_INVITATIONS.conceptsUser.id, 'forged-ticket');
    const unknown = buildInviteRedeemUrl(DEMO_TENANT.id, '00000000-0000-4000-8000-00000000dead', 'x');
    const foreign = `https://login.microsoftonline.com/redeem?rd=${encodeURIComponent(`https://evil.example/redeem/?tenant=${DEMO_TENANT.id}&user=${DEMO_INVITATIONS.conceptsUser.id}&ticket=${DEMO_INVITATIONS.conceptsUser.ticket}&ver=2.0`)}`;
    for (const link of [wrongTicket, unknown, foreign, 'https://login.microsoftonline.com/redeem', 'https://login.microsoftonline.com/redeem?rd=%%%']) {
      const page = await get(local(link));
      expect(page.status, link).toBeGreaterThanOrEqual(400);
      expect(page.status, link).toBeLessThan(500);
      expect(page.doc.querySelector('#service_exception_message')?.textContent).toMatch(/invitation link isn't valid/);
    }
    // Posting the accept form with a forged ticket changes nothing either.
    const res = await fetch(`${emulator.origin}/redeem`, { method: 'POST', body: new URLSearchParams({ rd: new URL(wrongTicket).searchParams.get('rd')! }), redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(guest(DEMO_USER_IDS.conceptsUser).externalUserState).toBe('PendingAcceptance');
  });

  it('§2 + §3: an invitation created through Graph POST /invitations can be redeemed from the emailed link', async () => {
    const tokenRes = await fetch(`${emulator.origin}/${DEMO_TENANT.id}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_PORTAL_APP.clientId, client_secret: DEMO_PORTAL_APP.clientSecret, scope: 'https://graph.microsoft.com/.default' }),
    });
    const { access_token } = (await tokenRes.json()) as { access_token: string };
    const invite = await fetch(`${emulator.graphBaseUrl}/v1.0/invitations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ invitedUserEmailAddress: 'new.person@gmail.com', inviteRedirectUrl: 'https://myapps.microsoft.com/ezaz2281.onmicrosoft.com', sendInvitationMessage: true }),
    });
    expect(invite.status).toBe(201);
    const created = (await invite.json()) as { inviteRedeemUrl: string; invitedUser: { id: string } };
    const email = emulator.outbox().find((m) => m.to === 'new.person@gmail.com');
    expect(email?.inviteRedeemUrl).toBe(created.inviteRedeemUrl);
    // real-behaviour §5: the ticket is encoded three times; a link that lost one layer of it is not the invitation.
    const overDecoded = created.inviteRedeemUrl.replace(/%25252f/g, '%252f').replace(/%25253d/g, '%253d');
    expect(overDecoded).not.toBe(created.inviteRedeemUrl);
    expect((await get(local(overDecoded))).status).toBe(400);
    const answer = await submitForm(emulator.origin, await openConsent(created.inviteRedeemUrl, 'new.person@gmail.com'), {});
    expect(answer.status).toBe(302);
    expect(answer.location).toBe('https://myapps.microsoft.com/ezaz2281.onmicrosoft.com');
    const user = guest(created.invitedUser.id);
    expect(user.externalUserState).toBe('Accepted');
    expect(user.identities.map((i) => i.issuer)).toContain('google.com');
  });

  it('§2: declining (Cancel) leaves the guest pending', async () => {
    const link = buildInviteRedeemUrl(DEMO_TENANT.id, DEMO_INVITATIONS.conceptsUser.id, DEMO_INVITATIONS.conceptsUser.ticket);
    const consent = await openConsent(link, DEMO_PEOPLE.pendingOutlookGuest);
    const cancel = consent.doc.querySelector('#idBtn_Back')!.getAttribute('formaction')!;
    const res = await fetch(`${emulator.origin}${cancel}`, { method: 'POST', body: new URLSearchParams({ rd: new URL(link).searchParams.get('rd')! }) });
    expect(res.status).toBe(200);
    expect(guest(DEMO_USER_IDS.conceptsUser).externalUserState).toBe('PendingAcceptance');
  });

  it('the guest signs in before consent: a wrong passcode stays on the sign-in step, and Accept without having signed in redeems nothing', async () => {
    const link = buildInviteRedeemUrl(DEMO_TENANT.id, DEMO_INVITATIONS.conceptsUser.id, DEMO_INVITATIONS.conceptsUser.ticket);
    const signIn = await get(local(link));
    const wrong = await submitForm(emulator.origin, signIn, { otc: '00000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.doc.querySelector('input[name=otc]')).not.toBeNull();
    expect(wrong.doc.querySelector('#idBtn_Accept')).toBeNull();
    const res = await fetch(`${emulator.origin}/redeem`, { method: 'POST', body: new URLSearchParams({ rd: new URL(link).searchParams.get('rd')! }), redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(guest(DEMO_USER_IDS.conceptsUser).externalUserState).toBe('PendingAcceptance');
  });

  it('behaviour switch signInPage = "facts" (the old reading): the link shows the consent page at once', async () => {
    emulator.state.behaviour.signInPage = 'facts';
    const link = buildInviteRedeemUrl(DEMO_TENANT.id, DEMO_INVITATIONS.conceptsUser.id, DEMO_INVITATIONS.conceptsUser.ticket);
    const answer = await submitForm(emulator.origin, await get(local(link)), {});
    expect(answer.status).toBe(302);
    expect(guest(DEMO_USER_IDS.conceptsUser).externalUserState).toBe('Accepted');
  });
});
