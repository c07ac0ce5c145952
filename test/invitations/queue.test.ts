// The durable invitation queue (portal/invitations/) against the emulator over real HTTP: the real resend feature
// (store, worker, msal-node, graph-client), the admin API for the admin's token, and the emulator's outbox as the
// guest's mailbox. Invitations share the resend job table and worker, so the window, the held state and the audit
// apply to them as they do to resends.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createResendFeature, featureDeps, type ResendFeature } from '../../portal/resend/index.ts';
import { startServer, type RunningServer } from '../../portal/server.ts';
import type { PortalConfig } from '../../portal/config/index.ts';
import type { InvitationActor, InvitationJobStatus } from '../../portal/invitations/types.ts';
import { DEMO_CONSOLE_USERS, DEMO_PEOPLE, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { consoleAccessToken } from '../support/console-token.ts';
import { drain, emailsTo, invitationPosts, portalConfig, silentLogger, tempDatabasePath } from '../resend/support.ts';

const ADMIN: InvitationActor = { oid: DEMO_CONSOLE_USERS.admin.id, upn: DEMO_CONSOLE_USERS.admin.username };
const TENANT = DEMO_TENANT.domain;

let emulator: Emulator;
let running: { portal: RunningServer; feature: ResendFeature } | undefined;

beforeEach(async () => {
  emulator = await startEmulator();
});
afterEach(async () => {
  await stopPortal();
  await emulator.stop();
});

async function startPortal(config: PortalConfig = portalConfig(emulator)) {
  const feature = await createResendFeature({ config, logger: silentLogger, tuning: { holdRetryMs: 150, pollMs: 50, budget: { calls: 1000, perMs: 1_000 } } });
  const portal = await startServer({ config, logger: silentLogger, ...featureDeps(feature) });
  emulator.setPortalUrl(portal.url);
  feature.worker.start();
  running = { portal, feature };
  return running;
}
async function stopPortal() {
  await running?.portal.close();
  await running?.feature.close();
  running = undefined;
}

/** The admin signs in as the console does and makes one admin API request (which hands the portal their token). */
async function adminCallsApi(portal: RunningServer) {
  const token = await consoleAccessToken(emulator, portal.url, DEMO_CONSOLE_USERS.admin);
  const res = await fetch(`${portal.url}/admin/api/t/${TENANT}/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return token;
}

async function until<T>(what: () => Promise<T>, done: (value: T) => boolean, label: string): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await what();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${label}`);
}

const settled = (s: InvitationJobStatus | null) => Boolean(s && ['sent', 'skipped', 'failed', 'held'].includes(s.state));

describe('the invitation queue', () => {
  it('a pre-approved invitation goes out with application permissions: one email, redirect to the tenant\'s guestpass page, language and name as ordered, no custom message (Microsoft drops it)', async () => {
    const config = portalConfig(emulator);
    const { feature } = await startPortal(config);
    const result = await feature.invitations.enqueue({ tenantKey: TENANT, email: 'New.Person@Example.org', displayName: 'New Person', message: 'Welcome!', messageLanguage: 'de-DE', source: 'pre-approved', reference: 'request-1' });
    expect(result).toMatchObject({ outcome: 'queued' });
    const jobId = (result as { jobId: string }).jobId;
    const status = await until(() => feature.invitations.job(jobId), settled, 'the invitation');
    expect(status).toMatchObject({ jobId, state: 'sent', email: null });
    expect(status!.userId).toBeTruthy();
    const emails = emulator.outbox().filter((e) => e.to.toLowerCase() === 'new.person@example.org');
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ inviteRedirectUrl: `${config.publicBaseUrl}/t/${TENANT}`, messageLanguage: 'de-DE', invitedUserDisplayName: 'New Person', customizedMessageBody: null, invitedBy: null, invitedUserId: status!.userId });
    const audit = await feature.store.listAudit(jobId);
    expect(audit.map((a) => a.event)).toEqual(['accepted', 'sent']);
    expect(audit[0]!.detail).toBe('invite (pre-approved request-1); with application permissions');
  });

  it('ordering the same address again is "already invited" by guestpass\'s own records (before Graph would know), and sends nothing twice', async () => {
    const { feature } = await startPortal();
    const first = await feature.invitations.enqueue({ tenantKey: TENANT, email: 'twice@example.org', source: 'pre-approved' });
    const again = await feature.invitations.enqueue({ tenantKey: TENANT, email: 'TWICE@example.org', source: 'pre-approved' });
    expect(first.outcome).toBe('queued');
    expect(again).toEqual({ outcome: 'already-invited', jobId: (first as { jobId: string }).jobId });
    await drain(feature.store);
    expect(await feature.invitations.enqueue({ tenantKey: TENANT, email: 'twice@example.org', source: 'pre-approved' })).toEqual(again);
    expect(emailsTo(emulator, 'twice@example.org')).toBe(1);
  });

  it('a batch reports each row in upload order; a pending guest is skipped unless resendPending; a Graph 400 fails that row with Graph\'s reason', async () => {
    const { feature } = await startPortal();
    // Graph's answer to an address it refuses (the emulator's own check answers `+` addresses like this; shared's
    // address rules already refuse those before anything is queued, so the refusal is injected for one address).
    const refusal = "The invited user email address 'refused.row@example.org' contains characters that are not supported. Plus symbols and other special characters aren't supported in email addresses.";
    emulator.faults.inject({ route: 'POST /v1.0/invitations', fault: { kind: 'status', status: 400, body: { error: { code: 'BadRequest', message: refusal } } }, times: 1, probability: 1 });
    // The refused row first: its POST is the first one (the rows after it need more round trips before theirs).
    const rows = ['refused.row@example.org', DEMO_PEOPLE.pendingOutlookGuest, 'row.one@example.org', DEMO_PEOPLE.acceptedGmailGuest, 'row.five@example.org'];
    for (const [i, email] of rows.entries()) {
      expect(await feature.invitations.enqueue({ tenantKey: TENANT, email, source: 'csv', actor: ADMIN, batchId: 'csv-1', reference: `csv:csv-1:${i + 1}` })).toMatchObject({ outcome: 'queued' });
    }
    await adminCallsApi(running!.portal);
    await drain(feature.store);
    const batch = await feature.invitations.batch(TENANT, 'csv-1');
    expect(batch.map((b) => [b.state, b.reason ?? null])).toEqual([
      ['failed', `invite-failed: HTTP 400 BadRequest: ${refusal}`],
      ['skipped', 'pending-guest'],
      ['sent', null],
      ['skipped', 'already-accepted'],
      ['sent', null],
    ]);
    expect(batch[0]!.email).toBe('refused.row@example.org'); // a dead letter keeps the address for the admin
    expect(emulator.outbox().map((e) => e.to).sort()).toEqual(['row.five@example.org', 'row.one@example.org']);
    expect((await feature.store.listDeadLetters()).map((d) => d.address)).toEqual(['refused.row@example.org']);

    expect(await feature.invitations.enqueue({ tenantKey: TENANT, email: DEMO_PEOPLE.pendingOutlookGuest, source: 'csv', actor: ADMIN, batchId: 'csv-2', resendPending: true })).toMatchObject({ outcome: 'queued' });
    await drain(feature.store);
    expect((await feature.invitations.batch(TENANT, 'csv-2')).map((b) => b.state)).toEqual(['sent']);
    expect(emailsTo(emulator, DEMO_PEOPLE.pendingOutlookGuest)).toBe(1);
  });

  it('an admin\'s invitation is sent On-Behalf-Of that admin and carries their message; its audit names them', async () => {
    const { portal, feature } = await startPortal();
    await adminCallsApi(portal);
    const queued = await feature.invitations.enqueue({ tenantKey: TENANT, email: 'by.admin@example.org', message: 'Hi from Demo Admin', source: 'admin', actor: ADMIN });
    const jobId = (queued as { jobId: string }).jobId;
    expect(await until(() => feature.invitations.job(jobId), settled, 'the invitation')).toMatchObject({ state: 'sent' });
    expect(emulator.outbox()).toEqual([expect.objectContaining({ to: 'by.admin@example.org', customizedMessageBody: 'Hi from Demo Admin', invitedBy: DEMO_CONSOLE_USERS.admin.id })]);
    const audit = await feature.store.listAudit(jobId);
    expect(audit.map((a) => [a.event, a.actor])).toEqual([['accepted', ADMIN], ['sent', ADMIN]]);
  });

  it('when only admins and Guest Inviters may invite and the ordering admin is neither, Entra refuses and the job fails — the portal\'s own permission is not used instead', async () => {
    const { portal, feature } = await startPortal();
    const tenant = emulator.state.findTenant(DEMO_TENANT.id)!;
    tenant.authorizationPolicy.allowInvitesFrom = 'adminsAndGuestInviters';
    tenant.users.find((u) => u.id === ADMIN.oid)!.directoryRoles = []; // a guestpass admin without an Entra admin role
    await adminCallsApi(portal);
    const queued = await feature.invitations.enqueue({ tenantKey: TENANT, email: 'refused@example.org', source: 'admin', actor: ADMIN });
    const status = await until(() => feature.invitations.job((queued as { jobId: string }).jobId), settled, 'the invitation');
    expect(status).toMatchObject({ state: 'failed', reason: expect.stringMatching(new RegExp(`invite-refused for ${ADMIN.upn}`)) });
    expect(emulator.outbox()).toEqual([]);
  });

  it('an admin\'s invitation whose token is gone (a restart) is held "admin-session-needed", never dead, and is sent once after the admin\'s next admin API request', async () => {
    const databasePath = tempDatabasePath('admin-held');
    const config = portalConfig(emulator, { databasePath });
    const before = await startPortal(config);
    const queued = await before.feature.invitations.enqueue({ tenantKey: TENANT, email: 'after.restart@example.org', source: 'admin', actor: ADMIN });
    const jobId = (queued as { jobId: string }).jobId;
    // No admin API request on this instance yet: no token to act with.
    expect(await until(() => before.feature.invitations.job(jobId), settled, 'the hold')).toMatchObject({ state: 'held', reason: 'admin-session-needed' });
    await stopPortal();

    const after = await startPortal(config);
    await new Promise((r) => setTimeout(r, 300)); // the new worker runs meanwhile: still nothing to act with
    expect(await after.feature.invitations.job(jobId)).toMatchObject({ state: 'held', reason: 'admin-session-needed' });
    expect(await after.feature.store.listDeadLetters()).toEqual([]);
    expect(emulator.outbox()).toEqual([]);

    await adminCallsApi(after.portal);
    expect(await until(() => after.feature.invitations.job(jobId), (s) => s?.state === 'sent', 'the send')).toMatchObject({ state: 'sent' });
    await drain(after.feature.store);
    expect(emailsTo(emulator, 'after.restart@example.org')).toBe(1);
    expect(invitationPosts(emulator)).toBe(1);
    expect(emulator.outbox()[0]!.invitedBy).toBe(DEMO_CONSOLE_USERS.admin.id);
  });

  it('a POST /invitations whose answer is lost is never re-sent blindly: the re-run looks the guest up, finds them and counts the invitation as sent', async () => {
    // The re-run comes one window later; the window (here 3.6 s) must outlast Graph's replication lag (the emulator's
    // 3 s; real Graph's is seconds, the production window an hour) for the lookup to see the guest.
    const { feature } = await startPortal(portalConfig(emulator, { resendWindowMinutes: 0.06 }));
    emulator.faults.inject({ route: 'POST /v1.0/invitations', fault: { kind: 'lostResponse', status: 504 }, times: 1 });
    const queued = await feature.invitations.enqueue({ tenantKey: TENANT, email: 'lost.answer@example.org', source: 'pre-approved' });
    const jobId = (queued as { jobId: string }).jobId;
    const status = await until(() => feature.invitations.job(jobId), (s) => s?.state === 'sent', 'the re-run');
    expect(status).toMatchObject({ state: 'sent' });
    expect(invitationPosts(emulator)).toBe(1);
    expect(emailsTo(emulator, 'lost.answer@example.org')).toBe(1);
    expect((await feature.store.listAudit(jobId)).map((a) => a.event)).toEqual(['accepted', 'outcome-unknown-requeued', 'sent']);
  });

  it('refuses what it must not queue, with a reason: a bad address, an admin order without its admin, an unknown tenant, a script redirect', async () => {
    const { feature } = await startPortal();
    expect(await feature.invitations.enqueue({ tenantKey: TENANT, email: 'not an address', source: 'admin', actor: ADMIN })).toMatchObject({ outcome: 'invalid-address' });
    expect(await feature.invitations.enqueue({ tenantKey: TENANT, email: 'first+tag@example.org', source: 'admin', actor: ADMIN })).toMatchObject({ outcome: 'invalid-address', message: expect.stringMatching(/\+/) });
    expect(await feature.invitations.enqueue({ tenantKey: TENANT, email: 'a@example.org', source: 'admin' })).toEqual({ outcome: 'refused', reason: 'actor-required' });
    expect(await feature.invitations.enqueue({ tenantKey: 'nowhere.example', email: 'a@example.org', source: 'admin', actor: ADMIN })).toEqual({ outcome: 'refused', reason: 'unknown-tenant' });
    expect(await feature.invitations.enqueue({ tenantKey: TENANT, email: 'a@example.org', source: 'admin', actor: ADMIN, redirectUrl: 'javascript:alert(1)' })).toEqual({ outcome: 'refused', reason: 'bad-redirect' });
    expect(await feature.invitations.enqueue({ tenantKey: TENANT, email: 'a@example.org', source: 'admin', actor: ADMIN, messageLanguage: 'de"DE' })).toEqual({ outcome: 'refused', reason: 'bad-message-language' });
    expect(await feature.store.countJobs()).toMatchObject({ queued: 0, held: 0 });
  });
});
