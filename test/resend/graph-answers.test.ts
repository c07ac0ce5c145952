// The resend worker against Graph's answers as the real-behaviour reference (§5) records them: Retry-After in
// fractional seconds, integers and HTTP-dates, and the 500 "Unable to find target address". Waits are asserted on
// the worker's injected clock and sleep, never by timing.
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from '../../portal/graph/failures.ts';
import { createResendFeature, type ResendFeature } from '../../portal/resend/index.ts';
import { DEMO_PEOPLE, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { unableToFindTargetAddress } from '../emulator/faults.ts';
import { fileEmulator } from '../support/file-emulator.ts';
import { demoTenantConfig, drain, emailsTo, invitationPosts, portalConfig, silentLogger, testClock, type TestClock, VIRTUAL_START } from './support.ts';

const NOW = VIRTUAL_START; // a whole second, so an HTTP-date lands exactly
const PENDING = DEMO_PEOPLE.pendingOutlookGuest;
const INVITATIONS = 'POST /v1.0/invitations';

describe('parseRetryAfter (real-behaviour §5, RFC 9110 §10.2.3)', () => {
  it.each([
    ['2.128', 2_128],
    ['0.5', 500],
    ['10', 10_000],
    ['0', 0],
    [' 3 ', 3_000],
    ['2.1281', 2_129], // never wait less than asked
  ])('delay-seconds %j waits %i ms', (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  it('reads the three HTTP-date forms as GMT, and a past date as "now"', () => {
    expect(parseRetryAfter(new Date(NOW + 30_000).toUTCString(), NOW)).toBe(30_000);
    expect(parseRetryAfter('Sunday, 29-Nov-26 12:00:45 GMT', NOW)).toBe(45_000);
    expect(parseRetryAfter('Sun Nov 29 12:01:00 2026', NOW)).toBe(60_000);
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', NOW)).toBe(0);
  });

  it.each(['', 'soon', '-1', '1e3', '2.128s', '.5', '2,5', 'Sun, 31 Feb 2026 12:00:00 GMT', '2026-11-29T12:00:30Z', 'Sun, 29 Nov 2026 12:00:30 PST'])(
    'garbage %j is unreadable (null), so the caller falls back to its backoff',
    (value) => {
      expect(parseRetryAfter(value, NOW)).toBeNull();
    },
  );

  it('caps a huge value, so a broken header cannot pause a tenant for days', () => {
    expect(parseRetryAfter('9999999999', NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter(new Date(NOW + 40 * 86_400_000).toUTCString(), NOW)).toBe(MAX_RETRY_AFTER_MS);
  });
});

const emulator = fileEmulator();
let feature: ResendFeature | undefined;
afterEach(async () => {
  await feature?.close();
  feature = undefined;
});

/** One queued request for the pending guest, then the worker started (one slot, so the clock only moves when it waits). */
async function askAndRun(clock: TestClock, windowMinutes = 60): Promise<{ f: ResendFeature; id: string }> {
  const f = await createResendFeature({
    config: portalConfig(emulator, { resendWindowMinutes: windowMinutes, tenants: [demoTenantConfig()] }),
    logger: silentLogger,
    now: clock.date,
    tuning: {
      sleep: clock.sleep,
      concurrency: 1,
      pollMs: 3_600_000,
      leaseMs: 3_600_000,
      random: () => 0.999,
      budget: { calls: 1000, perMs: 1_000 },
      retry: { baseDelayMs: 4_000, maxDelayMs: 60_000 },
    },
  });
  feature = f;
  const answer = await f.service.accept({ tenantKey: DEMO_TENANT.domain, email: PENDING, clientIp: '192.0.2.10' });
  if (answer.outcome !== 'accepted') throw new Error(JSON.stringify(answer));
  f.worker.start();
  return { f, id: answer.requestId };
}

describe('the worker honours Retry-After on the clock it was given', () => {
  it.each([
    ['2.128', 2_128],
    ['0.5', 500],
    ['10', 10_000],
    [new Date(NOW + 30_000).toUTCString(), 30_000],
  ])('a 429 with Retry-After %j: the next invitation waits %i ms, and exactly one email goes out', async (retryAfter, ms) => {
    const clock = testClock(NOW);
    emulator.faults.inject({ route: INVITATIONS, fault: { kind: 'status', status: 429, retryAfter }, times: 1 });
    const { f, id } = await askAndRun(clock);
    await drain(f.store, { clock, slots: 1 });

    const audit = await f.store.listAudit(id);
    const retry = audit.find((a) => a.event === 'retry-scheduled')!;
    const sent = audit.find((a) => a.event === 'sent')!;
    expect(retry.detail).toMatch(new RegExp(`HTTP 429.* in ${ms} ms$`));
    expect(sent.at - retry.at).toBeGreaterThanOrEqual(ms);
    // The worker slept exactly the asked time before the second invitation (no shorter wait, no extra backoff).
    expect(clock.sleeps[0]).toBe(ms);
    expect(invitationPosts(emulator)).toBe(2);
    expect(emailsTo(emulator, PENDING)).toBe(1);
  });

  it('an unreadable Retry-After falls back to the exponential backoff', async () => {
    const clock = testClock(NOW);
    emulator.faults.inject({ route: INVITATIONS, fault: { kind: 'status', status: 429, retryAfter: 'later, maybe' }, times: 1 });
    const { f, id } = await askAndRun(clock);
    await drain(f.store, { clock, slots: 1 });
    // backoff(1) with random 0.999 and a 4 s base: floor(0.999 × 4000).
    expect((await f.store.listAudit(id)).find((a) => a.event === 'retry-scheduled')!.detail).toMatch(/HTTP 429.* in 3996 ms$/);
    expect(clock.sleeps[0]).toBe(3_996);
    expect(emailsTo(emulator, PENDING)).toBe(1);
  });
});

describe('POST /invitations answering 500 "Unable to find target address" (real-behaviour §5)', () => {
  it('is an unknown outcome: not re-sent inside the window, sent once after it', async () => {
    const clock = testClock(NOW);
    emulator.faults.inject({ route: INVITATIONS, fault: unableToFindTargetAddress(), times: 1 });
    const { f, id } = await askAndRun(clock, 1);
    await drain(f.store, { clock, slots: 1 });
    const audit = await f.store.listAudit(id);
    expect(audit.map((a) => a.event)).toEqual(['accepted', 'outcome-unknown-requeued', 'sent']);
    expect(audit[1]!.detail).toMatch(/^HTTP 500 InternalServerError; retry after the window/);
    // Re-posted only a full window (1 min of virtual time) after the unknown outcome.
    expect(audit[2]!.at - audit[1]!.at).toBeGreaterThanOrEqual(60_000);
    expect(invitationPosts(emulator)).toBe(2);
    expect(emailsTo(emulator, PENDING)).toBe(1);
  });
});
