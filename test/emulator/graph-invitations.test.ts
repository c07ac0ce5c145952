// Contract: POST /v1.0/invitations through the REAL msal-node + microsoft-graph-client over HTTPS against
// startEmulator() (facts §3 "POST /invitations", "Invited email restrictions", "Resend", "Reset path").
import { GraphError } from '@microsoft/microsoft-graph-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE, DEMO_TENANT } from './demo-tenant.ts';
import { findInvitation } from './graph/invitations.ts';
import { addGuest, startGraphTestEmulator, uniqueAddress, type GraphTestEmulator } from './graph/test-emulator.ts';

let emulator: GraphTestEmulator;
const redirect = `https://myapps.microsoft.com/?tenantid=${DEMO_TENANT.id}`;

interface Invitation {
  id: string;
  inviteRedeemUrl: string;
  invitedUserEmailAddress: string;
  inviteRedirectUrl: string;
  status: string;
  invitedUser: { id: string };
}

beforeAll(async () => {
  emulator = await startGraphTestEmulator();
});

afterEach(() => {
  emulator.state.behaviour.reinvitePendingGuest = 'resend';
  emulator.state.behaviour.reinviteRedeemedUser = 'no-email';
  emulator.state.behaviour.appInvitationMessage = 'dropped';
  emulator.demoTenant.invitationsEnabled = true;
});

afterAll(async () => {
  await emulator?.close();
});

async function graphFailure(promise: Promise<unknown>): Promise<GraphError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  throw new Error('expected the Graph call to fail');
}

function invite(body: Record<string, unknown>, app = emulator.portalApp): Promise<Invitation> {
  return emulator.client(app).api('/invitations').post(body) as Promise<Invitation>;
}

const emailsTo = (address: string) => emulator.state.outbox.filter((email) => email.to.toLowerCase() === address.toLowerCase());

describe('§3 POST /invitations for an address not in the directory', () => {
  it('CREATES a new pending guest (UPN email_domain#EXT#@initial domain, identity issuer = host domain) — the portal must never call it from self-service', async () => {
    const address = uniqueAddress('gmail.com');
    const before = emulator.demoTenant.users.length;
    const invitation = await invite({ invitedUserEmailAddress: address, inviteRedirectUrl: redirect, invitedUserDisplayName: 'New Person' });

    expect(invitation.status).toBe('PendingAcceptance');
    expect(invitation.invitedUserEmailAddress).toBe(address);
    expect(invitation.inviteRedirectUrl).toBe(redirect);
    expect(emulator.demoTenant.users.length).toBe(before + 1);
    const guest = emulator.demoTenant.users.find((u) => u.id === invitation.invitedUser.id)!;
    expect(guest).toMatchObject({
      userType: 'Guest',
      externalUserState: 'PendingAcceptance',
      creationType: 'Invitation',
      displayName: 'New Person',
      mail: address,
      userPrincipalName: `${address.replace('@', '_')}#EXT#@${DEMO_TENANT.domain}`,
    });
    expect(guest.identities[0]!.issuer).toBe(DEMO_TENANT.domain);

    // …and (real-behaviour §5 "Replication lag") the lookups find the new guest only a few seconds later.
    const lookUp = async () =>
      ((await emulator.client(emulator.portalApp).api('/users').filter(`mail eq '${address}'`).select(['id', 'externalUserState']).get()) as {
        value: { id: string; externalUserState: string }[];
      }).value;
    expect(await lookUp()).toEqual([]);
    const read = await graphFailure(emulator.client(emulator.portalApp).api(`/users/${guest.id}`).get());
    expect([read.statusCode, read.code]).toEqual([404, 'Directory_ObjectNotFound']);
    emulator.advanceClock(3_000);
    expect(await lookUp()).toEqual([{ id: guest.id, externalUserState: 'PendingAcceptance' }]);
    expect(await emulator.client(emulator.portalApp).api(`/users/${guest.id}`).get()).toMatchObject({ id: guest.id });
  });

  it('real-behaviour §5: inviteRedeemUrl uses lowercase hex, and its ticket holds "/" and "=" encoded three times', async () => {
    const invitation = await invite({ invitedUserEmailAddress: uniqueAddress(), inviteRedirectUrl: redirect });
    expect(invitation.inviteRedeemUrl).toMatch(/^https:\/\/login\.microsoftonline\.com\/redeem\?rd=https%3a%2f%2finvitations\.microsoft\.com%2fredeem%2f%3ftenant%3d/);
    expect(invitation.inviteRedeemUrl).not.toMatch(/%[0-9a-f]?[A-F]/);
    const ticket = /%26ticket%3d([^%]*(?:%[0-9a-f]{2}[^%]*)*?)%26ver%3d2\.0$/.exec(invitation.inviteRedeemUrl)![1]!;
    expect(ticket).toContain('%25252f');
    expect(ticket).toMatch(/%25253d$/);
    // Three decodings give the ticket the emulator issued.
    expect(decodeURIComponent(decodeURIComponent(decodeURIComponent(ticket)))).toBe(findInvitation(emulator.state, invitation.id)!.ticket);
  });

  it('answers 201 with the documented redeem URL form, whose user= is the invitation id, and findInvitation() resolves it', async () => {
    const invitation = await invite({ invitedUserEmailAddress: uniqueAddress(), inviteRedirectUrl: redirect });
    const redeem = new URL(invitation.inviteRedeemUrl);
    expect(`${redeem.origin}${redeem.pathname}`).toBe('https://login.microsoftonline.com/redeem');
    const inner = new URL(redeem.searchParams.get('rd')!);
    expect(`${inner.origin}${inner.pathname}`).toBe('https://invitations.microsoft.com/redeem/');
    expect(inner.searchParams.get('tenant')).toBe(DEMO_TENANT.id);
    expect(inner.searchParams.get('user')).toBe(invitation.id);
    expect(inner.searchParams.get('ver')).toBe('2.0');
    const record = findInvitation(emulator.state, invitation.id);
    // The rd URL's ticket parameter is still encoded once more (real-behaviour §5).
    expect(record).toMatchObject({ invitedUserId: invitation.invitedUser.id, ticket: decodeURIComponent(inner.searchParams.get('ticket')!) });
  });

  it('sendInvitationMessage defaults to false: no email; true puts one email in the outbox, without the custom message an application sent (facts §5.5)', async () => {
    const quiet = uniqueAddress();
    await invite({ invitedUserEmailAddress: quiet, inviteRedirectUrl: redirect });
    expect(emailsTo(quiet)).toEqual([]);

    const loud = uniqueAddress();
    const invitation = await invite({
      invitedUserEmailAddress: loud,
      inviteRedirectUrl: redirect,
      sendInvitationMessage: true,
      invitedUserMessageInfo: { customizedMessageBody: 'Welcome to Ezaz Labs' },
    });
    expect(emailsTo(loud)).toHaveLength(1);
    expect(emailsTo(loud)[0]).toMatchObject({
      invitationId: invitation.id,
      invitedUserId: invitation.invitedUser.id,
      inviteRedeemUrl: invitation.inviteRedeemUrl,
      customizedMessageBody: null,
      tenantId: DEMO_TENANT.id,
    });
  });

  it('behaviour switch appInvitationMessage = "kept" (the old reading): the email carries the custom message', async () => {
    emulator.state.behaviour.appInvitationMessage = 'kept';
    const address = uniqueAddress();
    await invite({ invitedUserEmailAddress: address, inviteRedirectUrl: redirect, sendInvitationMessage: true, invitedUserMessageInfo: { customizedMessageBody: 'Welcome to Ezaz Labs' } });
    expect(emailsTo(address)[0]).toMatchObject({ customizedMessageBody: 'Welcome to Ezaz Labs' });
  });
});

