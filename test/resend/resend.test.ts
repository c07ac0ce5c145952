// Self-service resend through the service and the worker, against the emulator's Graph with msal-node and
// graph-client: who gets an email, how often, and with what.
import { afterEach, describe, expect, it } from 'vitest';
import { createResendFeature, type ResendFeature } from '../../portal/resend/index.ts';
import { DEMO_PEOPLE, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { fileEmulator } from '../support/file-emulator.ts';
import { DEMO_MESSAGE, drain, emailsTo, invitationPosts, portalConfig, silentLogger, testClock, type TestClock } from './support.ts';

const emulator = fileEmulator();
let feature: ResendFeature | undefined;
let clock: TestClock;
afterEach(async () => {
  await feature?.close();
  feature = undefined;
});

const TENANT = DEMO_TENANT.domain;
const ip = '203.0.113.7';

async function start(options: { overrides?: Parameters<typeof portalConfig>[1] } = {}) {
  clock = testClock();
  feature = await createResendFeature({
    config: portalConfig(emulator, options.overrides),
    logger: silentLogger,
    now: clock.date,
    tuning: { sleep: clock.sleep, concurrency: 2, pollMs: 50_000, leaseMs: 600_000, budget: { calls: 1000, perMs: 1_000 } },
  });
  feature.worker.start();
  return { feature, clock };
}

/** Runs the worker until the queue is empty, on the test's clock (2 slots). */
function settle(f: ResendFeature) {
  return drain(f.store, { clock, slots: 2 });
}

describe('self-service resend', () => {
  it('a pending guest gets exactly one invitation email, with the tenant message and My Apps link', async () => {
    // Microsoft drops a custom message sent by an application (facts §5.5, the emulator's default); the old reading
    // keeps it, which is what shows that the portal sends the tenant's message at all.
    emulator.state.behaviour.appInvitationMessage = 'kept';
    const { feature } = await start();
    const answer = await feature.service.accept({ tenantKey: TENANT, email: DEMO_PEOPLE.pendingOutlookGuest, clientIp: ip });
    expect(answer).toMatchObject({ outcome: 'accepted' });
    await settle(feature);

    const emails = emulator.outbox().filter((e) => e.to === DEMO_PEOPLE.pendingOutlookGuest);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.customizedMessageBody).toBe(DEMO_MESSAGE);
    expect(emails[0]!.inviteRedirectUrl).toMatch(/^https:\/\/myapps\.microsoft\.com\/.*(7f3c2281-b2b0-4e5a-9c1d-3e8f5a6b2281|ezaz2281\.onmicrosoft\.com)/);
    if (answer.outcome !== 'accepted') throw new Error('not accepted');
    expect(await feature.store.getJob(answer.requestId)).toMatchObject({ state: 'done', outcome: 'sent', address: null });
  });

  it('when a pending guest asks again within the hour, no second email is sent', async () => {
    const { feature, clock } = await start();
    await feature.service.accept({ tenantKey: TENANT, email: DEMO_PEOPLE.pendingOutlookGuest, clientIp: ip });
    await settle(feature);
    // Asked again 1, 30 and 59 minutes after the email (in another letter case).
    for (const minutes of [1, 29, 29]) {
      clock.advance(minutes * 60_000);
      await feature.service.accept({ tenantKey: TENANT, email: 'ConceptsUser@Outlook.com', clientIp: ip });
      await settle(feature);
    }
    expect(emailsTo(emulator, DEMO_PEOPLE.pendingOutlookGuest)).toBe(1);
    expect(invitationPosts(emulator)).toBe(1);
    const outcomes = (await feature.store.listAudit()).filter((a) => a.event === 'suppressed-window');
    expect(outcomes).toHaveLength(3);
  });

  it('once the window has passed, a pending guest who asks again gets a new email', async () => {
    const { feature, clock } = await start();
    await feature.service.accept({ tenantKey: TENANT, email: DEMO_PEOPLE.pendingOutlookGuest, clientIp: ip });
    await settle(feature);
    clock.advance(61 * 60_000);
    await feature.service.accept({ tenantKey: TENANT, email: DEMO_PEOPLE.pendingOutlookGuest, clientIp: ip });
    await settle(feature);
    expect(emailsTo(emulator, DEMO_PEOPLE.pendingOutlookGuest)).toBe(2);
  });

  it('two requests for the same pending guest stored at the same moment still send one email', async () => {
    const { feature } = await start();
    for (let i = 0; i < 6; i++) await feature.service.accept({ tenantKey: TENANT, email: DEMO_PEOPLE.longPendingGuest, clientIp: ip });
    await settle(feature);
    expect(emailsTo(emulator, DEMO_PEOPLE.longPendingGuest)).toBe(1);
    // One msal app per tenant: its cached token served every call.
    expect(emulator.requests().filter((r) => r.path.includes('/oauth2/v2.0/token'))).toHaveLength(1);
  });

  it.each([
    ['an accepted guest', DEMO_PEOPLE.acceptedGmailGuest, 'already-accepted'],
    ['a member', DEMO_PEOPLE.guestInviterMember, 'no-guest-with-address'],
    ['an unknown address', 'someone.new@example.org', 'no-guest-with-address'],
    ["a guest of another tenant only", DEMO_PEOPLE.partnerOnlyGuest, 'no-guest-with-address'],
  ])('%s gets no email and Graph is never asked to invite', async (_label, address, reason) => {
    const { feature } = await start();
    const before = emulator.state.findTenant(DEMO_TENANT.id)!.users.length;
    const answer = await feature.service.accept({ tenantKey: TENANT, email: address, clientIp: ip });
    expect(answer).toMatchObject({ outcome: 'accepted' });
    await settle(feature);
    expect(emulator.outbox()).toHaveLength(0);
    expect(invitationPosts(emulator)).toBe(0);
    expect(emulator.state.findTenant(DEMO_TENANT.id)!.users.length).toBe(before);
    const audit = await feature.store.listAudit((answer as { requestId: string }).requestId);
    expect(audit.map((a) => [a.event, a.detail])).toEqual([['accepted', undefined], ['no-invitation', reason]]);
  });

  it('a malformed address or one with + is refused with a message, and nothing is stored', async () => {
    const { feature } = await start();
    for (const email of ['not-an-address', 'jane+work@gmail.com']) {
      const answer = await feature.service.accept({ tenantKey: TENANT, email, clientIp: ip });
      expect(answer.outcome).toBe('invalid-address');
      expect((answer as { message: string }).message.length).toBeGreaterThan(10);
    }
    expect(await feature.store.listAudit()).toHaveLength(0);
  });

  it('over the per-address limit the answer is rate-limited with a wait, for known and unknown addresses alike', async () => {
    const { feature } = await start({ overrides: { rateLimits: { perIpPerHour: 100, perAddressPerHour: 2, perTenantPerHour: 100 } } });
    for (const email of [DEMO_PEOPLE.pendingOutlookGuest, 'nobody@example.org']) {
      expect((await feature.service.accept({ tenantKey: TENANT, email, clientIp: ip })).outcome).toBe('accepted');
      expect((await feature.service.accept({ tenantKey: TENANT, email, clientIp: ip })).outcome).toBe('accepted');
      const third = await feature.service.accept({ tenantKey: TENANT, email, clientIp: ip });
      expect(third.outcome).toBe('rate-limited');
      expect((third as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(3000);
    }
  });

  it('over the per-IP limit the next request from that IP is refused, another IP is not', async () => {
    const { feature } = await start({ overrides: { rateLimits: { perIpPerHour: 3, perAddressPerHour: 100, perTenantPerHour: 100 } } });
    for (let i = 0; i < 3; i++) await feature.service.accept({ tenantKey: TENANT, email: `a${i}@example.org`, clientIp: ip });
    expect((await feature.service.accept({ tenantKey: TENANT, email: 'b@example.org', clientIp: ip })).outcome).toBe('rate-limited');
    expect((await feature.service.accept({ tenantKey: TENANT, email: 'b@example.org', clientIp: '198.51.100.1' })).outcome).toBe('accepted');
  });

  it('the audit trail never holds an address in clear', async () => {
    const { feature } = await start();
    await feature.service.accept({ tenantKey: TENANT, email: DEMO_PEOPLE.pendingOutlookGuest, clientIp: ip });
    await feature.service.accept({ tenantKey: TENANT, email: 'unknown.person@example.org', clientIp: ip });
    await settle(feature);
    const text = JSON.stringify((await feature.store.listAudit()));
    expect(text).not.toMatch(/conceptsuser|unknown\.person|outlook\.com|example\.org|203\.0\.113/i);
    expect((await feature.store.listAudit()).map((a) => a.event)).toContain('sent');
  });

  it('a tenant without Graph credentials dead-letters the request for an admin instead of losing it', async () => {
    const { feature } = await start({ overrides: { tenants: [{ ...portalConfig(emulator).tenants[0]!, credentials: undefined }] } });
    const answer = await feature.service.accept({ tenantKey: TENANT, email: DEMO_PEOPLE.pendingOutlookGuest, clientIp: ip });
    await settle(feature);
    expect(await feature.store.listDeadLetters()).toMatchObject([
      { requestId: (answer as { requestId: string }).requestId, address: DEMO_PEOPLE.pendingOutlookGuest, reason: expect.stringMatching(/credentials/) },
    ]);
  });
});
