// Lifecycle actions against the emulator over HTTPS (real msal-node + graph-client): the quarterly review removes
// stale guests (dry run, confirmation count, re-read before deleting) and restores them; an accepted guest in two
// groups is converted to a member keeping both groups; a pending guest is refused; a guest is re-invited to a new
// address. Every action reaches the audit callback.
import type { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { convertGuestToMember, generatePassword, passwordProblem } from '../../portal/lifecycle/convert.ts';
import type { LifecycleEvent } from '../../portal/lifecycle/graph-call.ts';
import { reinviteToNewAddress } from '../../portal/lifecycle/reinvite.ts';
import { listDeletedUsers, readStaleList, removeStaleGuests, restoreDeletedUser } from '../../portal/lifecycle/review.ts';
import { DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { createAppTokenProvider, createGraphClient } from '../emulator/graph/test-clients.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { DEMO_USER_IDS } from '../emulator/seed.ts';
import { HEALTH_IDS } from '../emulator/seed-health.ts';

let emulator: Emulator;
let clock = 0;
beforeAll(async () => {
  emulator = await startEmulator({ now: () => new Date(Date.now() + clock) });
});
afterAll(() => emulator.stop());
beforeEach(() => {
  clock = 0;
  emulator.reset();
});

/** An admin-side client with the lifecycle permissions (in the console these calls run on behalf of the admin). */
function adminClient(permissions = ['User.ReadWrite.All', 'AuditLog.Read.All', 'User-ConvertToInternal.ReadWrite.All', 'User.Invite.All', 'Organization.Read.All']): Client {
  const app = { tenantId: DEMO_TENANT.id, clientId: crypto.randomUUID(), clientSecret: `s-${crypto.randomUUID()}` };
  emulator.state.findTenant(DEMO_TENANT.id)!.apps.push({ displayName: 'lifecycle test', clientId: app.clientId, clientSecret: app.clientSecret, graphApplicationPermissions: permissions, redirectUris: [] });
  return createGraphClient(emulator.graphBaseUrl, createAppTokenProvider(emulator.loginBaseUrl, app), { retry: false });
}

const demo = () => emulator.state.findTenant(DEMO_TENANT.id)!;
const groupsOf = async (client: Client, id: string) => ((await client.api(`/users/${id}/memberOf`).get()) as { value: { displayName: string }[] }).value.map((g) => g.displayName).sort();

describe('quarterly review', () => {
  it('the stale list holds the stale and the never-signed-in guests; a dry run removes nothing; removal then restore', async () => {
    const client = adminClient();
    const audit: LifecycleEvent[] = [];
    const list = await readStaleList(client, () => emulator.state.now().getTime());
    if (!list.ok) throw new Error(list.reason);
    expect(list.list.guests.map((g) => [g.id, g.reason])).toEqual([
      [DEMO_USER_IDS.dormantPartner, 'stale'],
      [HEALTH_IDS.neverSignedInGuest, 'never-signed-in'],
    ]);
    const ids = list.list.guests.map((g) => g.id);

    const wrongCount = await removeStaleGuests(client, { ids, listMadeAt: list.list.madeAt, confirmedCount: 1, dryRun: false, now: emulator.state.now().getTime() }, (e) => void audit.push(e));
    expect(wrongCount).toEqual({ ok: false, reason: expect.stringContaining('confirmation was for 1 guest(s) but 2 are selected') });

    const dry = await removeStaleGuests(client, { ids, listMadeAt: list.list.madeAt, confirmedCount: 2, dryRun: true, now: emulator.state.now().getTime() }, (e) => void audit.push(e));
    expect(dry.ok && dry.results.map((r) => r.outcome)).toEqual(['would-remove', 'would-remove']);
    expect(demo().users.some((u) => u.id === DEMO_USER_IDS.dormantPartner)).toBe(true);

    const done = await removeStaleGuests(client, { ids, listMadeAt: list.list.madeAt, confirmedCount: 2, dryRun: false, now: emulator.state.now().getTime() }, (e) => void audit.push(e));
    expect(done.ok && done.results.map((r) => r.outcome)).toEqual(['removed', 'removed']);
    expect(demo().users.some((u) => u.id === DEMO_USER_IDS.dormantPartner)).toBe(false);
    const deleted = await listDeletedUsers(client);
    expect(deleted.ok && deleted.value.map((d) => d.id).sort()).toEqual([...ids].sort());

    const restored = await restoreDeletedUser(client, DEMO_USER_IDS.dormantPartner, (e) => void audit.push(e));
    expect(restored.ok).toBe(true);
    expect(demo().users.find((u) => u.id === DEMO_USER_IDS.dormantPartner)?.userType).toBe('Guest');
    expect(audit.map((e) => `${e.action}:${e.outcome}`)).toEqual(['remove-guest:dry-run', 'remove-guest:dry-run', 'remove-guest:done', 'remove-guest:done', 'restore-user:done']);
  });

  it('a guest who signed in after the list was made, or who became a member, is refused and kept', async () => {
    const client = adminClient();
    const list = await readStaleList(client, () => emulator.state.now().getTime());
    if (!list.ok) throw new Error(list.reason);
    clock += 60_000;
    demo().users.find((u) => u.id === DEMO_USER_IDS.dormantPartner)!.signInActivity = { lastSignInDateTime: emulator.state.now().toISOString() };
    demo().users.find((u) => u.id === HEALTH_IDS.neverSignedInGuest)!.userType = 'Member';
    const audit: LifecycleEvent[] = [];
    const result = await removeStaleGuests(client, { ids: list.list.guests.map((g) => g.id), listMadeAt: list.list.madeAt, confirmedCount: 2, dryRun: false, now: emulator.state.now().getTime() }, (e) => void audit.push(e));
    expect(result.ok && result.results).toEqual([
      { id: DEMO_USER_IDS.dormantPartner, outcome: 'refused', reason: 'signed in since the list was made: kept' },
      { id: HEALTH_IDS.neverSignedInGuest, outcome: 'refused', reason: expect.stringContaining('not a guest') },
    ]);
    expect(demo().users.filter((u) => u.id === DEMO_USER_IDS.dormantPartner || u.id === HEALTH_IDS.neverSignedInGuest)).toHaveLength(2);
    expect(audit.every((e) => e.outcome === 'refused')).toBe(true);
  });

  it('a deleted user can no longer be restored after 30 days', async () => {
    await adminClient().api(`/users/${DEMO_USER_IDS.dormantPartner}`).delete();
    clock += 29 * 24 * 3600_000;
    expect(await listDeletedUsers(adminClient())).toEqual({ ok: true, value: [expect.objectContaining({ id: DEMO_USER_IDS.dormantPartner })] });
    clock += 2 * 24 * 3600_000;
    // A new client: its token is issued on the emulator's (advanced) clock.
    const restored = await restoreDeletedUser(adminClient(), DEMO_USER_IDS.dormantPartner, () => {});
    expect(restored).toMatchObject({ ok: false, refusal: { kind: 'not-found' } });
  });

  it('without User.ReadWrite.All the removal is refused with the permission and role to get', async () => {
    const result = await removeStaleGuests(adminClient(['User.Read.All', 'AuditLog.Read.All']), { ids: [DEMO_USER_IDS.dormantPartner], listMadeAt: emulator.state.now().getTime(), confirmedCount: 1, dryRun: false, now: emulator.state.now().getTime() }, () => {});
    expect(result.ok && result.results[0]).toMatchObject({ outcome: 'refused', refusal: 'forbidden', reason: expect.stringContaining('User.ReadWrite.All') });
  });
});

describe('convert to internal member', () => {
  it('an accepted guest in two groups becomes a member with the new UPN and keeps both groups; the generated password is returned once', async () => {
    const client = adminClient();
    expect(await groupsOf(client, DEMO_USER_IDS.janeDoe)).toEqual(['Partner Extranet', 'Project Falcon']);
    const audit: LifecycleEvent[] = [];
    const result = await convertGuestToMember(client, { userId: DEMO_USER_IDS.janeDoe, localPart: 'jane.doe', domain: DEMO_TENANT.domain, mail: `jane.doe@${DEMO_TENANT.domain}` }, (e) => void audit.push(e));
    if (!result.ok) throw new Error(result.reason);
    expect(result.userPrincipalName).toBe(`jane.doe@${DEMO_TENANT.domain}`);
    expect(passwordProblem(result.generatedPassword!)).toBeNull();
    const user = (await client.api(`/users/${DEMO_USER_IDS.janeDoe}`).select(['userType', 'userPrincipalName', 'mail']).get()) as Record<string, string>;
    expect(user).toMatchObject({ userType: 'Member', userPrincipalName: `jane.doe@${DEMO_TENANT.domain}`, mail: `jane.doe@${DEMO_TENANT.domain}` });
    expect(await groupsOf(client, DEMO_USER_IDS.janeDoe)).toEqual(['Partner Extranet', 'Project Falcon']);
    expect(audit).toEqual([{ action: 'convert-guest', targetId: DEMO_USER_IDS.janeDoe, outcome: 'done', addresses: { userPrincipalName: `jane.doe@${DEMO_TENANT.domain}`, mail: `jane.doe@${DEMO_TENANT.domain}` }, detail: { passwordGenerated: true } }]);
    expect(JSON.stringify(audit)).not.toContain(result.generatedPassword!);
  });

  it('a pending guest is refused with the reason, before anything is sent', async () => {
    const result = await convertGuestToMember(adminClient(), { userId: DEMO_USER_IDS.conceptsUser, localPart: 'concepts', domain: DEMO_TENANT.domain }, () => {});
    expect(result).toMatchObject({ ok: false, kind: 'pending-guest', reason: expect.stringContaining('has not accepted') });
    expect(demo().users.find((u) => u.id === DEMO_USER_IDS.conceptsUser)!.userType).toBe('Guest');
  });

  it('refuses an unverified domain, a weak typed password, and explains a missing permission', async () => {
    const client = adminClient();
    expect(await convertGuestToMember(client, { userId: DEMO_USER_IDS.janeDoe, localPart: 'jane', domain: 'contoso.com' }, () => {})).toMatchObject({ ok: false, kind: 'invalid', reason: expect.stringContaining('not one of the tenant') });
    expect(await convertGuestToMember(client, { userId: DEMO_USER_IDS.janeDoe, localPart: 'jane', domain: DEMO_TENANT.domain, password: 'password' }, () => {})).toMatchObject({ ok: false, kind: 'invalid' });
    const readOnly = adminClient(['User.Read.All', 'Organization.Read.All']);
    expect(await convertGuestToMember(readOnly, { userId: DEMO_USER_IDS.janeDoe, localPart: 'jane', domain: DEMO_TENANT.domain }, () => {})).toMatchObject({ ok: false, kind: 'forbidden', reason: expect.stringContaining('User-ConvertToInternal.ReadWrite.All') });
  });

  it('generated passwords always meet Entra’s rule', () => {
    for (let i = 0; i < 200; i++) expect(passwordProblem(generatePassword())).toBeNull();
  });
});

describe('re-invite to a new address', () => {
  it('the new address goes on the user first, then the invitation is reset to it', async () => {
    const audit: LifecycleEvent[] = [];
    const result = await reinviteToNewAddress(adminClient(), { userId: DEMO_USER_IDS.samVendor, newAddress: 'sam.new@contoso-vendor.com', inviteRedirectUrl: 'https://myapps.microsoft.com' }, (e) => void audit.push(e));
    expect(result).toMatchObject({ ok: true });
    const sam = demo().users.find((u) => u.id === DEMO_USER_IDS.samVendor)!;
    expect(sam).toMatchObject({ mail: 'sam.new@contoso-vendor.com', externalUserState: 'PendingAcceptance' });
    expect(sam.otherMails).toContain('sam.vendor@contoso-vendor.com');
    expect(emulator.outbox().at(-1)).toMatchObject({ to: 'sam.new@contoso-vendor.com', invitedUserId: DEMO_USER_IDS.samVendor });
    expect(audit[0]).toMatchObject({ action: 'reinvite-guest', outcome: 'done' });
  });

  it('refuses an address Entra cannot invite, and a member', async () => {
    const client = adminClient();
    expect(await reinviteToNewAddress(client, { userId: DEMO_USER_IDS.samVendor, newAddress: 'sam+new@example.com', inviteRedirectUrl: 'https://myapps.microsoft.com' }, () => {})).toMatchObject({ ok: false, kind: 'invalid' });
    expect(await reinviteToNewAddress(client, { userId: DEMO_USER_IDS.kibria, newAddress: 'k@example.com', inviteRedirectUrl: 'https://myapps.microsoft.com' }, () => {})).toMatchObject({ ok: false, kind: 'not-a-guest' });
  });
});
