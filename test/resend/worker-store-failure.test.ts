// When the store can't be read (database locked, PostgreSQL restarting, network cut), the worker logs it, waits
// with a growing pause and tries again — it never ends in an unhandled rejection that takes the portal down.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createResendWorker, storeRetryDelay } from '../../portal/resend/worker.ts';
import { openSqliteStore } from '../../portal/store/sqlite-store.ts';
import type { ResendStore } from '../../portal/store/store.ts';
import { tempDatabasePath } from './support.ts';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
process.on('unhandledRejection', onUnhandled);
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

/** The real SQLite store, whose reads fail while `failing.count > 0` (each failed call counts down). */
function storeThatFails(store: ResendStore, failing: { count: number; methods: (keyof ResendStore)[] }): ResendStore {
  return new Proxy(store, {
    get(target, name: keyof ResendStore) {
      const value = target[name];
      if (typeof value !== 'function' || !failing.methods.includes(name)) return value;
      return async (...args: unknown[]) => {
        if (failing.count > 0) {
          failing.count -= 1;
          throw new Error('SQLITE_BUSY: database is locked');
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe('resend worker and a failing store', () => {
  it('when the store fails to answer, the worker logs it, backs off further each time, and carries on once it answers', async () => {
    const real = openSqliteStore({ path: tempDatabasePath('store-failure'), synchronous: 'NORMAL' });
    // nextDueAt alone fails, on an empty queue (claimDue answers null, so each loop reaches it): it is the read that
    // used to sit outside the try, where its rejection ended the slot as an unhandled rejection.
    const failing = { count: 3, methods: ['nextDueAt'] as (keyof ResendStore)[] };
    const store = storeThatFails(real, failing);
    const { logger, lines } = recordingLogger();
    const waits: number[] = [];
    const worker = createResendWorker({
      store,
      tenants: [], // a job for an unknown tenant ends as a dead letter without calling Graph
      graphClientFor: () => {
        throw new Error('not used');
      },
      invitationFor: () => ({ inviteRedirectUrl: 'https://myapps.microsoft.com' }),
      logger,
      windowMs: 3_600_000,
      random: () => 0.5,
      concurrency: 1,
      pollMs: 1_000,
      sleep: async (ms) => {
        waits.push(ms);
        await new Promise((r) => setImmediate(r));
      },
    });
    worker.start();
    // Work arrives only once every failure has been met on the empty queue.
    for (let i = 0; i < 500 && failing.count > 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(failing.count).toBe(0);
    await real.enqueue({ id: 'j1', tenantKey: 'contoso.onmicrosoft.com', address: 'a@example.com', addressHash: 'h' }, [], Date.now());
    for (let i = 0; i < 500 && (await real.getJob('j1'))!.state !== 'dead'; i++) await new Promise((r) => setTimeout(r, 5));
    await worker.stop();

    expect(await real.getJob('j1')).toMatchObject({ state: 'dead', outcome: 'unknown-tenant' });
    const errors = lines.filter((l) => l.msg === 'resend store unavailable; retrying');
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatchObject({ level: 50, err: { message: 'SQLITE_BUSY: database is locked' } });
    // Growing pauses, one per failure in a row: 0.5 s, 1 s, 2 s, ... (half fixed, half jitter).
    const pauses = errors.map((e) => e.retryInMs as number);
    expect(pauses).toEqual(errors.map((_, i) => storeRetryDelay(i + 1, () => 0.5)));
    expect(pauses[1]!).toBeGreaterThan(pauses[0]!);
    expect(waits.slice(0, pauses.length)).toEqual(pauses);
    expect(unhandled).toEqual([]);
    await real.close();
  });

  it('the pause before retrying a failing store grows to at most 30 s and never drops near zero', () => {
    for (const random of [() => 0, () => 0.999]) {
      expect(storeRetryDelay(1, random)).toBeGreaterThanOrEqual(250);
      expect(storeRetryDelay(50, random)).toBeLessThanOrEqual(30_000);
      expect(storeRetryDelay(50, random)).toBeGreaterThanOrEqual(15_000);
    }
  });
});