describe('§3 POST /invitations for someone already in the directory ("Resend")', () => {
  it('a pending guest keeps the same invitedUser.id and (default "resend") gets the email again', async () => {
    const address = DEMO_PEOPLE.pendingOutlookGuest;
    const seeded = emulator.demoTenant.users.find((u) => u.mail === address)!;
    const usersBefore = emulator.demoTenant.users.length;
    const first = await invite({ invitedUserEmailAddress: address.toUpperCase(), inviteRedirectUrl: redirect, sendInvitationMessage: true });
    const second = await invite({ invitedUserEmailAddress: address, inviteRedirectUrl: redirect, sendInvitationMessage: true });
    expect(first.invitedUser.id).toBe(seeded.id);
    expect(second.invitedUser.id).toBe(seeded.id);
    expect(second.status).toBe('PendingAcceptance');
    expect(second.id).not.toBe(first.id);
    expect(emulator.demoTenant.users.length).toBe(usersBefore);
    expect(emailsTo(address).map((e) => e.invitationId)).toEqual([first.id, second.id]);
  });

  it('a guest pending through an alias (otherMails / proxyAddresses) is matched too, not duplicated', async () => {
    const alias = uniqueAddress('alias.example');
    const guest = addGuest(emulator.demoTenant, uniqueAddress(), { proxyAddresses: [`smtp:${alias}`] });
    const invitation = await invite({ invitedUserEmailAddress: alias, inviteRedirectUrl: redirect });
    expect(invitation.invitedUser.id).toBe(guest.id);
  });

  it('behaviour switch reinvitePendingGuest = "silent": same user, no email', async () => {
    emulator.state.behaviour.reinvitePendingGuest = 'silent';
    const address = DEMO_PEOPLE.longPendingGuest;
    const before = emailsTo(address).length;
    const invitation = await invite({ invitedUserEmailAddress: address, inviteRedirectUrl: redirect, sendInvitationMessage: true });
    expect(invitation.status).toBe('PendingAcceptance');
    expect(emailsTo(address).length).toBe(before);
  });

  it('an accepted guest → status Completed and (default "no-email") no email; with "email" the email is sent', async () => {
    const address = DEMO_PEOPLE.acceptedGmailGuest;
    const before = emailsTo(address).length;
    const invitation = await invite({ invitedUserEmailAddress: address, inviteRedirectUrl: redirect, sendInvitationMessage: true });
    expect(invitation.status).toBe('Completed');
    expect(emailsTo(address).length).toBe(before);

    emulator.state.behaviour.reinviteRedeemedUser = 'email';
    await invite({ invitedUserEmailAddress: address, inviteRedirectUrl: redirect, sendInvitationMessage: true });
    expect(emailsTo(address).length).toBe(before + 1);
  });
});

