// One Graph budget per tenant, shared by every feature (issue 11): a Retry-After that the health check receives
// pauses the tenant for the resend worker too, and the health check's requests (each one inside a `$batch`) are
// taken from the same budget. Real store, real worker, real graph-client against the emulator; time from the test.
import { afterEach, describe, expect, it } from 'vitest';
import { checkTenantHealth } from '../../portal/health/index.ts';
import { createResendFeature, type ResendFeature } from '../../portal/resend/index.ts';
import { DEMO_PEOPLE, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { fileEmulator } from '../support/file-emulator.ts';
import { demoTenantConfig, drain, emailsTo, portalConfig, runUntil, silentLogger, testClock, type TestClock } from '../resend/support.ts';

const emulator = fileEmulator();
let feature: ResendFeature | undefined;
afterEach(async () => {
  await feature?.close();
  feature = undefined;
});

const TENANT = DEMO_TENANT.domain;
const PENDING = DEMO_PEOPLE.pendingOutlookGuest;
const RETRY_AFTER_S = 120;

async function start(clock: TestClock, calls = 1000) {
  const config = portalConfig(emulator, { tenants: [demoTenantConfig()] });
  feature = await createResendFeature({
    config,
    logger: silentLogger,
    now: clock.date,
    tuning: { sleep: clock.sleep, pollMs: 50_000, concurrency: 1, leaseMs: 3_600_000, graphTimeoutMs: 5_000, budget: { calls, perMs: 1_000 } },
  });
  return { f: feature, config };
}

/** Graph requests of the demo tenant's app (not the token endpoint), as the emulator logged them. */
const graphCalls = () => emulator.requests().filter((r) => r.path.startsWith('/v1.0/') || r.path.startsWith('/beta/')).length;

describe('one Graph budget per tenant, shared by every feature', () => {
  it('a 429 with Retry-After that the health check receives pauses the resend worker: no Graph call for the tenant until it ends', async () => {
    const clock = testClock();
    const { f, config } = await start(clock);
    // Inside the health check's `$batch`: Graph throttles one inner request (facts §3).
    const rule = emulator.faults.inject({ route: /authorizationPolicy/, fault: { kind: 'status', status: 429, retryAfterSeconds: RETRY_AFTER_S }, times: 1 });
    await checkTenantHealth(config.tenants[0]!, config.graph, { budget: f.graphBudget, now: clock.now, reader: { attempts: 1 } });
    expect(rule.fired()).toBe(1);
    const pausedAt = clock.now();
    expect(await f.graphBudget.pausedUntil(TENANT)).toBe(pausedAt + RETRY_AFTER_S * 1000);

    // A guest asks now: the worker claims the job and waits for the tenant's budget — on the test clock.
    const before = graphCalls();
    f.worker.start();
    const answer = await f.service.accept({ tenantKey: TENANT, email: PENDING, clientIp: '192.0.2.10' });
    expect(answer.outcome).toBe('accepted');
    await runUntil(async () => (clock.sleeping() >= 1 && clock.nextWake() === pausedAt + RETRY_AFTER_S * 1000 ? true : `sleeping ${clock.sleeping()}, next ${clock.nextWake()}`));
    clock.advance(RETRY_AFTER_S * 1000 - 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(graphCalls()).toBe(before);
    expect(emailsTo(emulator, PENDING)).toBe(0);

    // The pause ends: the invitation goes out, once.
    await drain(f.store, { clock, slots: 1 });
    expect(emailsTo(emulator, PENDING)).toBe(1);
    expect(graphCalls()).toBeGreaterThan(before);
  });

  it('the health check takes each of its requests (each one inside a `$batch`) from the tenant\'s budget', async () => {
    const clock = testClock();
    const { f, config } = await start(clock);
    const taken: number[] = [];
    const budget = { ...f.graphBudget, take: async (key: string, signal?: AbortSignal) => (taken.push(1), f.graphBudget.take(key, signal)) };
    const report = await checkTenantHealth(config.tenants[0]!, config.graph, { budget, now: clock.now });
    expect(report.graphRequests).toBeGreaterThan(1);
    expect(taken.length).toBe(report.graphRequests);
  });
});
