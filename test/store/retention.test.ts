// Retention through the resend feature: at start (and every hour) finished jobs and audit records older than
// GUESTPASS_RETENTION_DAYS are deleted; no address stays in clear after its job is finished.
import { describe, expect, it } from 'vitest';
import { createResendFeature } from '../../portal/resend/index.ts';
import { openSqliteStore } from '../../portal/store/sqlite-store.ts';
import { startRetention } from '../../portal/store/retention.ts';
import { portalConfig, silentLogger, tempDatabasePath } from '../resend/support.ts';

const DAY = 86_400_000;
const job = (id: string) => ({ id, tenantKey: 't', address: `${id}@example.com`, addressHash: `h-${id}` });

describe('retention', () => {
  it('records of jobs finished more than the retention period ago are gone after the next pass; recent ones and queued jobs stay', async () => {
    const path = tempDatabasePath('retention');
    const store = openSqliteStore({ path });
    const now = Date.UTC(2026, 10, 29);
    const finish = async (id: string, at: number, to: 'done' | 'dead') => {
      await store.enqueue(job(id), [], at);
      const c = (await store.claimDue(at, 60_000))!;
      const change = to === 'done' ? ({ to, outcome: 'sent' } as const) : ({ to, reason: 'invite-failed: HTTP 403' } as const);
      await store.transition(id, c.leaseToken, change, { requestId: id, tenantKey: 't', addressHash: `h-${id}`, event: to, at });
    };
    await finish('done-40-days-ago', now - 40 * DAY, 'done');
    await finish('dead-40-days-ago', now - 40 * DAY, 'dead');
    await finish('done-yesterday', now - DAY, 'done');
    await store.enqueue(job('queued-40-days-ago'), [], now - 40 * DAY); // never finished: kept, whatever its age
    expect((await store.getJob('done-yesterday'))!.address).toBeNull();
    expect((await store.listDeadLetters())[0]!.address).toBe('dead-40-days-ago@example.com');
    await store.close();

    // A portal starting on this database with 30 days' retention prunes at once.
    const config = portalConfig({ loginBaseUrl: 'https://login.invalid', graphBaseUrl: 'https://graph.invalid' }, { databasePath: path, retentionDays: 30 });
    const feature = await createResendFeature({ config, logger: silentLogger, now: () => new Date(now) });
    for (let i = 0; i < 100 && (await feature.store.getJob('done-40-days-ago')); i++) await new Promise((r) => setTimeout(r, 10));
    expect(await feature.store.getJob('done-40-days-ago')).toBeNull();
    expect(await feature.store.getJob('dead-40-days-ago')).toBeNull();
    expect(await feature.store.listDeadLetters()).toEqual([]);
    expect((await feature.store.getJob('done-yesterday'))!.state).toBe('done');
    expect((await feature.store.getJob('queued-40-days-ago'))!.state).toBe('queued');
    expect((await feature.store.listAudit()).every((a) => a.at >= now - 30 * DAY)).toBe(true);
    await feature.close();
  });

  it('a pass that fails (database away) is logged and the next one runs', async () => {
    const errors: string[] = [];
    let calls = 0;
    const retention = startRetention({
      store: {
        prune: async () => {
          calls += 1;
          if (calls === 1) throw new Error('connection refused');
          return { jobs: 0, audit: 0, windows: 0 };
        },
      },
      retentionDays: 30,
      now: Date.now,
      logger: { error: (_o: unknown, msg: string) => errors.push(msg), info: () => undefined } as never,
      everyMs: 5,
    });
    for (let i = 0; i < 200 && calls < 2; i++) await new Promise((r) => setTimeout(r, 5));
    retention.stop();
    expect(errors).toEqual(['retention: pruning failed']);
    expect(calls).toBeGreaterThanOrEqual(2);
  });
});
