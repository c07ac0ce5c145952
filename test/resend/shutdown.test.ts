// Graceful shutdown: stop() lets an invitation already on the wire finish, and gives back jobs that were only
// waiting, so a restart picks them up at once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createResendFeature } from '../../portal/resend/index.ts';
import { DEMO_PEOPLE, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { drain, emailsTo, portalConfig, silentLogger } from './support.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.stop();
});
beforeEach(() => emulator.reset());

const until = async (check: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 500 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
  if (!(await check())) throw new Error('condition not reached');
};

describe('worker.stop()', () => {
  it('finishes an invitation already sent to Graph before it returns', async () => {
    const config = portalConfig(emulator);
    const feature = await createResendFeature({ config, logger: silentLogger, tuning: { graphTimeoutMs: 5_000 } });
    emulator.faults.inject({ route: 'POST /v1.0/invitations', fault: { kind: 'delay', ms: 400 }, times: 1 });
    feature.worker.start();
    const answer = await feature.service.accept({ tenantKey: DEMO_TENANT.domain, email: DEMO_PEOPLE.pendingOutlookGuest, clientIp: '192.0.2.5' });
    const id = (answer as { requestId: string }).requestId;
    await until(() => emulator.faults.fired() === 1);
    await feature.worker.stop();
    expect(await feature.store.getJob(id)).toMatchObject({ state: 'done', outcome: 'sent' });
    expect(emailsTo(emulator, DEMO_PEOPLE.pendingOutlookGuest)).toBe(1);
    await feature.close();
  });

  it('gives back a job that was waiting for the Graph budget; the next worker sends it', async () => {
    const config = portalConfig(emulator);
    // Budget for exactly one call, then one per 1000 s: the second job waits.
    const slow = await createResendFeature({ config, logger: silentLogger, tuning: { budget: { calls: 1, perMs: 1_000_000 }, concurrency: 1 } });
    slow.worker.start();
    const first = await slow.service.accept({ tenantKey: DEMO_TENANT.domain, email: 'stranger@example.org', clientIp: '192.0.2.5' });
    const second = await slow.service.accept({ tenantKey: DEMO_TENANT.domain, email: DEMO_PEOPLE.pendingOutlookGuest, clientIp: '192.0.2.5' });
    await until(async () => (await slow.store.getJob((first as { requestId: string }).requestId))!.state === 'done');
    await until(async () => (await slow.store.getJob((second as { requestId: string }).requestId))!.state === 'in-flight');
    await slow.close();

    const next = await createResendFeature({ config, logger: silentLogger });
    expect(await next.store.getJob((second as { requestId: string }).requestId)).toMatchObject({ state: 'queued' });
    next.worker.start();
    await drain(next.store);
    expect(emailsTo(emulator, DEMO_PEOPLE.pendingOutlookGuest)).toBe(1);
    await next.close();
  });
});
