// The worker between tenants and across long waits: one tenant's backlog waiting for its Graph budget must not hold
// up another tenant's guests, and a job waiting out its tenant's budget keeps its lease (no other slot or instance
// takes it over and looks the guest up again). The real worker, store, msal-node and graph-client against the
// emulator, on a clock the test drives.
import { afterEach, describe, expect, it } from 'vitest';
import { createResendFeature, type ResendFeature } from '../../portal/resend/index.ts';
import type { BudgetOptions } from '../../portal/graph/budget.ts';
import { fileEmulator } from '../support/file-emulator.ts';
import { addTenant, drain, emailsTo, portalConfig, silentLogger, testClock, VIRTUAL_START, type ExtraTenant, type TestClock } from './support.ts';

const emulator = fileEmulator();
let feature: ResendFeature | undefined;
afterEach(async () => {
  await feature?.close();
  feature = undefined;
});

const SLOTS = 2;

async function start(tenants: ExtraTenant[], knobs: { budget: BudgetOptions; leaseMs: number; pollMs: number }) {
  const clock = testClock();
  feature = await createResendFeature({
    config: portalConfig(emulator, { tenants: tenants.map((t) => t.config) }),
    logger: silentLogger,
    now: clock.date,
    tuning: { sleep: clock.sleep, concurrency: SLOTS, ...knobs },
  });
  return { feature, clock };
}

/** Virtual ms after the start at which the emulator sent the (only) email to `address`. */
function sentAfter(clock: TestClock, address: string): number {
  const email = emulator.outbox().find((e) => e.to === address);
  if (!email) throw new Error(`no email to ${address}`);
  return clock.toVirtual(Date.parse(email.sentAt)) - VIRTUAL_START;
}

/** Graph lookups of an address (GET /users filtered on it). */
const lookupsOf = (address: string) =>
  emulator.requests().filter((r) => r.method === 'GET' && r.path.startsWith('/v1.0/users') && decodeURIComponent(r.path).includes(address)).length;

describe('the resend worker between tenants', () => {
  it("when one tenant's backlog has spent its Graph budget, another tenant's guest still gets their email at once", async () => {
    const busy = addTenant(emulator, 'busy', 6);
    const quiet = addTenant(emulator, 'quiet', 1);
    // Two calls per 10 s: the busy tenant's first guest (lookup + invitation) spends it all.
    const { feature, clock } = await start([busy, quiet], { budget: { calls: 2, perMs: 10_000 }, leaseMs: 600_000, pollMs: 50_000 });
    // The busy tenant's six requests arrive first, the quiet tenant's one last.
    for (const email of busy.pending) await feature.service.accept({ tenantKey: busy.config.key, email, clientIp: '203.0.113.7' });
    await feature.service.accept({ tenantKey: quiet.config.key, email: quiet.pending[0]!, clientIp: '203.0.113.8' });
    feature.worker.start();
    await drain(feature.store, { clock, slots: SLOTS, limitMs: 60_000 });

    // The quiet tenant's guest did not wait for the busy tenant's budget to come back (10 s and more).
    expect(sentAfter(clock, quiet.pending[0]!)).toBeLessThan(10_000);
    // The busy tenant's guests all got theirs, one each, paced by its budget: the last one a period per guest later.
    for (const address of busy.pending) expect(emailsTo(emulator, address)).toBe(1);
    expect(sentAfter(clock, busy.pending.at(-1)!)).toBeGreaterThanOrEqual(5 * 10_000);
  });

  it('a job waiting for its tenant\'s Graph budget longer than its lease keeps the job: it is not taken over nor looked up twice', async () => {
    const tenant = addTenant(emulator, 'slow', 1);
    const address = tenant.pending[0]!;
    // One call per 30 s, a 10 s lease: the invitation waits ~30 s for the call after the lookup. The other slot looks
    // for expired leases every 2 s meanwhile.
    const { feature, clock } = await start([tenant], { budget: { calls: 1, perMs: 30_000 }, leaseMs: 10_000, pollMs: 2_000 });
    await feature.service.accept({ tenantKey: tenant.config.key, email: address, clientIp: '203.0.113.7' });
    feature.worker.start();
    await drain(feature.store, { clock, slots: SLOTS, limitMs: 60_000 });

    expect(sentAfter(clock, address)).toBeGreaterThanOrEqual(30_000);
    expect(emailsTo(emulator, address)).toBe(1);
    expect(lookupsOf(address)).toBe(1);
    const events = (await feature.store.listAudit()).map((a) => a.event);
    expect(events).not.toContain('recovered');
    expect(events).toEqual(['accepted', 'sent']);
  });
});