describe('§3 POST /invitations refusals', () => {
  it('400 without invitedUserEmailAddress or inviteRedirectUrl', async () => {
    for (const body of [{ inviteRedirectUrl: redirect }, { invitedUserEmailAddress: uniqueAddress() }, {}]) {
      const error = await graphFailure(invite(body));
      expect(error.statusCode).toBe(400);
    }
  });

  it('§3 "doesn’t currently support plus symbols": an address with + (or #, !) → 400 and nobody is created', async () => {
    const before = emulator.demoTenant.users.length;
    for (const address of ['jane+work@gmail.com', 'jane#1@gmail.com', 'jane!@gmail.com', 'not-an-address']) {
      const error = await graphFailure(invite({ invitedUserEmailAddress: address, inviteRedirectUrl: redirect }));
      expect(error.statusCode).toBe(400);
    }
    expect(emulator.demoTenant.users.length).toBe(before);
  });

  it('403 Authorization_RequestDenied for an app without User.Invite.All (or a higher write permission)', async () => {
    const readOnly = emulator.addApp(['User.Read.All']);
    const error = await graphFailure(invite({ invitedUserEmailAddress: uniqueAddress(), inviteRedirectUrl: redirect }, readOnly));
    expect(error.statusCode).toBe(403);
    expect(error.code).toBe('Authorization_RequestDenied');
    const writer = emulator.addApp(['User.ReadWrite.All']);
    expect((await invite({ invitedUserEmailAddress: uniqueAddress(), inviteRedirectUrl: redirect }, writer)).status).toBe('PendingAcceptance');
  });

  it('§3 "app-only don’t work if B2B invitations are disabled": 403 and nobody is created', async () => {
    emulator.demoTenant.invitationsEnabled = false;
    const before = emulator.demoTenant.users.length;
    const error = await graphFailure(invite({ invitedUserEmailAddress: uniqueAddress(), inviteRedirectUrl: redirect }));
    expect(error.statusCode).toBe(403);
    expect(emulator.demoTenant.users.length).toBe(before);
  });
});

describe('§3 reset redemption (resetRedemption: true + invitedUser.id)', () => {
  it('needs User.ReadWrite.All: the portal app (User.Invite.All) gets 403', async () => {
    const guest = emulator.demoTenant.users.find((u) => u.mail === DEMO_PEOPLE.acceptedGmailGuest)!;
    const error = await graphFailure(
      invite({ invitedUserEmailAddress: guest.mail, inviteRedirectUrl: redirect, resetRedemption: true, invitedUser: { id: guest.id } }),
    );
    expect(error.statusCode).toBe(403);
    expect(guest.externalUserState).toBe('Accepted');
  });

  it('an address not in mail/otherMails → 400 with the documented message; a matching one resets the guest to PendingAcceptance', async () => {
    const admin = emulator.addApp(['User.ReadWrite.All']);
    const address = uniqueAddress('gmail.com');
    const guest = addGuest(emulator.demoTenant, address, { externalUserState: 'Accepted', otherMails: [`old.${address}`] });
    const mismatch = await graphFailure(
      invite({ invitedUserEmailAddress: uniqueAddress(), inviteRedirectUrl: redirect, resetRedemption: true, invitedUser: { id: guest.id } }, admin),
    );
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.message).toBe('The email you’re using to invite this user doesn’t match any emails on the user object.');

    const reset = await invite(
      { invitedUserEmailAddress: `old.${address}`, inviteRedirectUrl: redirect, resetRedemption: true, invitedUser: { id: guest.id }, sendInvitationMessage: true },
      admin,
    );
    expect(reset.invitedUser.id).toBe(guest.id);
    expect(reset.status).toBe('PendingAcceptance');
    expect(guest.externalUserState).toBe('PendingAcceptance');
    expect(emailsTo(`old.${address}`)).toHaveLength(1);
  });

  it('a user holding a directory role cannot be reset app-only → 403', async () => {
    const admin = emulator.addApp(['User.ReadWrite.All']);
    const member = emulator.demoTenant.users.find((u) => u.userPrincipalName === DEMO_PEOPLE.guestInviterMember)!;
    const error = await graphFailure(
      invite({ invitedUserEmailAddress: member.mail, inviteRedirectUrl: redirect, resetRedemption: true, invitedUser: { id: member.id } }, admin),
    );
    expect(error.statusCode).toBe(403);
  });
});
